import { describe, expect, it, vi } from 'vitest';
import { readArticles } from '../helpers/stored';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { markOpened } from '../../../src/lib/store/readerState';
import { AppError } from '../../../src/lib/model/error';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { article, FEED_URL, fakeFetch, makeFeed } from '../helpers/fakeFeed';
import { marks, openTestDb } from '../helpers/testDb';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';

const env = (fetcher: Fetch) => ({ fetcher, online: true, now: Date.now });

const source = { id: 'default', feedUrl: FEED_URL };

async function snapshot(db: FolioDb) {
  return {
    catalog: await db.catalog.orderBy('key').toArray(),
    texts: await db.texts.orderBy('key').toArray(),
    sources: await db.sources.toArray(),
    bodies: await db.bodies.orderBy('key').toArray(),
    readerState: await db.readerState.orderBy('key').toArray(),
  };
}

describe('syncFolder', () => {
  it('stores a first sync and records when it happened', async () => {
    const db = openTestDb();
    const { files } = makeFeed({
      '2026-01': [article('b', '2026-01-20T00:00:00Z', ['rust']), article('a', '2026-01-02T00:00:00Z')],
      undated: [article('u', null)],
    });
    const result = await syncFolder(db, source, env(fakeFetch(files).fetcher));
    expect(result).toMatchObject({ added: 3, removed: 0, articleCount: 3, shardsFetched: 2 });
    const [stored] = await readArticles(db, ['default/b']);
    expect(stored).toMatchObject({ title: 'Title b', date: Date.parse('2026-01-20T00:00:00Z'), topics: ['rust'], author: 'Tester', sourceId: 'default' });
    expect((await db.sources.get('default'))?.lastSyncedAt).toBe(result.syncedAt);
    expect((await readArticles(db)).map((a) => a.id)).toEqual(['b', 'a', 'u']);
  });

  it('fetches only changed shards, and adds, updates and removes without touching reader state', async () => {
    const db = openTestDb();
    const first = makeFeed({
      '2026-02': [article('c', '2026-02-01T00:00:00Z')],
      '2026-01': [article('b', '2026-01-20T00:00:00Z'), article('a', '2026-01-02T00:00:00Z')],
      '2025-12': [article('old', '2025-12-01T00:00:00Z')],
    });
    await syncFolder(db, source, env(fakeFetch(first.files).fetcher));
    await markOpened(db, 'default/a', 1000);
    await markOpened(db, 'default/old', 2000);
    await db.bodies.bulkPut([
      { key: 'default/a', hash: 'h1', html: '<p>a</p>', storedAt: 1 },
      { key: 'default/old', hash: 'h1', html: '<p>old</p>', storedAt: 1 },
    ]);

    const second = makeFeed({
      '2026-03': [article('d', '2026-03-05T00:00:00Z')],
      '2026-02': [article('c', '2026-02-01T00:00:00Z')],
      '2026-01': [article('b', '2026-01-20T00:00:00Z', [], { title: 'Edited' }), article('a', '2026-01-02T00:00:00Z')],
    });
    const { fetcher, requests } = fakeFetch(second.files);
    const result = await syncFolder(db, source, env(fetcher));

    expect(requests.filter((r) => r.startsWith('index/')).map((r) => r.split('.')[0])).toEqual(['index/2026-03', 'index/2026-01']);
    expect(result).toMatchObject({ added: 1, removed: 1, refreshed: 2, articleCount: 4 });
    expect((await readArticles(db)).map((a) => [a.id, a.title])).toEqual([
      ['d', 'Title d'],
      ['c', 'Title c'],
      ['b', 'Edited'],
      ['a', 'Title a'],
    ]);
    expect(await db.bodies.get('default/old')).toBeUndefined();
    expect(await db.bodies.get('default/a')).toBeDefined();
    expect(await db.readerState.toArray()).toEqual([
      marks('default/a', { readAt: 1000, openedAt: 1000, readChangedAt: 1000 }),
      marks('default/old', { readAt: 2000, openedAt: 2000, readChangedAt: 2000 }),
    ]);
    expect((await db.catalog.toArray()).map((c) => c.shardKey).sort()).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(await db.texts.count()).toBe(3);
  });

  it('moves an article whose date changed to another shard without counting it as new', async () => {
    const db = openTestDb();
    await syncFolder(db, source, env(fakeFetch(makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] }).files).fetcher));
    const moved = makeFeed({ '2026-02': [article('a', '2026-02-02T00:00:00Z')] });
    const result = await syncFolder(db, source, env(fakeFetch(moved.files).fetcher));
    expect(result).toMatchObject({ added: 0, removed: 0, refreshed: 1, articleCount: 1 });
    expect((await readArticles(db)).map((a) => [a.key, a.date])).toEqual([['default/a', Date.parse('2026-02-02T00:00:00Z')]]);
    expect((await db.catalog.toArray()).map((c) => c.shardKey)).toEqual(['2026-02']);
  });

  it('stores a first sync shard by shard, and a resumed one fetches only what is missing', async () => {
    const db = openTestDb();
    const feed = makeFeed({
      '2026-03': [article('c', '2026-03-01T00:00:00Z')],
      '2026-02': [article('b', '2026-02-01T00:00:00Z')],
      '2026-01': [article('a', '2026-01-02T00:00:00Z')],
    });
    const progress: number[] = [];
    const cut = fakeFetch(feed.files, { fail: (p) => (p.startsWith('index/2026-01') ? new TypeError('network error') : null) });
    const error = await syncFolder(db, source, env(cut.fetcher), ({ shards }) => progress.push(shards)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'offline' });
    expect(progress).toEqual([1, 2]);
    expect((await readArticles(db)).map((a) => a.id)).toEqual(['c', 'b']);
    expect((await db.sources.get('default'))?.lastSyncedAt).toBeNull();

    const resumed = fakeFetch(feed.files);
    const result = await syncFolder(db, source, env(resumed.fetcher));
    expect(resumed.requests.filter((r) => r.startsWith('index/')).map((r) => r.split('.')[0])).toEqual(['index/2026-01']);
    expect(result).toMatchObject({ added: 1, articleCount: 3 });
    expect((await readArticles(db)).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    expect((await db.sources.get('default'))?.lastSyncedAt).toBe(result.syncedAt);
  });

  it('a first sync asks for its shards while it stores the source, not after', async () => {
    const db = openTestDb();
    const feed = makeFeed({ '2026-02': [article('b', '2026-02-01T00:00:00Z')], '2026-01': [article('a', '2026-01-02T00:00:00Z')] });
    const events: string[] = [];
    db.sources.hook('creating', () => void events.push('source stored'));
    const served = fakeFetch(feed.files);
    const fetcher: Fetch = (input, init) => {
      const file = String(input).slice(FEED_URL.length);
      if (file.startsWith('index/')) events.push(`asked for ${file.split('.')[0]}`);
      return served.fetcher(input, init);
    };
    await syncFolder(db, source, env(fetcher));
    expect(events.indexOf('asked for index/2026-02')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('asked for index/2026-02')).toBeLessThan(events.indexOf('source stored'));
    expect((await readArticles(db)).map((a) => a.id)).toEqual(['b', 'a']);

    // A source that cannot be stored fails the sync, whatever the shards do.
    const full = openTestDb();
    full.sources.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(syncFolder(full, source, env(fakeFetch(feed.files).fetcher))).rejects.toBeInstanceOf(AppError);
    expect(await full.catalog.count()).toBe(0);
  });

  /** Eight monthly shards, newest first, one article each. */
  const eightMonths = () =>
    makeFeed(Object.fromEntries(Array.from({ length: 8 }, (_, i) => {
      const month = `2025-${String(12 - i).padStart(2, '0')}`;
      return [month, [article(`m${12 - i}`, `${month}-01T00:00:00Z`)]];
    })));

  it('a first sync takes the next shards while the newest one commits, not after', async () => {
    const db = openTestDb();
    const feed = eightMonths();
    const events: string[] = [];
    const served = fakeFetch(feed.files);
    const fetcher: Fetch = (input, init) => {
      const file = String(input).slice(FEED_URL.length);
      if (file.startsWith('index/')) events.push(`asked for ${file.slice('index/'.length, 'index/'.length + 7)}`);
      return served.fetcher(input, init);
    };
    await syncFolder(db, source, env(fetcher), ({ shards }) => events.push(`stored ${shards}`));
    // Four shards are asked for at first; the sixth once the second is taken. Waiting for the
    // newest shard's write before taking the next would put "stored 1" before it.
    expect(events.indexOf('asked for 2025-07')).toBeGreaterThan(0);
    expect(events.indexOf('asked for 2025-07')).toBeLessThan(events.indexOf('stored 1'));
    expect(events.filter((e) => e.startsWith('stored'))).toEqual(['stored 1', 'stored 8']);
    expect((await readArticles(db)).map((a) => a.id)).toEqual(['m12', 'm11', 'm10', 'm9', 'm8', 'm7', 'm6', 'm5']);
  });

  it('a first sync whose second write fails keeps the first, says why, and resumes from there', async () => {
    const db = openTestDb();
    const feed = eightMonths();
    // The second write (the seven shards after the newest) runs out of room.
    const full = (key: unknown): void => {
      if (String(key).includes('2025-11')) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    db.catalog.hook('creating', full);
    const error = await syncFolder(db, source, env(fakeFetch(feed.files).fetcher)).catch((e: unknown) => e);
    db.catalog.hook('creating').unsubscribe(full);
    expect(error).toMatchObject({ kind: 'storage-full' });
    expect((await readArticles(db)).map((a) => a.id)).toEqual(['m12']);
    expect((await db.sources.get('default'))?.lastSyncedAt).toBeNull();

    const resumed = fakeFetch(feed.files);
    await syncFolder(db, source, env(resumed.fetcher));
    expect(resumed.requests.filter((r) => r.startsWith('index/'))).toHaveLength(7);
    expect(await readArticles(db)).toHaveLength(8);
  });

  const failures: [string, (feed: ReturnType<typeof makeFeed>) => Parameters<typeof fakeFetch>[1], AppError['kind'], RegExp][] = [
    ['the network is down', () => ({ fail: () => new TypeError('Failed to fetch') }), 'offline', /Could not reach the feed/],
    ['the server answers 500', () => ({ fail: () => new Response('boom', { status: 500, statusText: 'Internal Server Error' }) }), 'http', /answered 500/],
    ['a shard is truncated JSON', () => ({ fail: (p) => (p.startsWith('index/') ? new Response('{"format":"folio-feed-sh') : null) }), 'format', /not valid JSON/],
    ['the manifest is not a Folio feed', () => ({ fail: (p) => (p === 'manifest.json' ? new Response('{"format":"rss"}') : null) }), 'format', /\$\.format/],
    ['the network drops after the manifest', () => ({ fail: (p) => (p.includes('2026-03') ? new TypeError('network error') : null) }), 'offline', /network is off/],
  ];

  it.each(failures)('keeps what was stored when %s', async (_name, options, kind, message) => {
    const db = openTestDb();
    const first = makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] });
    await syncFolder(db, source, env(fakeFetch(first.files).fetcher));
    await markOpened(db, 'default/a', 5);
    const before = await snapshot(db);

    const next = makeFeed({ '2026-03': [article('n', '2026-03-01T00:00:00Z')], '2026-01': [] });
    const error = await syncFolder(db, source, env(fakeFetch(next.files, options(next)).fetcher)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe(kind);
    expect((error as AppError).message).toMatch(message);
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls the whole write back when storage runs out mid-transaction', async () => {
    const db = openTestDb();
    await syncFolder(db, source, env(fakeFetch(makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] }).files).fetcher));
    const before = await snapshot(db);
    const spy = vi.spyOn(db.texts, 'bulkPut').mockImplementationOnce(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    const next = makeFeed({ '2026-02': [article('b', '2026-02-02T00:00:00Z')], '2026-01': [article('a', '2026-01-02T00:00:00Z', ['x'])] });
    const error = await syncFolder(db, source, env(fakeFetch(next.files).fetcher)).catch((e: unknown) => e);
    spy.mockRestore();
    expect(error).toMatchObject({ kind: 'storage-full' });
    expect((error as Error).message).toMatch(/Storage is full.*still here/);
    expect(await snapshot(db)).toEqual(before);
  });
});
