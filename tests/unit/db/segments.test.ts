import { describe, expect, it, vi } from 'vitest';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { storeFeed } from '../../../src/lib/ingest/feedDocument';
import { readFeed } from '../../../src/lib/feed/formats/toFolio';
import { buildSegment } from '../../../src/lib/search/build';
import { SearchIndex } from '../../../src/lib/search/search';
import { SegmentPart } from '../../../src/lib/search/segment';
import { buildChunk } from '../../../src/lib/store/chunks';
import { FolioDb } from '../../../src/lib/store/FolioDb';
import { attachSegmentBodies, detachSegmentBodies, indexStoredShards, segmentRevisions } from '../../../src/lib/store/segmentParts';
import { removeSource } from '../../../src/lib/store/sources';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';
import { chunkArticle } from '../helpers/catalog';
import { article, FEED_URL, fakeFetch, makeFeed } from '../helpers/fakeFeed';
import { openShippedSchema, openTestDb } from '../helpers/testDb';

const env = (fetcher: Fetch) => ({ fetcher, online: true, now: Date.now });
const source = { id: 'default', feedUrl: FEED_URL };

/** Segment key → the article ids its meta part indexes. */
async function indexedIds(db: FolioDb): Promise<Record<string, readonly string[]>> {
  const rows = await db.segments.orderBy('key').toArray();
  return Object.fromEntries(rows.map((s) => [s.key, new SegmentPart(s.meta).ids.all()]));
}

function searchAll(db: FolioDb, query: string): Promise<string[]> {
  return db.segments.toArray().then((rows) => {
    const index = new SearchIndex();
    for (const s of rows) index.put(s.meta, s.body);
    return index.search(query).hits.map((h) => `${h.source}/${h.id}`);
  });
}

