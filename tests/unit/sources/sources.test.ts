import { describe, expect, it } from 'vitest';
import { readArticles, readCatalog } from '../helpers/stored';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { queryList } from '../../../src/lib/list/query';
import { loadBody } from '../../../src/lib/ingest/bodies';
import { markOpened } from '../../../src/lib/store/readerState';
import { feedContent } from '../../../src/lib/ingest/feedContent';
import { CORS_HINT } from '../../../src/lib/ingest/fetchFeedText';
import { syncAnySource } from '../../../src/lib/ingest/adapters';
import type { Environment } from '../../../src/lib/ingest/environment';
import { addSourceByUrl, addSourceFromFile, sourceIdFor } from '../../../src/lib/ingest/sources';
import { removeSource } from '../../../src/lib/store/sources';
import { readFeed } from '../../../src/lib/feed/formats/toFolio';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { article, FEED_URL, fakeFetch, makeFeed } from '../helpers/fakeFeed';
import { marks, openTestDb } from '../helpers/testDb';

const RSS_URL = 'https://news.test/feed.xml';

function rss(items: { guid: string; title: string; date: string; tags?: string[]; body?: string }[]): string {
  const xml = items
    .map(
      (i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://news.test/${i.guid}</link><pubDate>${i.date}</pubDate>
      ${(i.tags ?? []).map((t) => `<category>${t}</category>`).join('')}${i.body ? `<content:encoded><![CDATA[${i.body}]]></content:encoded>` : ''}</item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>News</title><link>https://news.test/</link>${xml}</channel></rss>`;
}

const twoItems = rss([
  { guid: 'a', title: 'Alpha', date: 'Tue, 03 Mar 2026 10:00:00 GMT', tags: ['Go'], body: '<p>Alpha body with enough words.</p>' },
  { guid: 'b', title: 'Beta', date: 'Sun, 01 Feb 2026 10:00:00 GMT', tags: ['Rust'], body: '<p>Beta body.</p>' },
]);

function env(files: Record<string, string | Response | Error>, online = true): Environment {
  return {
    online,
    now: () => 1_000,
    fetcher: async (input) => {
      const value = files[String(input)];
      if (value instanceof Error) throw value;
      if (value instanceof Response) return value;
      return value === undefined ? new Response('nope', { status: 404 }) : new Response(value, { headers: { 'content-type': 'application/rss+xml' } });
    },
  };
}

describe('feed sources', () => {
  it('lays a feed out as monthly shards with its bodies', () => {
    const content = feedContent(readFeed(twoItems, { url: RSS_URL }));
    expect(content.shards.map(({ shard }) => shard.key)).toEqual(['2026-03', '2026-02']);
    expect(content.bodies.map((b) => b.html)).toEqual(['<p>Alpha body with enough words.</p>', '<p>Beta body.</p>']);
    expect(content.shards[0]?.shard.articles[0]?.body).toMatchObject({ href: expect.stringMatching(/^inline:/), bytes: '<p>Alpha body with enough words.</p>'.length });
    expect(content.topicNames).toEqual(new Map([['go', 'Go'], ['rust', 'Rust']]));
  });

  it('adds a feed by URL next to the bundled one, with its text stored for offline reading', async () => {
    const db = openTestDb();
    await syncFolder(db, { id: 'default', feedUrl: FEED_URL }, { fetcher: fakeFetch(makeFeed({ '2026-01': [article('x', '2026-01-02T00:00:00Z')] }).files).fetcher, online: true, now: Date.now });
    const result = await addSourceByUrl(db, RSS_URL, env({ [RSS_URL]: twoItems }));
    const id = sourceIdFor(RSS_URL);
    expect(result).toMatchObject({ sourceId: id, added: 2, articleCount: 2 });
    expect((await db.sources.get(id))).toMatchObject({ kind: 'feed', title: 'News', feedUrl: RSS_URL, lastSyncedAt: 1_000 });
    const articles = await readArticles(db);
    expect(articles.map((a) => [a.sourceId, a.title])).toEqual([[id, 'Alpha'], [id, 'Beta'], ['default', 'Title x']]);
    const first = articles[0]!;
    const body = await loadBody(db, { key: first.key, bodyHref: first.bodyHref, bodyHash: first.bodyHash, url: first.url, feedUrl: RSS_URL }, () => Promise.reject(new TypeError('offline')));
    expect(body).toEqual({ state: 'stored', html: '<p>Alpha body with enough words.</p>', toc: [], cut: false, stale: false });

    const catalog = await readCatalog(db);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, source: id }).total).toBe(2);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, source: 'default' }).keys).toEqual(['default/x']);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, source: 'nope' }).total).toBe(0);
  });

  it('adds a Folio feed folder by its manifest address', async () => {
    const db = openTestDb();
    const { files } = makeFeed({ '2026-01': [article('x', '2026-01-02T00:00:00Z')] });
    const fetcher = fakeFetch(files).fetcher;
    const result = await addSourceByUrl(db, `${FEED_URL}manifest.json`, { fetcher, online: true, now: () => 5 });
    expect(result).toMatchObject({ sourceId: sourceIdFor(FEED_URL), articleCount: 1 });
    expect((await db.sources.get(sourceIdFor(FEED_URL)))?.feedUrl).toBe(FEED_URL);
  });

  it('re-syncs a feed: edits land, an item that left the feed stays with its text and reader state', async () => {
    const db = openTestDb();
    await addSourceByUrl(db, RSS_URL, env({ [RSS_URL]: twoItems }));
    const id = sourceIdFor(RSS_URL);
    await markOpened(db, `${id}/b`, 7);
    const edited = rss([{ guid: 'a', title: 'Alpha 2', date: 'Tue, 03 Mar 2026 10:00:00 GMT', body: '<p>New text.</p>' }]);
    const result = await syncAnySource(db, { id, kind: 'feed', feedUrl: RSS_URL }, env({ [RSS_URL]: edited }));
    expect(result).toMatchObject({ added: 0, removed: 0, refreshed: 1 });
    expect((await readArticles(db)).map((a) => a.title)).toEqual(['Alpha 2', 'Beta']);
    expect((await db.bodies.orderBy('key').toArray()).map((b) => b.html)).toEqual(['<p>New text.</p>', '<p>Beta body.</p>']);
    expect(await db.readerState.toArray()).toEqual([marks(`${id}/b`, { readAt: 7, openedAt: 7, readChangedAt: 7 })]);
  });

  it('keeps every article when a feed\'s window moves, in the month it shares with new ones too', async () => {
    const db = openTestDb();
    const day = (n: number) => `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][n % 7]}, ${String(n).padStart(2, '0')} Mar 2026 10:00:00 GMT`;
    const items = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ guid: `i${from + i}`, title: `Item ${from + i}`, date: day(from + i), body: `<p>Body ${from + i}.</p>` }));
    await addSourceByUrl(db, RSS_URL, env({ [RSS_URL]: rss(items(1, 10)) }));
    const id = sourceIdFor(RSS_URL);
    await markOpened(db, `${id}/i2`, 9);
    await syncAnySource(db, { id, kind: 'feed', feedUrl: RSS_URL }, env({ [RSS_URL]: rss(items(6, 15)) }));
    const titles = (await readArticles(db)).map((a) => a.title);
    expect(titles).toEqual(Array.from({ length: 15 }, (_, i) => `Item ${15 - i}`));
    expect(await db.bodies.count()).toBe(15);
    expect((await db.readerState.get(`${id}/i2`))?.readAt).toBe(9);
    // The same window again changes nothing.
    expect(await syncAnySource(db, { id, kind: 'feed', feedUrl: RSS_URL }, env({ [RSS_URL]: rss(items(6, 15)) }))).toMatchObject({ shardsFetched: 0 });
  });

  it('knows a feed file by its feed, not its name: two blogs\' index.xml are two sources', async () => {
    const db = openTestDb();
    const blogB = twoItems.replaceAll('news.test', 'other.test').replace('<title>News</title>', '<title>Other</title>');
    const first = await addSourceFromFile(db, 'index.xml', twoItems, 1);
    const second = await addSourceFromFile(db, 'index.xml', blogB, 2);
    expect(second.sourceId).not.toBe(first.sourceId);
    expect(await db.sources.count()).toBe(2);
    expect((await readArticles(db)).length).toBe(4);
    await markOpened(db, `${first.sourceId}/b`, 3);
    const again = await addSourceFromFile(db, 'saved-again.xml', twoItems, 4);
    expect(again).toMatchObject({ sourceId: first.sourceId, existed: true, title: 'News' });
    expect((await db.readerState.get(`${first.sourceId}/b`))?.readAt).toBe(3);
  });

  it('says why a URL fails, and stores nothing', async () => {
    const db = openTestDb();
    const cases: [Record<string, string | Response | Error>, boolean, RegExp][] = [
      [{}, true, /not found \(404\)/],
      [{ [RSS_URL]: new TypeError('Failed to fetch') }, true, new RegExp(CORS_HINT.slice(0, 40).replace(/[()]/g, '\\$&'))],
      [{ [RSS_URL]: new TypeError('Failed to fetch') }, false, /You are offline/],
      [{ [RSS_URL]: '<!doctype html><html><head><title>Blog</title></head><body>hi</body></html>' }, true, /not a feed Folio can read/],
      [{ [RSS_URL]: new Response('x', { headers: { 'content-length': String(30 * 1024 * 1024) } }) }, true, /larger than 20 MB/],
      [{ [RSS_URL]: new DOMException('slow', 'TimeoutError') }, true, /took more than 30 seconds/],
      [{ [RSS_URL]: new Response('boom', { status: 500, statusText: 'Internal Server Error' }) }, true, /answered 500/],
    ];
    for (const [files, online, message] of cases) {
      await expect(addSourceByUrl(db, RSS_URL, env(files, online))).rejects.toThrow(message);
    }
    await expect(addSourceByUrl(db, 'ftp://x', env({}))).rejects.toThrow(/not a web address/);
    // A failure a browser cannot explain is not blamed on CORS alone.
    await expect(addSourceByUrl(db, RSS_URL, env({ [RSS_URL]: new TypeError('Failed to fetch') }))).rejects.toThrow(/could not be read|network error, CORS, or a bad redirect/);
    expect(await db.sources.count()).toBe(0);
    expect(await db.catalog.count()).toBe(0);
  });

  it('reads every page of a wrapped, paged Hugo index added by URL, and counts the list pages it skips', async () => {
    const db = openTestDb();
    const post = (n: number) => ({ title: `Post ${n}`, permalink: `/posts/${n}/`, date: `2024-01-0${n}T00:00:00Z`, tags: ['Go'], content: `Body ${n}` });
    const tags = { title: 'Tags', permalink: '/tags/', date: '0001-01-01T00:00:00Z', content: '', summary: '' };
    const files = {
      'https://hugo.test/index.json': JSON.stringify({ articles: [post(1), tags], next: '/page/2/index.json' }),
      'https://hugo.test/page/2/index.json': JSON.stringify({ articles: [post(2), { ...tags, title: 'Categories', permalink: '/categories/' }], next: 'https://hugo.test/page/3/index.json' }),
      'https://hugo.test/page/3/index.json': JSON.stringify({ articles: [post(3)] }),
    };
    const result = await addSourceByUrl(db, 'https://hugo.test/index.json', env(files));
    expect(result).toMatchObject({ articleCount: 3, listPages: 2 });
    expect((await readArticles(db)).map((a) => a.url)).toEqual(['https://hugo.test/posts/3/', 'https://hugo.test/posts/2/', 'https://hugo.test/posts/1/']);
  });

  it('says when redirects are why a URL fails: seen by hand in Node, opaque in a browser', async () => {
    const db = openTestDb();
    const redirecting = (target: (hop: string) => string): Environment['fetcher'] => (input, init) => {
      const url = String(input);
      if (init?.redirect !== 'manual') return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(new Response(null, { status: 302, headers: { location: target(url) } }));
    };
    const loop = { fetcher: redirecting((url) => (url.endsWith('/a') ? 'https://r.test/b' : 'https://r.test/a')), online: true, now: () => 1 };
    await expect(addSourceByUrl(db, 'https://r.test/a', loop)).rejects.toThrow('Could not read https://r.test/a: it redirects in a loop (back to https://r.test/a).');
    const toData = { fetcher: redirecting(() => 'data:application/rss+xml,<rss/>'), online: true, now: () => 1 };
    await expect(addSourceByUrl(db, 'https://r.test/a', toData)).rejects.toThrow(/redirects to a data: address/);
    // A browser shows a redirect it will not follow as an opaque redirect, with no target.
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as unknown as Response;
    const browser = { fetcher: ((_: unknown, init?: RequestInit) => (init?.redirect === 'manual' ? Promise.resolve(opaque) : Promise.reject(new TypeError('Failed to fetch')))) as Environment['fetcher'], online: true, now: () => 1 };
    await expect(addSourceByUrl(db, 'https://r.test/a', browser)).rejects.toThrow(/it redirects, and the redirect could not be followed: a redirect loop, a redirect to an address that is not a web page/);
    expect(await db.sources.count()).toBe(0);
  });

  it('adds a file, then removes that source and keeps the others', async () => {
    const db = openTestDb();
    await syncFolder(db, { id: 'default', feedUrl: FEED_URL }, { fetcher: fakeFetch(makeFeed({ '2026-01': [article('x', '2026-01-02T00:00:00Z')] }).files).fetcher, online: true, now: Date.now });
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Notes', items: [{ id: '1', url: 'https://n.test/1', title: 'One', content_html: '<p>1</p>' }] });
    const added = await addSourceFromFile(db, 'notes.json', json);
    expect((await db.sources.get(added.sourceId))).toMatchObject({ kind: 'file', feedUrl: 'notes.json' });
    await markOpened(db, 'default/x', 3);
    expect(await removeSource(db, added.sourceId)).toBe(1);
    expect((await readArticles(db)).map((a) => a.key)).toEqual(['default/x']);
    expect(await db.bodies.where('key').startsWith(`${added.sourceId}/`).count()).toBe(0);
    expect(await db.readerState.count()).toBe(1);
    expect((await db.sources.toArray()).map((s) => s.id)).toEqual(['default']);
  });
});
