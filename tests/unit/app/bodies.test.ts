import { describe, expect, it } from 'vitest';
import { currentCopy, loadBody, type BodyRequest } from '../../../src/lib/ingest/bodies';
import { markOpened, setRead } from '../../../src/lib/store/readerState';
import { FEED_URL, fakeFetch } from '../helpers/fakeFeed';
import { marks, openTestDb } from '../helpers/testDb';

const request = (extra: Partial<BodyRequest> = {}): BodyRequest => ({
  key: 'default/a', bodyHref: 'bodies/a.h2.html', bodyHash: 'h2', feedUrl: FEED_URL, ...extra,
});

describe('loadBody', () => {
  it('fetches a body once, stores it, then serves it from the database', async () => {
    const db = openTestDb();
    const { fetcher, requests } = fakeFetch(new Map([['bodies/a.h2.html', '<p>Hello</p>']]));
    expect(await loadBody(db, request(), fetcher)).toEqual({ state: 'stored', html: '<p>Hello</p>', stale: false });
    expect(await loadBody(db, request(), fetcher)).toEqual({ state: 'stored', html: '<p>Hello</p>', stale: false });
    expect(requests).toEqual(['bodies/a.h2.html']);
    expect(await db.bodies.get('default/a')).toMatchObject({ hash: 'h2', html: '<p>Hello</p>' });
  });

  it('refetches when the feed has a newer body, and falls back to the old copy offline', async () => {
    const db = openTestDb();
    await db.bodies.put({ key: 'default/a', hash: 'h1', html: '<p>Old</p>', storedAt: 1 });
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    expect(await loadBody(db, request(), offline.fetcher)).toEqual({ state: 'stored', html: '<p>Old</p>', stale: true });
    const online = fakeFetch(new Map([['bodies/a.h2.html', '<p>New</p>']]));
    expect(await loadBody(db, request(), online.fetcher)).toMatchObject({ html: '<p>New</p>', stale: false });
  });

  it('says "not downloaded" when offline with no copy, and "link-only" for an article without a body', async () => {
    const db = openTestDb();
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    const result = await loadBody(db, request(), offline.fetcher);
    expect(result.state).toBe('not-downloaded');
    expect(await loadBody(db, request({ bodyHref: null, bodyHash: null }), offline.fetcher)).toEqual({ state: 'link-only' });
    expect(offline.requests).toHaveLength(1);
  });
});

describe('currentCopy', () => {
  it('answers from a current stored copy or for a link-only article, and defers anything else', async () => {
    const db = openTestDb();
    expect(await currentCopy(db, request())).toBeNull();
    await db.bodies.put({ key: 'default/a', hash: 'h1', html: '<p>Old</p>', storedAt: 1 });
    expect(await currentCopy(db, request())).toBeNull();
    await db.bodies.put({ key: 'default/a', hash: 'h2', html: '<p>New</p>', storedAt: 2 });
    expect(await currentCopy(db, request())).toEqual({ state: 'stored', html: '<p>New</p>', stale: false });
    expect(await currentCopy(db, request({ bodyHref: null, bodyHash: null }))).toEqual({ state: 'link-only' });
  });
});

describe('reader state', () => {
  it('keeps the first read time, updates the last opened time, and can mark unread', async () => {
    const db = openTestDb();
    await markOpened(db, 'default/a', 100);
    await markOpened(db, 'default/a', 200);
    expect(await db.readerState.get('default/a')).toEqual(marks('default/a', { readAt: 100, openedAt: 200, readChangedAt: 100 }));
    await setRead(db, ['default/a'], false);
    expect(await db.readerState.where('readAt').above(0).count()).toBe(0);
  });
});
