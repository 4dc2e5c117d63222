import { describe, expect, it } from 'vitest';
import { buildCatalog, idAt } from '../../../src/lib/catalog/catalog';
import { Finder } from '../../../src/lib/finder/finder';
import { packResponse } from '../../../src/lib/finder/protocol';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SearchIndex } from '../../../src/lib/search/search';
import { SegmentPart } from '../../../src/lib/search/segment';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { isOverlayKey, OVERLAY_SHARD, overlayHides, textBlockKeys } from '../../../src/lib/store/keys';
import { readMarks, savePosition, setRead, setSaved } from '../../../src/lib/store/readerState';
import { storedArticles } from '../../../src/lib/store/segments';
import { deltaFolder, overlayOf } from '../helpers/deltaFeed';
import { keysOf } from '../helpers/hits';
import { entry, FOLDER_URL } from '../helpers/searchFeed';
import { openTestDb } from '../helpers/testDb';

const source = { id: 'blog', feedUrl: FOLDER_URL };
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}T00:00:00Z`;
/** Eight months of five posts: a delta that edits one post a month touches every shard. */
const months = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
/** `archive` older posts in one month besides: enough to make deltas cost less than the shards, so they are kept. */
const base = (archive = 0) => [
  ...months.flatMap((m) => [1, 2, 3, 4, 5].map((d) => entry(`p-${m}-${d}`, day(m, d), `Post ${m} ${d}`, `plain words of ${m} ${d}`))),
  ...Array.from({ length: archive }, (_, i) => entry(`old-${i}`, day('2024-01', 1 + (i % 28)), `Old ${i}`, `an older post ${i}`)),
];
const words: Record<number, string> = { 1: 'quokka', 3: 'narwhal' };
/** One post a month retitled, two removed, one added. */
const scattered = (round: number, archive = 0) => [
  ...base(archive)
    .filter((e) => !['p-2025-10-2', 'p-2026-02-4'].includes(e.article.id))
    .map((e) => (e.article.id.endsWith(`-${round}`) ? entry(e.article.id, e.article.date ?? '', `${e.article.title} revised${round} ${words[round]}`, 'new body') : e)),
  entry('n-1', day('2026-03', 20), 'A new post about wombats', 'fresh'),
];

/** What the list shows: each article's key and title, in list order, from the stored chunks. */
async function listing(db: FolioDb): Promise<string[]> {
  const chunks = await db.catalog.toArray();
  const catalog = buildCatalog(chunks);
  const texts = new Map<string, string>();
  for (const chunk of chunks) for (const a of await storedArticles(db, chunk)) texts.set(`${chunk.key} ${a?.id}`, a?.title ?? '');
  return Array.from({ length: catalog.size }, (_, p) => {
    const chunk = catalog.chunks[catalog.chunkOf[p] ?? 0]!;
    return `${idAt(catalog, p)}: ${texts.get(`${chunk.key} ${idAt(catalog, p)}`)}`;
  });
}

async function fresh(folder: ReturnType<typeof deltaFolder>): Promise<{ listing: string[]; keys: string[] }> {
  const db = openTestDb();
  await syncFolder(db, source, folder.env);
  folder.take();
  return { listing: await listing(db), keys: (await db.catalog.orderBy('key').primaryKeys()) as string[] };
}

async function search(db: FolioDb, query: string): Promise<string[]> {
  const index = new SearchIndex();
  const segments = await db.segments.toArray();
  for (const s of segments) index.put(s.meta, s.body);
  const [overlay] = await overlayOf(db);
  const hidden = new Set(overlay ? overlayHides(overlay) : []);
  for (const s of segments) if (s.shardKey !== OVERLAY_SHARD) index.hide(s.sourceId, s.shardKey, hidden);
  return index.search(query).hits.map((h) => h.id).sort();
}

async function synced(folder: ReturnType<typeof deltaFolder>): Promise<FolioDb> {
  const db = openTestDb();
  folder.build(base());
  await syncFolder(db, source, folder.env);
  folder.take();
  return db;
}

describe('a delta goes into the overlay', () => {
  it('fetches only the delta, writes one overlay chunk, and lists what a fresh sync lists', async () => {
    const folder = deltaFolder();
    const db = await synced(folder);
    const shardsBefore = (await db.catalog.toCollection().primaryKeys()) as string[];
    folder.build(scattered(1));
    const result = await syncFolder(db, source, folder.env);
    const asked = folder.take();
    expect(asked.filter((p) => !p.startsWith('deltas/'))).toEqual(['manifest.json']);
    // The delta, and the folder's index of its articles (both parts: this feed's bodies are all stored).
    expect(asked.filter((p) => p.startsWith('deltas/')).map((p) => p.split('.').at(-1)).sort()).toEqual(['body', 'json', 'meta']);
    expect(result).toMatchObject({ added: 1, removed: 2, refreshed: 8, shardsFetched: 0, deltasFetched: 1, articleCount: 39 });
    const [overlay, ...more] = await overlayOf(db);
    expect(more).toEqual([]);
    expect(overlay?.overlay).toMatchObject({ from: 1, to: 2, removed: ['p-2025-10-2', 'p-2026-02-4'] });
    expect(overlay?.count).toBe(9);
    // The shard chunks are untouched.
    expect(((await db.catalog.toCollection().primaryKeys()) as string[]).filter((k) => k !== overlay?.key)).toEqual(shardsBefore);
    expect(await listing(db)).toEqual((await fresh(folder)).listing);
    expect((await db.sources.get('blog'))?.revision).toBe(2);
    // Search finds the new titles, and neither the replaced ones nor the removed posts.
    expect(await search(db, 'quokka')).toHaveLength(8);
    expect(await search(db, 'wombats')).toEqual(['n-1']);
    expect(await search(db, '"plain words of 2025-10 2"')).toEqual([]);
    expect(await search(db, 'revised1')).not.toContain('p-2025-10-2');
    // That index has the edited bodies too.
    expect(await search(db, '"new body"')).toHaveLength(8);
    expect((await db.segments.toArray()).find((s) => s.shardKey === OVERLAY_SHARD)?.rev).toMatch(/#fb$/);
  });

  it('indexes the overlay from its rows when the folder has no index of the delta, or it does not match', async () => {
    for (const damage of ['missing', 'foreign'] as const) {
      const folder = deltaFolder();
      const db = await synced(folder);
      const manifest = folder.build(scattered(1));
      const ref = manifest.deltas?.at(-1);
      if (!ref?.search) throw new Error('the delta has no index');
      if (damage === 'missing') folder.missing.add(ref.search.meta.href);
      else folder.serveManifest({ ...manifest, deltas: [{ ...ref, search: manifest.shards[0]!.search! }] });
      await syncFolder(db, source, folder.env);
      const segment = (await db.segments.toArray()).find((s) => s.shardKey === OVERLAY_SHARD);
      expect(segment?.rev).toMatch(/#m$/);
      expect(segment?.hasBodies).toBe(false);
      expect(await search(db, 'quokka')).toHaveLength(8);
      expect(await listing(db)).toEqual((await fresh(folder)).listing);
    }
  });

  it('composes the next delta onto the overlay, and the delta after that too', async () => {
    const folder = deltaFolder();
    const db = await synced(folder);
    for (const round of [1, 3]) {
      folder.build(scattered(round));
      expect((await syncFolder(db, source, folder.env)).deltasFetched).toBe(1);
      expect(folder.take().filter((p) => p.startsWith('index/') || p.startsWith('search/'))).toEqual([]);
    }
    const [overlay] = await overlayOf(db);
    expect(overlay?.overlay).toMatchObject({ from: 1, to: 3 });
    expect(await listing(db)).toEqual((await fresh(folder)).listing);
    expect(await search(db, 'narwhal')).toHaveLength(8);
    // Round 3 reverted round 1's titles: the overlay still holds those posts, as the folder now has them.
    expect(await search(db, 'quokka')).toEqual([]);
    // Composed onto the overlay, the rows are indexed here: titles, topics and summaries.
    expect((await db.segments.toArray()).find((s) => s.shardKey === OVERLAY_SHARD)?.rev).toMatch(/#m$/);
  });

  it('folds the overlay into the shards when there is nothing newer, fetching their segments and no shard', async () => {
    const folder = deltaFolder();
    const db = await synced(folder);
    folder.build(scattered(1));
    await syncFolder(db, source, folder.env);
    folder.take();
    const result = await syncFolder(db, source, folder.env);
    const asked = folder.take();
    expect(asked.filter((p) => p.startsWith('index/') || p.startsWith('deltas/'))).toEqual([]);
    expect(new Set(asked.filter((p) => p.startsWith('search/')).map((p) => p.split('.')[0])).size).toBe(months.length);
    expect(result).toMatchObject({ added: 0, removed: 0, refreshed: 0, shardsFetched: 0 });
    expect(await overlayOf(db)).toEqual([]);
    const expected = await fresh(folder);
    expect((await db.catalog.orderBy('key').primaryKeys()) as string[]).toEqual(expected.keys);
    expect(await listing(db)).toEqual(expected.listing);
    expect(((await db.texts.toCollection().primaryKeys()) as string[]).sort()).toEqual((await db.catalog.toArray()).flatMap(textBlockKeys).sort());
    expect((await db.segments.toArray()).map((s) => s.shardKey)).not.toContain(OVERLAY_SHARD);
    // The folded shards' body parts are the folder's: the edits' bodies are found again.
    expect(await search(db, '"new body"')).toHaveLength(8);
  });

  it('drops the overlay when a missing delta sends the sync back to the shards', async () => {
    const folder = deltaFolder();
    const db = await synced(folder);
    folder.build(scattered(1));
    await syncFolder(db, source, folder.env);
    const manifest = folder.build(scattered(3));
    folder.missing.add(manifest.deltas?.at(-1)?.href ?? '');
    folder.take();
    const result = await syncFolder(db, source, folder.env);
    expect(result.shardsFetched).toBe(months.length);
    expect(await overlayOf(db)).toEqual([]);
    folder.missing.clear();
    const expected = await fresh(folder);
    expect((await db.catalog.orderBy('key').primaryKeys()) as string[]).toEqual(expected.keys);
    expect(await listing(db)).toEqual(expected.listing);
  });

  it('keeps reader state, and the marks of a removed article that was being read; deletes removed bodies', async () => {
    const folder = deltaFolder();
    const db = await synced(folder);
    await setRead(db, ['blog/p-2025-10-2', 'blog/p-2026-01-1'], true, 1000);
    await setSaved(db, 'blog/p-2025-10-2', true, 1001);
    await savePosition(db, 'blog/p-2025-10-2', { heading: null, fraction: 0.5, progress: 0.4, at: 1002 }, false);
    await db.bodies.bulkPut(['blog/p-2025-10-2', 'blog/p-2026-01-1'].map((key) => ({ key, hash: 'h', html: '<p>x</p>', storedAt: 1 })));
    const before = [await readMarks(db, 'blog/p-2025-10-2'), await readMarks(db, 'blog/p-2026-01-1')];
    folder.build(scattered(1));
    await syncFolder(db, source, folder.env);
    expect(await overlayOf(db)).toHaveLength(1);
    expect([await readMarks(db, 'blog/p-2025-10-2'), await readMarks(db, 'blog/p-2026-01-1')]).toEqual(before);
    expect((await db.bodies.toArray()).map((b) => b.key)).toEqual(['blog/p-2026-01-1']);
  });
});

describe('search over an overlay', () => {
  it('answers from the overlay’s rows, not the shard copies it replaces or removes, before and after folding', async () => {
    const folder = deltaFolder();
    const db = await synced(folder);
    const finder = new Finder(db);
    const plain = async () => (await finder.search({ query: 'plain', limit: 50 })).total;
    expect(await plain()).toBe(40);
    folder.build(scattered(1));
    await syncFolder(db, source, folder.env);
    // Eight posts edited (their bodies no longer say "plain"), two removed.
    expect(await plain()).toBe(30);
    const found = await finder.search({ query: 'quokka', limit: 50 });
    expect(found.hits.map((h) => h.key).sort()).toEqual(months.map((m) => `blog/p-${m}-1`));
    // The page finds them by chunk and row: the overlay's rows, not the shard copies it hides.
    const catalog = buildCatalog(await db.catalog.toArray());
    expect(keysOf(catalog, packResponse(found).hits).sort()).toEqual(months.map((m) => `blog/p-${m}-1`));
    expect(packResponse(found).hits.chunks.every((chunk) => isOverlayKey('blog', chunk))).toBe(true);
    expect(found.coverage).toBe('full');
    await syncFolder(db, source, folder.env);
    expect(await overlayOf(db)).toEqual([]);
    expect(await plain()).toBe(30);
    expect((await finder.search({ query: 'quokka', limit: 50 })).total).toBe(8);
    finder.close();
  });
});

describe('the builder’s index of a delta', () => {
  it('indexes the delta’s articles newest first, and keeps the files of the deltas it keeps', () => {
    const folder = deltaFolder();
    folder.build(base(200));
    folder.build(scattered(1, 200));
    const manifest = folder.build(scattered(3, 200));
    // A build that changes nothing keeps the chain and its files.
    expect(folder.build(scattered(3, 200)).deltas).toEqual(manifest.deltas);
    expect(manifest.deltas?.map((d) => [d.from, d.to])).toEqual([[1, 2], [2, 3]]);
    for (const ref of manifest.deltas ?? []) {
      for (const part of [ref.search?.meta, ref.search?.body]) expect(part && existsSync(path.join(folder.dir, part.href))).toBe(true);
    }
    const first = manifest.deltas![0]!;
    const ids = new SegmentPart(new Uint8Array(readFileSync(path.join(folder.dir, first.search!.meta.href)))).ids.all();
    const newestFirst = [...months].reverse().map((m) => `p-${m}-1`);
    expect(ids).toEqual(['p-2026-04-1', 'n-1', ...newestFirst.slice(1), 'old-1']);
  });
});
