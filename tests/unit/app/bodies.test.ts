import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/lib/catalog/article';
import { loadBody } from '../../../src/lib/ingest/bodies';
import { markOpened, markUnread } from '../../../src/lib/store/readerState';
import { FEED_URL, fakeFetch } from '../helpers/fakeFeed';
import { openTestDb } from '../helpers/testDb';


const record = (extra: Partial<Article> = {}): Article => ({
  key: 'default/a', sourceId: 'default', id: 'a', slug: 'a', url: 'https://blog.test/posts/a/', title: 'A', date: 0,
  topics: [], author: null, summary: 's', summaryTruncated: false, words: 1, readingMinutes: 1,
  bodyHref: 'bodies/a.h2.html', bodyHash: 'h2', bodyBytes: 10, ...extra,
});

describe('loadBody', () => {
  it('fetches a body once, stores it, then serves it from the database', async () => {
    const db = openTestDb();
    const { fetcher, requests } = fakeFetch(new Map([['bodies/a.h2.html', '<p>Hello</p>']]));
    expect(await loadBody(db, record(), FEED_URL, fetcher)).toEqual({ state: 'stored', html: '<p>Hello</p>', stale: false });
    expect(await loadBody(db, record(), FEED_URL, fetcher)).toEqual({ state: 'stored', html: '<p>Hello</p>', stale: false });
    expect(requests).toEqual(['bodies/a.h2.html']);
    expect(await db.bodies.get('default/a')).toMatchObject({ hash: 'h2', html: '<p>Hello</p>' });
  });

  it('refetches when the feed has a newer body, and falls back to the old copy offline', async () => {
    const db = openTestDb();
    await db.bodies.put({ key: 'default/a', hash: 'h1', html: '<p>Old</p>', storedAt: 1 });
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    expect(await loadBody(db, record(), FEED_URL, offline.fetcher)).toEqual({ state: 'stored', html: '<p>Old</p>', stale: true });
    const online = fakeFetch(new Map([['bodies/a.h2.html', '<p>New</p>']]));
    expect(await loadBody(db, record(), FEED_URL, online.fetcher)).toMatchObject({ html: '<p>New</p>', stale: false });
  });

  it('says "not downloaded" when offline with no copy, and "link-only" for an article without a body', async () => {
    const db = openTestDb();
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    const result = await loadBody(db, record(), FEED_URL, offline.fetcher);
    expect(result.state).toBe('not-downloaded');
    expect(await loadBody(db, record({ bodyHref: null, bodyHash: null }), FEED_URL, offline.fetcher)).toEqual({ state: 'link-only' });
    expect(offline.requests).toHaveLength(1);
  });
});

describe('reader state', () => {
  it('keeps the first read time, updates the last opened time, and can mark unread', async () => {
    const db = openTestDb();
    await markOpened(db, 'default/a', 100);
    await markOpened(db, 'default/a', 200);
    expect(await db.readerState.get('default/a')).toEqual({ key: 'default/a', readAt: 100, openedAt: 200 });
    await markUnread(db, 'default/a');
    expect(await db.readerState.where('readAt').above(0).count()).toBe(0);
  });
});