describe('search segments in the store', () => {
  it('indexes each shard of a sync with exactly the articles its chunk holds', async () => {
    const db = openTestDb();
    const feed = makeFeed({
      '2026-02': [article('b', '2026-02-02T00:00:00Z', ['rust'], { title: 'Borrow checker tales' })],
      '2026-01': [article('a', '2026-01-02T00:00:00Z', [], { title: 'Kubernetes at home' }), article('c', '2026-01-01T00:00:00Z')],
    });
    await syncFolder(db, source, env(fakeFetch(feed.files).fetcher));
    expect(await indexedIds(db)).toEqual({ 'default/2026-01': ['a', 'c'], 'default/2026-02': ['b'] });
    const chunks = await db.catalog.toArray();
    for (const segment of await db.segments.toArray()) expect(chunks.map((c) => c.key)).toContain(segment.chunk);
    expect(await searchAll(db, 'kubernetes')).toEqual(['default/a']);
  });

  it('rewrites only the segment of a changed shard, and drops the segment of a shard that left', async () => {
    const db = openTestDb();
    const first = makeFeed({
      '2026-02': [article('b', '2026-02-02T00:00:00Z')],
      '2026-01': [article('a', '2026-01-02T00:00:00Z')],
      '2025-12': [article('z', '2025-12-02T00:00:00Z')],
    });
    await syncFolder(db, source, env(fakeFetch(first.files).fetcher));
    const before = await segmentRevisions(db);
    const next = makeFeed({
      '2026-02': [article('b', '2026-02-02T00:00:00Z'), article('d', '2026-02-01T00:00:00Z', [], { title: 'Distributed tracing' })],
      '2026-01': [article('a', '2026-01-02T00:00:00Z')],
    });
    await syncFolder(db, source, env(fakeFetch(next.files).fetcher));
    const after = await segmentRevisions(db);
    expect(after.filter((rev) => before.includes(rev)).map((rev) => rev.split('@')[0])).toEqual(['default/2026-01']);
    expect(await indexedIds(db)).toEqual({ 'default/2026-01': ['a'], 'default/2026-02': ['b', 'd'] });
    expect(await searchAll(db, 'tracing')).toEqual(['default/d']);
  });

  it('writes nothing of a shard when its segment cannot be written: one transaction', async () => {
    const db = openTestDb();
    await syncFolder(db, source, env(fakeFetch(makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] }).files).fetcher));
    const chunksBefore = await db.catalog.toArray();
    const spy = vi.spyOn(db.segments, 'bulkPut').mockImplementationOnce(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    const next = makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z'), article('n', '2026-01-01T00:00:00Z')] });
    await expect(syncFolder(db, source, env(fakeFetch(next.files).fetcher))).rejects.toMatchObject({ kind: 'storage-full' });
    spy.mockRestore();
    expect(await db.catalog.toArray()).toEqual(chunksBefore);
    expect(await indexedIds(db)).toEqual({ 'default/2026-01': ['a'] });
  });

  it('keeps indexing, body text included, the articles a feed document no longer lists', async () => {
    const db = openTestDb();
    const ref = { id: 'f', feedUrl: 'https://x.test/feed.xml', kind: 'feed' as const };
    const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><link>https://x.test/</link>${items}</channel></rss>`;
    const item = (id: string, title: string, body: string) =>
      `<item><guid>${id}</guid><title>${title}</title><link>https://x.test/${id}</link><pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>${body}</p>]]></content:encoded></item>`;
    await storeFeed(db, ref, readFeed(rss(item('old', 'Old post', 'zanzibar appears only in this body'))), 1);
    expect(await searchAll(db, 'zanzibar')).toHaveLength(1);
    await storeFeed(db, ref, readFeed(rss(item('new', 'New post', 'quokka in the second body'))), 2);
    const segments = await db.segments.toArray();
    expect(segments).toHaveLength(1);
    expect(new SegmentPart(segments[0]!.meta).ids).toHaveLength(2);
    expect(await searchAll(db, 'zanzibar')).toHaveLength(1);
    expect(await searchAll(db, 'quokka')).toHaveLength(1);
  });

  it('removes a source’s segments with the source, and no other', async () => {
    const db = openTestDb();
    const feed = makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] });
    await syncFolder(db, source, env(fakeFetch(feed.files).fetcher));
    await syncFolder(db, { id: 'other', feedUrl: FEED_URL }, env(fakeFetch(feed.files).fetcher));
    expect(Object.keys(await indexedIds(db))).toEqual(['default/2026-01', 'other/2026-01']);
    await removeSource(db, 'default');
    expect(Object.keys(await indexedIds(db))).toEqual(['other/2026-01']);
  });

  it('attaches a body part only to the segment of the chunk it was built for, and detaches it again', async () => {
    const db = openTestDb();
    await syncFolder(db, source, env(fakeFetch(makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] }).files).fetcher));
    const [segment] = await db.segments.toArray();
    const doc = { id: 'a', title: 'A', topics: [], author: null, summary: '', body: 'wombats dig' };
    const body = buildSegment([doc], { source: 'feed', key: '2026-01' }).body!;
    const other = buildSegment([{ ...doc, id: 'b' }], { source: 'feed', key: '2026-01' }).body!;
    const attachSegmentBody = async (key: string, chunk: string, part: Uint8Array) => (await attachSegmentBodies(db, [{ key, chunk, body: part }]))[0];
    expect(await attachSegmentBody(segment!.key, 'default/2026-01@other', body)).toBe(false);
    expect(await attachSegmentBody(segment!.key, segment!.chunk, other)).toBe(false);
    expect(await attachSegmentBody(segment!.key, segment!.chunk, new Uint8Array([1, 2, 3]))).toBe(false);
    expect(await attachSegmentBody(segment!.key, segment!.chunk, body)).toBe(true);
    expect((await db.segments.get(segment!.key))?.rev).toBe(`${segment!.chunk}#b`);
    expect(await searchAll(db, 'wombats')).toEqual(['default/a']);
    // No feed file to fetch it again from: a detach keeps it.
    expect(await detachSegmentBodies(db)).toBe(0);
    await db.segments.update(segment!.key, { bodyRef: { href: 'search/x.body', hash: 'h', bytes: 3 } });
    expect(await detachSegmentBodies(db, 'default')).toBe(1);
    expect(await db.segments.get(segment!.key)).toMatchObject({ body: null, rev: `${segment!.chunk}#m` });
  });
});

describe('schema v5', () => {
  it('opens a v4 database, keeps its rows, and indexes its stored shards afterwards', async () => {
    const name = `folio-upgrade-v4-${Date.now()}`;
    const old = await openShippedSchema(name, 4);
    const { chunk, blocks } = buildChunk('default', '2026-01', 'h1', [
      { ...chunkArticle({ id: 'a', date: '2026-01-02T00:00:00Z', topics: ['rust'] }), title: 'Ownership explained' },
      chunkArticle({ id: 'b', date: '2026-01-01T00:00:00Z', topics: [] }),
    ]);
    await old.table('catalog').add(chunk);
    await old.table('texts').bulkAdd(blocks);
    old.close();

    const db = new FolioDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(8);
      expect(await db.catalog.count()).toBe(1);
      expect(await db.segments.count()).toBe(0);
      expect(await indexStoredShards(db)).toBe(1);
      expect(await indexStoredShards(db)).toBe(0);
      expect(await indexedIds(db)).toEqual({ 'default/2026-01': ['a', 'b'] });
      expect(await searchAll(db, 'ownership')).toEqual(['default/a']);
    } finally {
      await db.delete();
    }
  });
});
