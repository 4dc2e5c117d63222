import { describe, expect, it, vi } from 'vitest';
import type { FeedArticle, FeedShardRef } from '../../../src/lib/feed/folder';
import { SHARD_FORMAT } from '../../../src/lib/feed/folder';
import { idsOnce, manifestOrder, shardsForArticleFirst } from '../../../src/lib/ingest/shardOrder';
import { syncFolder } from '../../../src/lib/ingest/folder';
import type { IncomingShard } from '../../../src/lib/store/shards';
import { keysOf } from '../helpers/catalog';
import { buildFolder, entry, FOLDER_URL, serveFolder } from '../helpers/searchFeed';
import { readCatalog } from '../helpers/stored';
import { openTestDb } from '../helpers/testDb';

const ref = (key: string): FeedShardRef => ({ key, href: `index/${key}.0000000000000000.json`, hash: '0000000000000000', count: 1 });
const keys = (refs: readonly FeedShardRef[]) => refs.map((r) => r.key);
const manifest = ['2026-04', '2026-04-2', '2026-03', '2026-01', '2025-12', 'undated'].map(ref);

const article = (id: string): FeedArticle => ({
  id, slug: id, url: '', title: id, date: null, topics: [], author: null, summary: '', summaryTruncated: false, words: 0, readingMinutes: 0, body: null,
});
const incoming = (key: string, ids: string[]): IncomingShard => ({ shard: { format: SHARD_FORMAT, version: 1, key, articles: ids.map(article) }, hash: '0' });

describe('the order a first sync stores shards in', () => {
  it('puts the shards of the month a dated id names first, the rest in manifest order', () => {
    const order = shardsForArticleFirst(manifest, '2026-04-12-a-post');
    expect(keys(order.refs)).toEqual(['2026-04', '2026-04-2', '2026-03', '2026-01', '2025-12', 'undated']);
    expect(order.early).toBe(2);
    const old = shardsForArticleFirst(manifest, '2026-01-31-late-in-january');
    expect(keys(old.refs)).toEqual(['2026-01', '2026-04', '2026-04-2', '2026-03', '2025-12', 'undated']);
    expect(old.early).toBe(1);
    expect(keys(old.manifest)).toEqual(keys(manifest));
  });

  it('keeps the manifest order for an id that names no date, or a month with no shard', () => {
    for (const id of [undefined, 'a-post', '2026-1-05-short', '20260105-compact', '2026-02-03-no-such-month', '2026-03-123']) {
      expect(shardsForArticleFirst(manifest, id)).toEqual(manifestOrder(manifest));
    }
  });
});

describe('ids kept once across shards stored out of order', () => {
  it('keeps a repeated id in the newest shard; a shard moved ahead keeps its own too', () => {
    const refs = ['2026-03', '2026-02', '2026-01', '2025-12'].map(ref);
    const order = shardsForArticleFirst(refs, '2026-01-09-x');
    expect(keys(order.refs)).toEqual(['2026-01', '2026-03', '2026-02', '2025-12']);
    const unique = idsOnce(order);
    const kept = (key: string, ids: string[]) => unique(incoming(key, ids)).shard.articles.map((a) => a.id);
    expect(kept('2026-01', ['a', 'x', 'a'])).toEqual(['a', 'x']);
    // March and February are newer than January: they keep its ids too, and the catalogue lists theirs.
    expect(kept('2026-03', ['m', 'x'])).toEqual(['m', 'x']);
    expect(kept('2026-02', ['a', 'x', 'f', 'm'])).toEqual(['a', 'f']);
    // December is older than January: January's copies win there, as in manifest order.
    expect(kept('2025-12', ['x', 'd', 'f'])).toEqual(['d']);
  });

  it('in manifest order, keeps each id in the first shard that has it', () => {
    const unique = idsOnce(manifestOrder(['2026-03', '2026-02'].map(ref)));
    expect(unique(incoming('2026-03', ['a', 'b'])).shard.articles.map((a) => a.id)).toEqual(['a', 'b']);
    expect(unique(incoming('2026-02', ['b', 'c'])).shard.articles.map((a) => a.id)).toEqual(['c']);
  });
});

describe('a first sync started on an article by its address', () => {
  const feed = () =>
    buildFolder([
      entry('2026-03-02-march', '2026-03-02T00:00:00Z', 'March notes', 'spring'),
      entry('2026-02-02-february', '2026-02-02T00:00:00Z', 'February notes', 'zanzibar spices'),
      entry('2026-01-05-january', '2026-01-05T00:00:00Z', 'January notes', 'a quokka in winter'),
    ]);

  it('stores the shard of the month its id names first, alone, then the newest, then the rest', async () => {
    const db = openTestDb();
    const served = serveFolder(feed());
    const written: string[][] = [];
    db.catalog.hook('creating', (_key, chunk) => void written.push([chunk.shardKey]));
    const request = { id: 'blog', feedUrl: FOLDER_URL, textFirst: true, article: '2026-01-05-january' };
    await expect(syncFolder(db, request, served.env)).resolves.toMatchObject({ added: 3 });
    expect(written.map(([key]) => key)).toEqual(['2026-01', '2026-03', '2026-02']);
    expect(served.requests.filter((p) => p.startsWith('index/')).map((p) => p.split('.')[0])).toEqual(['index/2026-01', 'index/2026-03', 'index/2026-02']);
    expect(keysOf(await readCatalog(db))).toEqual(['blog/2026-03-02-march', 'blog/2026-02-02-february', 'blog/2026-01-05-january']);
  });

  it('writes no shard while an article’s text is being fetched, and goes on once it is in', async () => {
    const db = openTestDb();
    const served = serveFolder(feed());
    const written: string[] = [];
    db.catalog.hook('creating', (_key, chunk) => void written.push(chunk.shardKey));
    let textIn!: () => void;
    const text = new Promise<void>((resolve) => (textIn = resolve));
    const sync = syncFolder(db, { id: 'blog', feedUrl: FOLDER_URL }, { ...served.env, textsIdle: () => text });
    await vi.waitFor(() => expect(served.requests.filter((p) => p.startsWith('index/'))).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toEqual([]);
    textIn();
    await expect(sync).resolves.toMatchObject({ added: 3 });
    expect(written).toEqual(['2026-03', '2026-02', '2026-01']);
  });

  it('keeps the manifest order for an article of another source', async () => {
    const db = openTestDb();
    const served = serveFolder(feed());
    await syncFolder(db, { id: 'blog', feedUrl: FOLDER_URL, textFirst: true }, served.env);
    expect(served.requests.filter((p) => p.startsWith('index/')).map((p) => p.split('.')[0])).toEqual(['index/2026-03', 'index/2026-02', 'index/2026-01']);
  });
});
