import { describe, expect, it } from 'vitest';
import { loadBody } from '../../../src/lib/ingest/bodies';
import { fetchBodyAhead } from '../../../src/lib/ingest/bodyFile';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';
import { currentCopy, type BodyRequest } from '../../../src/lib/ingest/storedBody';
import { BODY_SANITIZER_VERSION } from '../../../src/lib/model/body';
import { markOpened, setRead } from '../../../src/lib/store/readerState';
import { FEED_URL, fakeFetch } from '../helpers/fakeFeed';
import { marks, openTestDb } from '../helpers/testDb';

const request = (extra: Partial<BodyRequest> = {}): BodyRequest => ({
  key: 'default/a', bodyHref: 'bodies/a.h2.html', bodyHash: 'h2', url: 'https://blog.test/a/', feedUrl: FEED_URL, ...extra,
});

const stored = (html: string) => ({ state: 'stored', html, toc: [], cut: false });
/** A row as this release stores it: already sanitised. */
const row = (hash: string, html: string, storedAt: number) => ({ key: 'default/a', hash, html, toc: [], cut: false, sanitizer: BODY_SANITIZER_VERSION, storedAt });

describe('loadBody', () => {
  it('fetches a body once, stores it, then serves it from the database', async () => {
    const db = openTestDb();
    const { fetcher, requests } = fakeFetch(new Map([['bodies/a.h2.html', '<p>Hello</p>']]));
    expect(await loadBody(db, request(), fetcher)).toEqual({ ...stored('<p>Hello</p>'), stale: false });
    expect(await loadBody(db, request(), fetcher)).toEqual({ ...stored('<p>Hello</p>'), stale: false });
    expect(requests).toEqual(['bodies/a.h2.html']);
    expect(await db.bodies.get('default/a')).toMatchObject({ hash: 'h2', html: '<p>Hello</p>', sanitizer: BODY_SANITIZER_VERSION });
  });

  it('stores a fetched body sanitised, with its contents, and the page answers from it without the worker', async () => {
    const db = openTestDb();
    const { fetcher } = fakeFetch(new Map([['bodies/a.h2.html', '<h2 id="main">Intro</h2><script>alert(1)</script><a href="../b/">b</a>']]));
    await loadBody(db, request(), fetcher);
    const copy = await currentCopy(db, request());
    expect(copy).toMatchObject({ state: 'stored', toc: [{ id: 'h-main', text: 'Intro', level: 2 }], stale: false });
    expect(copy?.state === 'stored' && copy.html).toBe(
      '<h2 id="h-main">Intro</h2><a href="https://blog.test/b/" target="_blank" rel="noopener noreferrer">b</a>',
    );
  });

  it('sanitises a copy stored by an older release once, in the worker, and keeps it', async () => {
    const db = openTestDb();
    await db.bodies.put({ key: 'default/a', hash: 'h2', html: '<p id="app" onclick="x()">Old<script>alert(1)</script></p>', storedAt: 5 });
    // The page does not show it as it is: it asks the worker.
    expect(await currentCopy(db, request())).toBeNull();
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    expect(await loadBody(db, request(), offline.fetcher)).toEqual({ ...stored('<p id="h-app">Old</p>'), stale: false });
    expect(offline.requests).toEqual([]);
    expect(await db.bodies.get('default/a')).toMatchObject({ html: '<p id="h-app">Old</p>', sanitizer: BODY_SANITIZER_VERSION, storedAt: 5 });
    expect(await currentCopy(db, request())).toEqual({ ...stored('<p id="h-app">Old</p>'), stale: false });
  });

  it('refuses a body file over the download limit without storing anything', async () => {
    const db = openTestDb();
    const huge = new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024 * 1024)) }), { status: 200 });
    const result = await loadBody(db, request(), () => Promise.resolve(huge));
    expect(result).toMatchObject({ state: 'not-downloaded', reason: expect.stringMatching(/larger than 20 MB/) });
    expect(await db.bodies.count()).toBe(0);
  });

  it('refetches when the feed has a newer body, and falls back to the old copy offline', async () => {
    const db = openTestDb();
    await db.bodies.put(row('h1', '<p>Old</p>', 1));
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    expect(await loadBody(db, request(), offline.fetcher)).toEqual({ ...stored('<p>Old</p>'), stale: true });
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

describe('a body file asked for ahead', () => {
  /** A fetch that holds every request until released, and records whether it was aborted. */
  function heldFetch(html: string) {
    const seen: { path: string; aborted: () => boolean }[] = [];
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const fetcher: Fetch = async (input, init) => {
      const signal = init?.signal;
      seen.push({ path: String(input).slice(FEED_URL.length), aborted: () => signal?.aborted === true });
      await released;
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return new Response(html, { status: 200 });
    };
    return { fetcher, seen, release };
  }

  it('is the file the job stores, with no second request', async () => {
    const db = openTestDb();
    const held = heldFetch('<p>Ahead<script>x()</script></p>');
    const ahead = fetchBodyAhead(request(), held.fetcher);
    expect(held.seen.map((r) => r.path)).toEqual(['bodies/a.h2.html']);
    const unused = fakeFetch(new Map());
    const loading = loadBody(db, request(), unused.fetcher, ahead);
    held.release();
    expect(await loading).toEqual({ ...stored('<p>Ahead</p>'), stale: false });
    expect(unused.requests).toEqual([]);
    expect(await db.bodies.get('default/a')).toMatchObject({ hash: 'h2', html: '<p>Ahead</p>' });
  });

  it('is cancelled when a stored copy answers, and its failure leaves an older copy shown', async () => {
    const db = openTestDb();
    await db.bodies.put({ key: 'default/a', hash: 'h2', html: '<p onclick="x()">Old</p>', storedAt: 5 });
    const held = heldFetch('<p>New</p>');
    const ahead = fetchBodyAhead(request(), held.fetcher);
    expect(await loadBody(db, request(), held.fetcher, ahead)).toEqual({ ...stored('<p>Old</p>'), stale: false });
    expect(held.seen).toHaveLength(1);
    expect(held.seen[0]?.aborted()).toBe(true);
    held.release();

    await db.bodies.put(row('h1', '<p>Older</p>', 1));
    const offline = fakeFetch(new Map(), { fail: () => new TypeError('Failed to fetch') });
    const failed = fetchBodyAhead(request(), offline.fetcher);
    expect(await loadBody(db, request(), offline.fetcher, failed)).toEqual({ ...stored('<p>Older</p>'), stale: true });
    expect(offline.requests).toEqual(['bodies/a.h2.html']);
  });

  it('is not asked for when the article has no file of its own', () => {
    const { fetcher, requests } = fakeFetch(new Map());
    expect(fetchBodyAhead(request({ bodyHref: null, bodyHash: null }), fetcher)).toBeNull();
    expect(fetchBodyAhead(request({ bodyHref: 'inline:default/a' }), fetcher)).toBeNull();
    expect(requests).toEqual([]);
  });
});

describe('currentCopy', () => {
  it('answers from a current stored copy or for a link-only article, and defers anything else', async () => {
    const db = openTestDb();
    expect(await currentCopy(db, request())).toBeNull();
    await db.bodies.put(row('h1', '<p>Old</p>', 1));
    expect(await currentCopy(db, request())).toBeNull();
    await db.bodies.put(row('h2', '<p>New</p>', 2));
    expect(await currentCopy(db, request())).toEqual({ ...stored('<p>New</p>'), stale: false });
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
