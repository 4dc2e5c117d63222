import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { composeDeltas, parseDelta } from '../../../src/lib/feed/delta';
import type { FeedManifest } from '../../../src/lib/feed/folder';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { SearchIndex } from '../../../src/lib/search/search';
import { DeltaMismatch, prepareDelta, writeDelta } from '../../../src/lib/store/deltas';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { readMarks, savePosition, setRead, setSaved } from '../../../src/lib/store/readerState';
import { OVERLAY_SHARD, textBlockKeys } from '../../../src/lib/store/keys';
import { storedArticles } from '../../../src/lib/store/segments';
import { deltaFolder, overlayOf } from '../helpers/deltaFeed';
import { base, edited, source, syncedBase } from '../helpers/deltaPosts';
import { entry, FOLDER_URL } from '../helpers/searchFeed';
import { openTestDb } from '../helpers/testDb';

/** Every stored article as `id: title` per shard, and the chunk keys (shard and hash). */
async function snapshot(db: FolioDb): Promise<{ keys: string[]; rows: string[] }> {
  const chunks = await db.catalog.orderBy('key').toArray();
  const rows: string[] = [];
  for (const chunk of chunks) for (const a of await storedArticles(db, chunk)) rows.push(`${chunk.shardKey} ${a?.id}: ${a?.title} [${a?.topics.join()}]`);
  return { keys: chunks.map((c) => c.key), rows };
}

async function search(db: FolioDb, query: string): Promise<string[]> {
  const index = new SearchIndex();
  for (const s of await db.segments.toArray()) index.put(s.meta, s.body);
  return index.search(query).hits.map((h) => h.id);
}

/** What a fresh sync of the folder as it is now stores. */
async function fresh(folder: ReturnType<typeof deltaFolder>): Promise<{ keys: string[]; rows: string[] }> {
  const db = openTestDb();
  await syncFolder(db, source, folder.env);
  folder.take();
  return snapshot(db);
}

/** A sync, then the next one, which finds nothing newer and folds the overlay into the shards. */
async function syncAndFold(db: FolioDb, folder: ReturnType<typeof deltaFolder>) {
  const result = await syncFolder(db, source, folder.env);
  await syncFolder(db, source, folder.env);
  return result;
}

/** Text blocks of chunks no longer stored must not linger: the texts table holds exactly the stored chunks' blocks. */
async function expectOnlyStoredBlocks(db: FolioDb): Promise<void> {
  const expected = (await db.catalog.toArray()).flatMap(textBlockKeys).sort();
  expect(expected.length).toBeGreaterThan(0);
  expect(((await db.texts.toCollection().primaryKeys()) as string[]).sort()).toEqual(expected);
}

const kinds = (paths: string[]) => paths.map((p) => p.split('/')[0]?.split('.')[0]).sort();

