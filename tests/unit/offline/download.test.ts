import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import type { Article } from '../../../src/lib/model/article';
import { downloadBodies } from '../../../src/lib/ingest/download';
import type { DownloadProgress } from '../../../src/lib/model/download';
import { downloadCandidates, toDownloadItems } from '../../../src/lib/offline/candidates';
import { planItems } from '../../../src/lib/offline/plan';
import { catalogOfArticles } from '../helpers/catalog';
import { toAppError } from '../../../src/lib/ingest/errors';
import { FEED_URL } from '../helpers/fakeFeed';
import { openTestDb } from '../helpers/testDb';
import { bodyArticle, bodyFiles, countByPath, slowFetch } from '../helpers/offline';

afterEach(() => {
  vi.restoreAllMocks();
});

const feedUrls = { default: FEED_URL };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);
const articlesOf = (n: number) => ids(n).map((id) => bodyArticle(id));
const storedMap = async (db: FolioDb) => new Map((await db.bodies.toArray()).map((b) => [b.key, b.hash]));
/** Plans as the app does: candidates from the catalogue, joined with where their bodies live. */
const planFor = async (db: FolioDb, articles: readonly Article[]) => {
  const stored = await storedMap(db);
  const items = toDownloadItems(downloadCandidates(catalogOfArticles(articles).catalog, { kind: 'all' }), articles);
  return planItems(items, (item) => stored.get(item.key) === item.hash);
};
// Varied delays so responses arrive out of order.
const jitter = (_: string, i: number) => 1 + ((i * 7) % 5);

