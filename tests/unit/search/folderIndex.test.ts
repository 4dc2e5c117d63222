import { describe, expect, it, vi } from 'vitest';
import { layoutFeed, type FeedFiles } from '../../../cli/feedFiles';
import { MANIFEST_VERSION, type FeedManifest } from '../../../src/lib/feed/folder';
import { parseManifest } from '../../../src/lib/feed/validate';
import { AUTO_BODY_INDEX_BYTES, syncFolder } from '../../../src/lib/ingest/folder';
import { SearchIndex } from '../../../src/lib/search/search';
import { SegmentPart } from '../../../src/lib/search/segment';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { segmentRevisions, watchSegments } from '../../../src/lib/store/segmentParts';
import { missingBodySize } from '../../../src/lib/store/segmentSizes';
import { storeSearchBodies } from '../../../src/lib/ingest/searchBodies';
import { openTestDb } from '../helpers/testDb';
import { entry, FOLDER_URL, folderInfo, serveFolder } from '../helpers/searchFeed';

const source = { id: 'blog', feedUrl: FOLDER_URL };
const info = folderInfo;
const serve = serveFolder;

function blog(marchBody = 'the quokka lives on an island'): FeedFiles {
  return layoutFeed([
    entry('m1', '2026-03-02T00:00:00Z', 'March notes', marchBody),
    entry('f1', '2026-02-02T00:00:00Z', 'February notes', 'a body about zanzibar spices'),
    entry('f2', '2026-02-01T00:00:00Z', 'A link post', null),
  ], info);
}

async function search(db: FolioDb, query: string): Promise<string[]> {
  const index = new SearchIndex();
  for (const s of await db.segments.toArray()) index.put(s.meta, s.body);
  return index.search(query).hits.map((h) => `${h.source}/${h.id}`);
}