describe('a re-sync through deltas', () => {
  it('fetches only the delta and writes it as the overlay; the next sync folds it into the shards, fetching their segments and no shard', async () => {
    const { db, folder } = await syncedBase();
    expect((await db.sources.get('blog'))?.revision).toBe(1);
    folder.take();
    const shardsBefore = (await db.catalog.toCollection().primaryKeys()) as string[];

    folder.build(edited());
    // The delta's files are stored, so they go past the HTTP cache as shards do.
    const modes = new Set<RequestCache | undefined>();
    const { fetcher } = folder.env;
    const result = await syncFolder(db, source, {
      ...folder.env,
      fetcher: (input, init) => {
        if (String(input).includes('/deltas/')) modes.add(init?.cache);
        return fetcher(input, init);
      },
    });
    expect([...modes]).toEqual(['no-store']);
    const asked = folder.take();
    expect(asked.filter((p) => p.startsWith('index/') || p.startsWith('search/'))).toEqual([]);
    expect(asked.filter((p) => p.startsWith('deltas/')).map((p) => p.split('.').at(-1)).sort()).toEqual(['body', 'json', 'meta']);
    expect(result).toMatchObject({ added: 1, removed: 1, refreshed: 1, shardsFetched: 0, deltasFetched: 1, articleCount: 45 });
    expect((await db.sources.get('blog'))?.revision).toBe(2);
    // The sync wrote one overlay chunk beside the untouched shards: the list has the change already.
    const [overlay] = await overlayOf(db);
    expect(overlay?.overlay).toMatchObject({ from: 1, to: 2, removed: ['d'] });
    expect(((await db.catalog.toCollection().primaryKeys()) as string[]).filter((k) => k !== overlay?.key)).toEqual(shardsBefore);
    // The folder's index of the delta is the overlay's, bodies included: the new post's body word is found already.
    expect((await db.segments.toArray()).find((s) => s.shardKey === OVERLAY_SHARD)?.rev).toMatch(/#fb$/);
    expect(await search(db, 'figs')).toEqual(['f']);

    const again = await syncFolder(db, source, folder.env);
    expect(again).toMatchObject({ added: 0, removed: 0, refreshed: 0, shardsFetched: 0 });
    const folded = folder.take();
    expect(folded.filter((p) => p.startsWith('index/') || p.startsWith('deltas/'))).toEqual([]);
    // April and May changed; February went; January and March are not touched.
    expect(folded.filter((p) => p.startsWith('search/')).map((p) => p.split('.')[0]).sort()).toEqual(['search/2026-04', 'search/2026-04', 'search/2026-05', 'search/2026-05']);
    expect(await overlayOf(db)).toEqual([]);
    expect((await db.sources.get('blog'))?.revision).toBe(2);
    expect(await snapshot(db)).toEqual(await fresh(folder));
    await expectOnlyStoredBlocks(db);
    // The search index follows: the edit's words are found, the old ones and the removed article's are not.
    expect(await search(db, 'apricots')).toEqual(['a']);
    expect(await search(db, 'apples')).toEqual([]);
    expect(await search(db, 'figs')).toEqual(['f']);
    expect((await db.segments.toArray()).map((s) => s.shardKey).sort()).toEqual(['2025-06', '2026-01', '2026-03', '2026-04', '2026-05']);
  });

  it('repairs an overlay whose text was lost through the changed shards, and stores what a fresh sync does', async () => {
    const { db, folder } = await syncedBase();
    folder.build(edited());
    await syncFolder(db, source, folder.env);
    const [overlay] = await overlayOf(db);
    expect(overlay).toBeDefined();
    await db.texts.where('chunk').equals(overlay?.key ?? '').delete();
    folder.take();

    const result = await syncFolder(db, source, folder.env);
    expect(result.shardsFetched).toBeGreaterThan(0);
    expect(folder.take().some((p) => p.startsWith('index/'))).toBe(true);
    expect(await overlayOf(db)).toEqual([]);
    expect(await snapshot(db)).toEqual(await fresh(folder));
    await expectOnlyStoredBlocks(db);
  });

  it('reads which stored shards changed while the manifest downloads', async () => {
    const { db, folder } = await syncedBase();
    folder.build(edited());
    const order: string[] = [];
    const where = db.catalog.where.bind(db.catalog);
    vi.spyOn(db.catalog, 'where').mockImplementation(((index: string) => (order.push(`read ${index}`), where(index))) as never);
    const fetcher: typeof fetch = async (input, init) => {
      const file = String(input).split('/').slice(-2).join('/');
      const response = await folder.env.fetcher(input, init);
      order.push(file.endsWith('manifest.json') ? 'manifest' : (file.split('/')[0] ?? ''));
      return response;
    };
    const result = await syncFolder(db, source, { ...folder.env, fetcher });
    expect(result).toMatchObject({ shardsFetched: 0, deltasFetched: 1 });
    expect(order.indexOf('read sourceId')).toBeGreaterThan(-1);
    expect(order.indexOf('read sourceId')).toBeLessThan(order.indexOf('manifest'));
    expect(order.indexOf('manifest')).toBeLessThan(order.indexOf('deltas'));
  });

  it('applies several deltas in order when behind by more than one revision', async () => {
    const { db, folder } = await syncedBase();
    folder.build(edited());
    // The third build brings D back and edits A again: the later delta wins.
    folder.build([...edited().filter((e) => e.article.id !== 'a'), entry('a', '2026-04-01T00:00:00Z', 'April A, third', 'x'), base().find((e) => e.article.id === 'd')!]);
    folder.take();
    await syncAndFold(db, folder);
    const asked = folder.take();
    expect(asked.filter((p) => p.startsWith('deltas/')).map((p) => p.split('.')[0]).sort()).toEqual(['deltas/1-2', 'deltas/2-3']);
    expect(asked.filter((p) => p.startsWith('index/'))).toEqual([]);
    expect(await snapshot(db)).toEqual(await fresh(folder));
  });

  it('refuses deltas out of order, and a delta file that is not the step the manifest names falls back to shards', async () => {
    const { db, folder } = await syncedBase();
    folder.build(edited());
    const manifest = folder.build([...edited(), entry('g', '2026-05-02T00:00:00Z', 'May G', null)]);
    const [first, second] = manifest.deltas ?? [];
    const read = async (href: string) => parseDelta(await (await folder.env.fetcher(FOLDER_URL + href)).json(), href);
    expect(() => composeDeltas([])).toThrow();
    const files = [await read(first!.href), await read(second!.href)];
    expect(() => composeDeltas([files[1]!, files[0]!])).toThrow(/does not follow/);
    // The manifest lists the two files the wrong way round.
    const swapped: FeedManifest = { ...manifest, deltas: [{ ...first!, href: second!.href }, { ...second!, href: first!.href }] };
    folder.serveManifest(swapped);
    folder.take();
    const result = await syncFolder(db, source, folder.env);
    expect(result.shardsFetched).toBeGreaterThan(0);
    expect(result.deltasFetched).toBeUndefined();
    expect(await snapshot(db)).toEqual(await fresh(folder));
  });

  it('falls back to shard hashes when a delta is missing, or the reader is further behind than the deltas go', async () => {
    for (const gap of ['missing', 'too far behind'] as const) {
      const { db, folder } = await syncedBase();
      const manifest = folder.build(edited());
      if (gap === 'missing') folder.missing.add(manifest.deltas?.[0]?.href ?? '');
      else folder.serveManifest({ ...manifest, deltas: [] });
      folder.take();
      const result = await syncFolder(db, source, folder.env);
      const asked = folder.take();
      expect(kinds(asked).filter((k) => k === 'index')).toEqual(['index', 'index']);
      expect(result.shardsFetched).toBe(2);
      expect((await db.sources.get('blog'))?.revision).toBe(2);
      folder.serveManifest(null);
      expect(await snapshot(db)).toEqual(await fresh(folder));
      await expectOnlyStoredBlocks(db);
    }
  });

  it('falls back when the stored shards are not the ones the delta starts from, and writes nothing from it', async () => {
    const { db, folder } = await syncedBase();
    // The stored source claims revision 1, but its April shard is older than the folder's revision 1.
    const april = (await db.catalog.toArray()).find((c) => c.shardKey === '2026-04')!;
    await db.catalog.delete(april.key);
    await db.catalog.put({ ...april, key: april.key.replace(/@.*/, '@0000000000000000'), hash: '0000000000000000' });
    folder.build(edited());
    folder.take();
    const result = await syncFolder(db, source, folder.env);
    expect(result.deltasFetched).toBeUndefined();
    expect(kinds(folder.take())).toContain('index');
    expect(await snapshot(db)).toEqual(await fresh(folder));
  });

  it('writes nothing when the stored shards change between reading the delta’s rows and writing it', async () => {
    const { db, folder } = await syncedBase();
    const manifest = folder.build(edited());
    const ref = manifest.deltas?.[0];
    if (!ref) throw new Error('the folder has no delta');
    const changes = composeDeltas([parseDelta(JSON.parse(readFileSync(path.join(folder.dir, ref.href), 'utf8')), ref.href)]);
    const prepared = await prepareDelta(db, { sourceId: 'blog', defaultAuthor: manifest.author, changes, shards: manifest.shards });
    // Another write lands in between: January is stored again under another hash.
    const january = (await db.catalog.toArray()).find((c) => c.shardKey === '2026-01')!;
    await db.catalog.delete(january.key);
    await db.catalog.put({ ...january, key: january.key.replace(/@.*/, '@1111111111111111'), hash: '1111111111111111' });
    const between = await snapshot(db);
    const source1 = (await db.sources.get('blog'))!;
    await expect(writeDelta(db, prepared, new Map(), { ...source1, revision: 2 })).rejects.toBeInstanceOf(DeltaMismatch);
    expect(await snapshot(db)).toEqual(between);
    expect((await db.sources.get('blog'))?.revision).toBe(1);
  });

  it('falls back when an unchanged shard’s stored index is not the folder’s own (an older Folio built it)', async () => {
    const { db, folder } = await syncedBase();
    const march = (await db.segments.toArray()).find((s) => s.shardKey === '2026-03')!;
    await db.segments.put({ ...march, rev: march.rev.replace(/#f/, '#') });
    folder.build(edited());
    folder.take();
    const result = await syncFolder(db, source, folder.env);
    expect(result.deltasFetched).toBeUndefined();
    expect(folder.take().filter((p) => p.startsWith('index/')).map((p) => p.split('.')[0]).sort()).toEqual(['index/2026-03', 'index/2026-04', 'index/2026-05']);
  });

  it('keeps reader state: read, saved and the reading position of edited and untouched articles', async () => {
    const { db, folder } = await syncedBase();
    await setRead(db, ['blog/a', 'blog/e'], true, 1000);
    await setSaved(db, 'blog/a', true, 1001);
    await savePosition(db, 'blog/a', { heading: null, fraction: 0.5, progress: 0.4, at: 1002 }, false);
    const before = [await readMarks(db, 'blog/a'), await readMarks(db, 'blog/e')];
    folder.build(edited());
    expect((await syncFolder(db, source, folder.env)).deltasFetched).toBe(1);
    expect([await readMarks(db, 'blog/a'), await readMarks(db, 'blog/e')]).toEqual(before);
    expect(before[0]).toMatchObject({ readAt: 1000, savedAt: 1001, position: { progress: 0.4 } });
  });

  it('deletes the stored body of a removed article, keeps the others', async () => {
    const { db, folder } = await syncedBase();
    const stored = (key: string) => ({ key, hash: 'h', html: '<p>x</p>', storedAt: 1 });
    await db.bodies.bulkPut([stored('blog/d'), stored('blog/c')]);
    folder.build(edited());
    await syncFolder(db, source, folder.env);
    expect((await db.bodies.toArray()).map((b) => b.key)).toEqual(['blog/c']);
  });
});

describe('older feed folders', () => {
  it('syncs a version 2 folder by shard hashes, and then a rebuild of it through its first delta', async () => {
    const db = openTestDb();
    const folder = deltaFolder();
    const built = folder.build(base());
    const { revision: _r, deltas: _d, ...v2 } = built;
    const old: FeedManifest = { ...v2, version: 2 };
    folder.serveManifest(old);
    await syncFolder(db, source, folder.env);
    expect((await db.sources.get('blog'))?.revision).toBeUndefined();
    expect(await snapshot(db)).toEqual(await fresh(folder));
    // The folder on disk is now a version 2 one: the builder starts its revisions from it.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${folder.dir}/manifest.json`, JSON.stringify(old));
    folder.serveManifest(null);
    const next = folder.build(edited());
    expect(next.deltas?.map((d) => [d.from, d.to])).toEqual([[0, 1]]);
    folder.take();
    const result = await syncAndFold(db, folder);
    expect(result.deltasFetched).toBe(1);
    expect((await db.sources.get('blog'))?.revision).toBe(1);
    expect(await snapshot(db)).toEqual(await fresh(folder));
  });
});