describe('downloadBodies', () => {
  it('stores every queued body, reports monotonic progress and requests each body once', async () => {
    const db = openTestDb();
    const articles = [...articlesOf(5), bodyArticle('fresh'), bodyArticle('stale', { bodyHash: 'h2' })];
    await db.bodies.bulkPut([
      { key: 'default/fresh', hash: 'h1', html: 'kept', storedAt: 1 },
      { key: 'default/stale', hash: 'h1', html: 'old', storedAt: 1 },
    ]);
    const files = bodyFiles(articles);
    const net = slowFetch(files, { delayMs: jitter });
    const plan = await planFor(db, articles);
    expect(plan.queue).toHaveLength(6);

    const seen: DownloadProgress[] = [];
    const outcome = await downloadBodies(db, plan.queue, { feedUrls, fetcher: net.fetcher, concurrency: 3, onProgress: (p) => seen.push(p) });

    expect(outcome).toEqual({ status: 'complete', done: 6, failed: 0 });
    expect(net.requests).toHaveLength(plan.queue.length);
    expect([...countByPath(net.requests).values()].every((n) => n === 1)).toBe(true);
    expect(net.requests).not.toContain('bodies/fresh.h1.html');
    expect(await db.bodies.get('default/fresh')).toMatchObject({ html: 'kept' });
    expect(await db.bodies.get('default/stale')).toMatchObject({ hash: 'h2', html: '<p>Body of default/stale</p>' });
    for (const item of plan.queue) expect((await db.bodies.get(item.key))?.html).toBe(files.get(item.href));

    for (let i = 1; i < seen.length; i++) {
      const [prev, cur] = [seen[i - 1], seen[i]];
      expect(cur!.done + cur!.failed).toBeGreaterThanOrEqual(prev!.done + prev!.failed);
      expect(cur!.bytesDone).toBeGreaterThanOrEqual(prev!.bytesDone);
    }
    const received = plan.queue.reduce((sum, item) => sum + new TextEncoder().encode(files.get(item.href)).byteLength, 0);
    expect(seen.at(-1)).toEqual({ done: 6, total: 6, bytesDone: received, bytesTotal: plan.bytesToFetch, failed: 0 });
  });

  it('cancels between bodies, then a new plan finishes with each body requested exactly once', async () => {
    const db = openTestDb();
    const articles = articlesOf(6);
    const net = slowFetch(bodyFiles(articles));
    const controller = new AbortController();
    const first = await downloadBodies(db, (await planFor(db, articles)).queue, {
      feedUrls, fetcher: net.fetcher, concurrency: 1, signal: controller.signal,
      onProgress: (p) => p.done === 3 && controller.abort(),
    });
    expect(first).toEqual({ status: 'cancelled', done: 3, failed: 0 });
    expect(await db.bodies.count()).toBe(3);

    const resume = await planFor(db, articles);
    expect(resume.alreadyStored).toBe(3);
    expect(resume.queue.map((i) => i.key)).toEqual(['default/p4', 'default/p5', 'default/p6']);
    expect(await downloadBodies(db, resume.queue, { feedUrls, fetcher: net.fetcher })).toMatchObject({ status: 'complete', done: 3 });
    expect(await db.bodies.count()).toBe(6);
    const counts = countByPath(net.requests);
    expect(counts.size).toBe(6);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('on cancel lets the bodies in flight arrive and be stored, starts nothing new, and never requests a body twice', async () => {
    const db = openTestDb();
    const articles = articlesOf(10);
    // The first two answer at once and the rest slowly, so some are surely in flight at the cancel.
    const net = slowFetch(bodyFiles(articles), { delayMs: (_path, index) => (index < 2 ? 1 : 300) });
    const controller = new AbortController();
    let inFlightAtCancel = -1;
    const first = await downloadBodies(db, (await planFor(db, articles)).queue, {
      feedUrls, fetcher: net.fetcher, concurrency: 4, signal: controller.signal,
      onProgress: (p) => {
        if (p.done !== 2 || controller.signal.aborted) return;
        inFlightAtCancel = net.inFlight();
        controller.abort();
      },
    });
    expect(inFlightAtCancel).toBeGreaterThan(0);
    expect(first.status).toBe('cancelled');
    expect(net.inFlight()).toBe(0);
    const requestsAfterCancel = net.requests.length;
    expect(requestsAfterCancel).toBeLessThan(10);
    // Every body requested before the cancel was delivered and stored.
    expect(first.done).toBe(requestsAfterCancel);
    expect(net.completed).toHaveLength(requestsAfterCancel);
    expect(await db.bodies.count()).toBe(requestsAfterCancel);

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(net.requests).toHaveLength(requestsAfterCancel);
    const rest = await planFor(db, articles);
    expect(rest.queue).toHaveLength(10 - requestsAfterCancel);
    expect(await downloadBodies(db, rest.queue, { feedUrls, fetcher: net.fetcher })).toMatchObject({ status: 'complete' });
    expect(await db.bodies.count()).toBe(10);
    expect([...countByPath(net.requests).values()]).toEqual(Array(10).fill(1));
  });

  it('stops the other fetches in flight on a fatal error', async () => {
    const db = openTestDb();
    const articles = articlesOf(8);
    const net = slowFetch(bodyFiles(articles), {
      delayMs: (path) => (path === 'bodies/p1.h1.html' ? 1 : 50),
      fail: (path) => (path === 'bodies/p1.h1.html' ? new TypeError('Failed to fetch') : null),
    });
    const outcome = await downloadBodies(db, (await planFor(db, articles)).queue, { feedUrls, fetcher: net.fetcher, concurrency: 4 });
    expect(outcome).toMatchObject({ status: 'failed', done: 0 });
    // The outcome crosses from the ingest worker: its error must survive the structured clone.
    expect(structuredClone(outcome).error?.kind).toBe('offline');
    expect(net.requests).toHaveLength(4);
    expect(net.completed).toEqual([]);
    expect(await db.bodies.count()).toBe(0);
  });

  it('does nothing when the signal is already aborted', async () => {
    const db = openTestDb();
    const net = slowFetch(new Map());
    const outcome = await downloadBodies(db, (await planFor(db, articlesOf(3))).queue, { feedUrls, fetcher: net.fetcher, signal: AbortSignal.abort() });
    expect(outcome).toEqual({ status: 'cancelled', done: 0, failed: 0 });
    expect(net.requests).toEqual([]);
  });

  it('stops on a network drop, keeps what arrived, and a resume fetches only the rest', async () => {
    const db = openTestDb();
    const articles = articlesOf(6);
    const files = bodyFiles(articles);
    // The network goes away at the fourth body and stays away.
    let online = true;
    const net = slowFetch(files, {
      fail: (path) => {
        if (path === 'bodies/p4.h1.html') online = false;
        return online ? null : new TypeError('Failed to fetch');
      },
    });
    const outcome = await downloadBodies(db, (await planFor(db, articles)).queue, { feedUrls, fetcher: net.fetcher, concurrency: 1 });
    expect(outcome).toMatchObject({ status: 'failed', done: 3, failed: 0 });
    expect(outcome.error?.kind).toBe('offline');
    expect(outcome.error?.message).toBe(toAppError(new TypeError('x'), 'the article').message);
    expect(net.requests).toHaveLength(4);
    expect((await db.bodies.toArray()).map((b) => b.key)).toEqual(['default/p1', 'default/p2', 'default/p3']);

    const again = slowFetch(files);
    expect(await downloadBodies(db, (await planFor(db, articles)).queue, { feedUrls, fetcher: again.fetcher })).toMatchObject({ status: 'complete', done: 3 });
    expect(again.requests.sort()).toEqual(['bodies/p4.h1.html', 'bodies/p5.h1.html', 'bodies/p6.h1.html']);
    expect(await db.bodies.count()).toBe(6);
  });

  it('counts a 404 as one failed item and goes on', async () => {
    const db = openTestDb();
    const articles = articlesOf(4);
    const files = bodyFiles(articles);
    files.delete('bodies/p2.h1.html');
    const seen: DownloadProgress[] = [];
    const outcome = await downloadBodies(db, (await planFor(db, articles)).queue, { feedUrls, fetcher: slowFetch(files).fetcher, onProgress: (p) => seen.push(p) });
    expect(outcome).toEqual({ status: 'complete', done: 3, failed: 1 });
    expect(seen.at(-1)).toMatchObject({ done: 3, failed: 1, total: 4 });
    expect(await db.bodies.get('default/p2')).toBeUndefined();
    expect(await db.bodies.count()).toBe(3);
  });

  it('stops with the storage-full message when the quota is exceeded', async () => {
    const db = openTestDb();
    const articles = articlesOf(5);
    const put = db.bodies.put.bind(db.bodies);
    let writes = 0;
    vi.spyOn(db.bodies, 'put').mockImplementation((item, key) => {
      writes += 1;
      return writes >= 3 ? Dexie.Promise.reject(new DOMException('full', 'QuotaExceededError')) : put(item, key);
    });
    const net = slowFetch(bodyFiles(articles));
    const outcome = await downloadBodies(db, (await planFor(db, articles)).queue, { feedUrls, fetcher: net.fetcher, concurrency: 1 });
    expect(outcome).toMatchObject({ status: 'failed', done: 2 });
    expect(outcome.error?.kind).toBe('storage-full');
    expect(outcome.error?.message).toMatch(/^Storage is full/);
    expect(net.requests).toHaveLength(3);
    expect(await db.bodies.count()).toBe(2);
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    for (const concurrency of [1, 3]) {
      const db = openTestDb();
      const articles = articlesOf(12);
      const net = slowFetch(bodyFiles(articles), { delayMs: jitter });
      const outcome = await downloadBodies(db, (await planFor(db, articles)).queue, { feedUrls, fetcher: net.fetcher, concurrency });
      expect(outcome).toMatchObject({ status: 'complete', done: 12 });
      expect(net.maxInFlight()).toBe(concurrency);
      expect(net.requests).toHaveLength(12);
    }
  });

  it('skips a body stored since the plan was made, and a key queued twice', async () => {
    const db = openTestDb();
    const articles = articlesOf(3);
    const plan = await planFor(db, articles);
    await db.bodies.put({ key: 'default/p2', hash: 'h1', html: 'opened meanwhile', storedAt: 1 });
    const net = slowFetch(bodyFiles(articles));
    const outcome = await downloadBodies(db, [...plan.queue, ...plan.queue], { feedUrls, fetcher: net.fetcher });
    expect(outcome).toEqual({ status: 'complete', done: 3, failed: 0 });
    expect(net.requests.sort()).toEqual(['bodies/p1.h1.html', 'bodies/p3.h1.html']);
  });
});