describe('search segments in feed folders', () => {
  it('the builder writes one hashed segment per shard, meta and body apart, listed in the manifest', () => {
    const { manifest, files } = blog();
    expect(manifest.version).toBe(MANIFEST_VERSION);
    expect(parseManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
    const [march, february] = manifest.shards;
    expect(march?.search?.meta.href).toMatch(/^search\/2026-03\.[0-9a-f]{16}\.meta$/);
    expect(february?.search?.body?.href).toMatch(/^search\/2026-02\.[0-9a-f]{16}\.body$/);
    const meta = new SegmentPart(new Uint8Array(files.get(february!.search!.meta.href)!));
    expect(meta.ids.all()).toEqual(['f1', 'f2']);
    expect(files.get(february!.search!.body!.href)!.length).toBe(february!.search!.body!.bytes);
    // Another March body changes March's segment only.
    const next = blog('a different body').manifest;
    expect(next.shards[0]?.search?.meta.hash).toBe(march?.search?.meta.hash);
    expect(next.shards[0]?.search?.body?.hash).not.toBe(march?.search?.body?.hash);
    expect(next.shards[1]?.search).toEqual(february?.search);
  });

  it('a sync stores the folder’s segments under the reader’s source, and a re-sync fetches only the changed one', async () => {
    const db = openTestDb();
    const first = serve(blog());
    await syncFolder(db, source, first.env);
    expect(first.requests.filter((p) => p.startsWith('search/')).map((p) => p.split('.')[0] + '.' + p.split('.')[2]).sort()).toEqual([
      'search/2026-02.body', 'search/2026-02.meta', 'search/2026-03.body', 'search/2026-03.meta',
    ]);
    expect((await segmentRevisions(db)).map((rev) => rev.split('#')[1])).toEqual(['fb', 'fb']);
    expect(await search(db, 'zanzibar')).toEqual(['blog/f1']);

    const second = serve(blog('now about a wombat'));
    await syncFolder(db, source, second.env);
    expect(second.requests.filter((p) => p !== 'manifest.json').map((p) => p.split('.')[0]).sort()).toEqual(['index/2026-03', 'search/2026-03', 'search/2026-03']);
    expect(await search(db, 'wombat')).toEqual(['blog/m1']);
    expect(await search(db, 'quokka')).toEqual([]);

    const third = serve(blog('now about a wombat'));
    await syncFolder(db, source, third.env);
    expect(third.requests).toEqual(['manifest.json']);
  });

  it('asks for the files it stores past the HTTP cache, and revalidates the manifest', async () => {
    const db = openTestDb();
    const served = serve(blog());
    const modes = new Map<string, RequestCache | undefined>();
    const fetcher = served.env.fetcher;
    served.env.fetcher = (input, init) => {
      modes.set(String(input).slice(FOLDER_URL.length).split('.')[0] + (String(input).endsWith('.body') ? '.body' : ''), init?.cache);
      return fetcher(input, init);
    };
    await syncFolder(db, source, served.env);
    expect(Object.fromEntries(modes)).toEqual({
      manifest: 'no-cache',
      'index/2026-03': 'no-store',
      'index/2026-02': 'no-store',
      'search/2026-03': 'no-store',
      'search/2026-02': 'no-store',
      'search/2026-03.body': 'no-store',
      'search/2026-02.body': 'no-store',
    });
  });

  it('a first sync stores body parts with their shards, but the newest shard’s after every list file is asked for', async () => {
    const db = openTestDb();
    const feed = blog();
    const first = serve(feed);
    // Whether the write that completes the list (the source's sync time) had happened at each body request.
    let listStored = false;
    const noteSynced = (synced: unknown): void => void (listStored ||= typeof synced === 'number');
    db.sources.hook('creating', (_key, source) => noteSynced(source.lastSyncedAt));
    db.sources.hook('updating', (changes: Partial<{ lastSyncedAt: number | null }>, _key, source) => noteSynced(changes.lastSyncedAt ?? source.lastSyncedAt));
    // Each segment write: the shard's month, and whether it carried the body part.
    const segmentWrites: string[] = [];
    db.segments.hook('creating', (_key, segment) => void segmentWrites.push(`${segment.shardKey.slice(0, 7)} ${segment.body ? 'with' : 'without'} body`));
    db.segments.hook('updating', (changes: { body?: Uint8Array | null }, _key, segment) => void segmentWrites.push(`${segment.shardKey.slice(0, 7)} ${(changes.body ?? segment.body) ? 'with' : 'without'} body`));
    const fetchFirst = first.env.fetcher;
    const atBody: boolean[] = [];
    first.env.fetcher = (input, init) => {
      if (String(input).endsWith('.body')) atBody.push(listStored);
      return fetchFirst(input, init);
    };
    await syncFolder(db, source, first.env);
    const lastListFile = Math.max(...first.requests.map((p, i) => (p.endsWith('.body') ? -1 : i)));
    const bodyAt = (month: string): number => first.requests.findIndex((p) => p.startsWith(`search/${month}.`) && p.endsWith('.body'));
    // February's part comes with its shard; March's (the newest) once every list file is asked for.
    expect(bodyAt('2026-02')).toBeGreaterThan(first.requests.findIndex((p) => p.startsWith('index/2026-02')));
    expect(bodyAt('2026-03')).toBeGreaterThan(lastListFile);
    expect(bodyAt('2026-03')).toBeGreaterThan(bodyAt('2026-02'));
    expect(atBody).toEqual([false, false]);
    // February's segment is written once, with its body part; March's first without it, then with it.
    expect(segmentWrites).toEqual(['2026-03 without body', '2026-02 with body', '2026-03 with body']);
    expect(await missingBodySize(db)).toEqual({ parts: 0, bytes: 0 });
    expect(await search(db, 'zanzibar')).toEqual(['blog/f1']);

    // The network drops once the list is in: the sync still succeeds, and search covers titles.
    const cutDb = openTestDb();
    const cut = serve(feed);
    const fetchAll = cut.env.fetcher;
    cut.env.fetcher = (input, init) => (String(input).endsWith('.body') ? Promise.reject(new TypeError('Failed to fetch')) : fetchAll(input, init));
    await expect(syncFolder(cutDb, source, cut.env)).resolves.toMatchObject({ added: 3 });
    expect(await missingBodySize(cutDb)).toMatchObject({ parts: 2 });
    expect(await search(cutDb, 'february')).toEqual(['blog/f1']);
    expect(await search(cutDb, 'zanzibar')).toEqual([]);

    const next = serve(feed);
    await syncFolder(cutDb, source, next.env);
    expect(next.requests.filter((p) => p !== 'manifest.json').map((p) => p.split('.')[0] + '.' + p.split('.')[2]).sort()).toEqual(['search/2026-02.body', 'search/2026-03.body']);
    expect(await missingBodySize(cutDb)).toEqual({ parts: 0, bytes: 0 });
    expect(await search(cutDb, 'zanzibar')).toEqual(['blog/f1']);
  });

  it('a first sync started on an article stores its list, then waits for the article’s text before it asks for any body part', async () => {
    const db = openTestDb();
    const served = serve(blog());
    let textIn!: () => void;
    const text = new Promise<void>((resolve) => (textIn = resolve));
    const sync = syncFolder(db, { ...source, textFirst: true }, { ...served.env, afterTexts: () => text });
    await vi.waitFor(async () => expect((await db.sources.get(source.id))?.lastSyncedAt).toEqual(expect.any(Number)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(served.requests.filter((p) => p.endsWith('.body'))).toEqual([]);
    expect(await search(db, 'february')).toEqual(['blog/f1']);
    textIn();
    await expect(sync).resolves.toMatchObject({ added: 3 });
    expect(served.requests.filter((p) => p.endsWith('.body'))).toHaveLength(2);
    expect(await missingBodySize(db)).toEqual({ parts: 0, bytes: 0 });
    expect(await search(db, 'zanzibar')).toEqual(['blog/f1']);

    // A later sync on an article has no body parts to hold back: it waits for no text.
    const later = serve(blog('now about a wombat'));
    await expect(syncFolder(db, { ...source, textFirst: true }, { ...later.env, afterTexts: () => new Promise(() => {}) })).resolves.toMatchObject({ refreshed: 1 });
    expect(await search(db, 'wombat')).toEqual(['blog/m1']);
  });

  it('a body part fetched ahead that fails is asked for once more', async () => {
    const db = openTestDb();
    const flaky = serve(blog());
    const fetchAll = flaky.env.fetcher;
    const failed = new Set<string>();
    flaky.env.fetcher = (input, init) => {
      const path = String(input);
      if (!path.endsWith('.body') || failed.has(path)) return fetchAll(input, init);
      failed.add(path);
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    await syncFolder(db, source, flaky.env);
    expect(failed.size).toBe(2);
    expect(flaky.requests.filter((p) => p.endsWith('.body'))).toHaveLength(2);
    expect(await missingBodySize(db)).toEqual({ parts: 0, bytes: 0 });
    expect(await search(db, 'zanzibar')).toEqual(['blog/f1']);
  });

  it('leaves body parts on the server past the size policy, noting where they are', async () => {
    const db = openTestDb();
    const feed = blog();
    const big: FeedManifest = JSON.parse(JSON.stringify(feed.manifest)) as FeedManifest;
    for (const ref of big.shards) if (ref.search?.body) ref.search.body.bytes = AUTO_BODY_INDEX_BYTES;
    const { requests, env } = serve(feed, big);
    await syncFolder(db, source, env);
    expect(requests.filter((p) => p.endsWith('.body'))).toEqual([]);
    const segments = await db.segments.orderBy('key').toArray();
    expect(segments.map((s) => [s.body, s.bodyRef?.href.split('.')[0]])).toEqual([[null, 'search/2026-02'], [null, 'search/2026-03']]);
    expect(await search(db, 'zanzibar')).toEqual([]);
    expect(await search(db, 'february')).toEqual(['blog/f1']);
    expect(await missingBodySize(db)).toEqual({ parts: 2, bytes: 2 * AUTO_BODY_INDEX_BYTES });
  });

  it('stores the missing body parts when the reader asks, refusing a file that is not the one listed', async () => {
    const db = openTestDb();
    const feed = blog();
    const manifest: FeedManifest = JSON.parse(JSON.stringify(feed.manifest)) as FeedManifest;
    const march = manifest.shards[0]!.search!.body!;
    const february = manifest.shards[1]!.search!.body!;
    march.bytes = AUTO_BODY_INDEX_BYTES;
    await syncFolder(db, source, serve(feed, manifest).env);
    expect(await missingBodySize(db)).toEqual({ parts: 2, bytes: AUTO_BODY_INDEX_BYTES + february.bytes });
    // March's file is served under February's name: it does not join February's segment.
    const swapped = { ...feed, files: new Map(feed.files).set(february.href, feed.files.get(march.href)!) };
    await expect(storeSearchBodies(db, serve(swapped, manifest).env)).resolves.toEqual({ stored: 0, failed: 2 });
    await expect(storeSearchBodies(db, serve(feed, manifest).env)).resolves.toEqual({ stored: 1, failed: 1 });
    expect(await missingBodySize(db)).toEqual({ parts: 1, bytes: AUTO_BODY_INDEX_BYTES });
    expect(await search(db, 'zanzibar')).toEqual(['blog/f1']);
    const offline = serveFolder(feed, manifest);
    offline.env.fetcher = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(storeSearchBodies(db, offline.env)).rejects.toMatchObject({ kind: 'offline' });
  });

  it('stores many body parts a batch per transaction, each checked on its own', async () => {
    const db = openTestDb();
    const months = Array.from({ length: 30 }, (_, i) => `2024-${String((i % 12) + 1).padStart(2, '0')}-${String(Math.floor(i / 12) + 1).padStart(2, '0')}`);
    const years = months.map((day, i) => `${2000 + i}${day.slice(4)}T00:00:00Z`);
    const feed = layoutFeed(years.map((date, i) => entry(`a${i}`, date, `Post ${i}`, `body number ${i} mentions ocelot${i}`)), info);
    expect(feed.manifest.shards).toHaveLength(30);
    // The network drops once the list is in: every body part is left to fetch.
    const cut = serve(feed).env;
    const fetcher = cut.fetcher;
    cut.fetcher = (url, init) => (String(url).endsWith('.body') ? Promise.reject(new TypeError('Failed to fetch')) : fetcher(url, init));
    await syncFolder(db, source, cut);
    expect((await missingBodySize(db)).parts).toBe(30);
    // One file of the thirty is not the one listed: only it is refused.
    const files = new Map(feed.files);
    files.set(feed.manifest.shards[4]!.search!.body!.href, feed.files.get(feed.manifest.shards[5]!.search!.body!.href)!);
    // Each committed write tells every reader of the index to look again: a few, not thirty.
    let notices = 0;
    const stop = watchSegments(db, () => notices++);
    await expect(storeSearchBodies(db, serve({ ...feed, files }, feed.manifest).env)).resolves.toEqual({ stored: 29, failed: 1 });
    stop();
    expect(notices).toBeGreaterThan(0);
    expect(notices).toBeLessThanOrEqual(3);
    expect((await missingBodySize(db)).parts).toBe(1);
    const without = (await db.segments.toArray()).filter((segment) => segment.body === null);
    expect(without.map((segment) => segment.shardKey)).toEqual([feed.manifest.shards[4]!.key]);
    expect((await search(db, 'ocelot29'))[0]).toBe('blog/a29');
  });

  it('builds the meta part itself when the folder’s segment is damaged or indexes other articles', async () => {
    const db = openTestDb();
    const feed = blog();
    const [march, february] = feed.manifest.shards;
    const files = new Map(feed.files);
    // A forged header claiming a billion docs, and February's segment served as March's.
    files.set(february!.search!.meta.href, Buffer.from([0x46, 0x53, 0x49, 1, 0, 0, 4, 102, 101, 101, 100, 0, 0x80, 0x94, 0xeb, 0xdc, 0x03, 0]));
    files.set(march!.search!.meta.href, feed.files.get(february!.search!.meta.href)!);
    await syncFolder(db, source, serve({ ...feed, files }).env);
    expect((await segmentRevisions(db)).map((rev) => rev.split('#')[1])).toEqual(['m', 'm']);
    expect(await search(db, 'march')).toEqual(['blog/m1']);
    expect(await search(db, 'february')).toEqual(['blog/f1']);
  });

  it('reads a folder without an index by building the meta part, and takes the folder’s own once it has one', async () => {
    const db = openTestDb();
    const entries = [entry('m1', '2026-03-02T00:00:00Z', 'March notes', 'the quokka')];
    const old = layoutFeed(entries, info, { search: false });
    const oldManifest = { ...old.manifest, version: 1 as const };
    await syncFolder(db, source, serve(old, oldManifest).env);
    expect((await segmentRevisions(db)).map((rev) => rev.split('#')[1])).toEqual(['m']);
    expect(await search(db, 'march')).toEqual(['blog/m1']);
    expect(await search(db, 'quokka')).toEqual([]);

    const indexed = serve(layoutFeed(entries, info));
    await syncFolder(db, source, indexed.env);
    expect(indexed.requests.filter((p) => p !== 'manifest.json').map((p) => p.split('.')[0])).toEqual(['index/2026-03', 'search/2026-03', 'search/2026-03']);
    expect(await search(db, 'quokka')).toEqual(['blog/m1']);
  });
});
