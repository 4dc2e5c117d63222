import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import type { Article } from '../../../src/lib/model/article';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { toDownloadItems } from '../../../src/lib/offline/candidates';
import { downloadBodies } from '../../../src/lib/ingest/download';
import { filterScope } from '../../../src/lib/list/scope';
import { webJobStore, type JobStore } from '../../../src/lib/offline/job';
import { removeOfflineCopies, storedHashes } from '../../../src/lib/store/bodies';
import { OfflineDownloads } from '../../../src/lib/state/offline.svelte';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';
import { catalogOfArticles } from '../helpers/catalog';
import { FEED_URL } from '../helpers/fakeFeed';
import { bodyArticle, bodyFiles, countByPath, slowFetch } from '../helpers/offline';
import { openTestDb } from '../helpers/testDb';

const articles: Article[] = [
  ...Array.from({ length: 6 }, (_, i) => bodyArticle(`rust${i + 1}`, { date: 1_000 + i, topics: ['rust'], bodyBytes: 10 })),
  ...Array.from({ length: 4 }, (_, i) => bodyArticle(`go${i + 1}`, { date: 2_000 + i, topics: ['go'], bodyBytes: 20 })),
  bodyArticle('link', { topics: ['rust'], bodyHref: null, bodyHash: null, bodyBytes: 0 }),
];
const files = bodyFiles(articles);
const { catalog } = catalogOfArticles(articles);
const rust = filterScope({ ...DEFAULT_PARAMS, topics: ['rust'] });

function memoryJobs(): JobStore {
  const map = new Map<string, string>();
  return webJobStore({ getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) });
}

/** A controller over a test database; `stored` mirrors the bodies table as the library would. */
function setup(options: {
  db?: FolioDb; fetcher: Fetch; jobs?: JobStore; online?: () => boolean; concurrency?: number; saved?: string[];
  storedHashes?: (keys: string[]) => Promise<Map<string, string>>;
}) {
  const db = options.db ?? openTestDb();
  const events = new EventTarget();
  const jobs = options.jobs ?? memoryJobs();
  let stored: ReadonlySet<string> = new Set();
  const saved: ReadonlySet<string> = new Set(options.saved ?? []);
  let settled = 0;
  const offline = new OfflineDownloads({
    backend: {
      storedHashes: options.storedHashes ?? ((keys) => storedHashes(db, keys)),
      remove: (keys) => removeOfflineCopies(db, keys),
      download: (queue, run) => downloadBodies(db, queue, { ...run, fetcher: options.fetcher }),
      // The articles' text is not stored in these tests; the backend's own lookup has a test of its own.
      bodyRefs: async (_catalog, candidates) => toDownloadItems(candidates, articles),
    },
    inputs: {
      catalog: () => catalog,
      storedKeys: () => stored,
      savedKeys: () => saved,
      feedUrls: () => ({ default: FEED_URL }),
      online: options.online ?? (() => true),
    },
    jobs,
    events,
    concurrency: options.concurrency ?? 2,
    onSettled: () => (settled += 1),
  });
  const syncStored = async () => (stored = new Set(await db.bodies.toCollection().primaryKeys()));
  return { db, offline, jobs, events, syncStored, settled: () => settled };
}

const keysOf = async (db: FolioDb) => (await db.bodies.toCollection().primaryKeys()).sort();

describe('OfflineDownloads', () => {
  it('downloads every body of a filter, reports progress and forgets the finished job', async () => {
    const net = slowFetch(files);
    const { db, offline, jobs, settled } = setup({ fetcher: net.fetcher });
    const run = offline.start(rust);
    expect(offline.phase).toBe('planning');
    expect(offline.busy).toBe(true);
    expect(jobs.load()?.scope).toEqual(rust);
    await run;
    expect(offline.phase).toBe('complete');
    expect(offline.busy).toBe(false);
    expect([offline.done, offline.total, offline.bytesTotal, offline.failed]).toEqual([6, 6, 60, 0]);
    expect(offline.bytesDone).toBe([...files.entries()].filter(([href]) => href.includes('rust')).reduce((n, [, html]) => n + html.length, 0));
    expect(await keysOf(db)).toEqual(articles.filter((a) => a.topics.includes('rust') && a.bodyHref).map((a) => a.key).sort());
    expect(jobs.load()).toBeNull();
    expect(settled()).toBe(1);
  });

  it('skips what is stored with the current hash and refetches a stale copy', async () => {
    const db = openTestDb();
    await db.bodies.bulkPut([
      { key: 'default/rust1', hash: 'h1', html: 'kept', storedAt: 1 },
      { key: 'default/rust2', hash: 'old', html: 'stale', storedAt: 1 },
    ]);
    const net = slowFetch(files);
    const { offline, syncStored } = setup({ db, fetcher: net.fetcher });
    await syncStored();
    await offline.start(rust);
    expect([offline.alreadyStored, offline.total, offline.phase]).toEqual([1, 5, 'complete']);
    expect(net.requests).not.toContain('bodies/rust1.h1.html');
    expect(net.requests).toContain('bodies/rust2.h1.html');
    expect((await db.bodies.get('default/rust1'))?.html).toBe('kept');
  });

  it('cancels: nothing new starts, the job is dropped, and a restart requests each body once', async () => {
    const net = slowFetch(files, { delayMs: () => 5 });
    const { db, offline, jobs, syncStored } = setup({ fetcher: net.fetcher });
    const run = offline.start({ kind: 'all' });
    while (offline.done < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    offline.cancel();
    expect(offline.phase).toBe('cancelling');
    await run;
    expect(offline.phase).toBe('cancelled');
    expect(jobs.load()).toBeNull();
    const storedAfterCancel = (await keysOf(db)).length;
    expect(storedAfterCancel).toBeLessThan(10);
    expect(net.requests).toHaveLength(storedAfterCancel);

    await syncStored();
    await offline.start({ kind: 'all' });
    expect([offline.phase, offline.alreadyStored, offline.total]).toEqual(['complete', storedAfterCancel, 10 - storedAfterCancel]);
    expect(await keysOf(db)).toHaveLength(10);
    expect([...countByPath(net.requests).values()]).toEqual(Array(10).fill(1));
  });

  it('pauses when the network drops, keeps the job, and resumes by itself when back online', async () => {
    let up = true;
    const net = slowFetch(files, { fail: (path) => (path === 'bodies/go3.h1.html' && up ? ((up = false), new TypeError('Failed to fetch')) : null) });
    const { db, offline, jobs, events, syncStored } = setup({ fetcher: net.fetcher, concurrency: 1 });
    await offline.start({ kind: 'all' });
    expect(offline.phase).toBe('paused');
    expect(offline.error).toMatch(/network is off/);
    expect(jobs.load()?.scope).toEqual({ kind: 'all' });
    expect(await keysOf(db)).toEqual(['default/go4']);

    await syncStored();
    // While something reads the phase (the header link does), coming back online resumes it.
    const stop = $effect.root(() => {
      $effect(() => void offline.phase);
    });
    flushSync();
    events.dispatchEvent(new Event('online'));
    expect(offline.busy).toBe(true);
    while (offline.busy) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(offline.phase).toBe('complete');
    expect(offline.alreadyStored).toBe(1);
    expect(await keysOf(db)).toHaveLength(10);
    expect(jobs.load()).toBeNull();
    expect([...countByPath(net.completed).values()]).toEqual(Array(10).fill(1));
    stop();
  });

  it('offers an unfinished job after a reload, and resuming it fetches only the rest', async () => {
    const jobs = memoryJobs();
    const db = openTestDb();
    // The first visit stores two bodies, then the page goes away with the others still pending.
    const never: Fetch = () => new Promise<Response>(() => undefined);
    const first = setup({ db, fetcher: never, jobs });
    void first.offline.start(rust);
    await db.bodies.bulkPut(['rust1', 'rust2'].map((id) => ({ key: `default/${id}`, hash: 'h1', html: id, storedAt: 1 })));

    const net = slowFetch(files);
    const second = setup({ db, fetcher: net.fetcher, jobs });
    expect(second.offline.phase).toBe('interrupted');
    expect(second.offline.scope).toEqual(rust);
    await second.syncStored();
    await second.offline.resume();
    expect(second.offline.phase).toBe('complete');
    expect(net.requests.sort()).toEqual(['bodies/rust3.h1.html', 'bodies/rust4.h1.html', 'bodies/rust5.h1.html', 'bodies/rust6.h1.html']);
    expect(jobs.load()).toBeNull();
  });

  it('can discard an unfinished job instead', () => {
    const jobs = memoryJobs();
    jobs.save({ scope: rust, startedAt: 1 });
    const { offline } = setup({ fetcher: slowFetch(files).fetcher, jobs });
    expect(offline.phase).toBe('interrupted');
    offline.discard();
    expect([offline.phase, offline.scope, jobs.load()]).toEqual(['idle', null, null]);
  });

  it('does not start while offline, says so, and keeps an earlier job', async () => {
    const jobs = memoryJobs();
    jobs.save({ scope: rust, startedAt: 1 });
    const net = slowFetch(files);
    const { offline } = setup({ fetcher: net.fetcher, jobs, online: () => false });
    await offline.resume();
    expect(offline.phase).toBe('failed');
    expect(offline.error).toMatch(/^You are offline/);
    expect(net.requests).toEqual([]);
    expect(jobs.load()?.scope).toEqual(rust);
  });

  it('stops on a full disk with the storage message and keeps the job for later', async () => {
    const db = openTestDb();
    const net = slowFetch(files);
    const { offline, jobs } = setup({ db, fetcher: net.fetcher, concurrency: 1 });
    db.bodies.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await offline.start(rust);
    expect(offline.phase).toBe('failed');
    expect(offline.error).toMatch(/^Storage is full/);
    expect(jobs.load()?.scope).toEqual(rust);
  });

  it('says so in words when storage cannot even be read, as on a full disk', async () => {
    const net = slowFetch(files);
    const failing = () => Promise.reject(new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'));
    const { offline, jobs } = setup({ fetcher: net.fetcher, storedHashes: failing });
    await offline.start(rust);
    expect(offline.phase).toBe('failed');
    expect(offline.error).toBe('The download stopped: Folio could not read or write its storage, which may be full or failing. Everything stored before is still here.');
    expect(jobs.load()?.scope).toEqual(rust);
  });

  it('runs one download at a time', async () => {
    const net = slowFetch(files);
    const { offline } = setup({ fetcher: net.fetcher });
    const first = offline.start(rust);
    await offline.start({ kind: 'all' });
    await first;
    expect(offline.scope).toEqual(rust);
    expect(net.requests).toHaveLength(6);
  });

  it('removes the stored copies of a filter only, and reports how many', async () => {
    const db = openTestDb();
    await db.bodies.bulkPut(['rust1', 'rust2', 'go1'].map((id) => ({ key: `default/${id}`, hash: 'h1', html: id, storedAt: 1 })));
    const { offline, syncStored, settled } = setup({ db, fetcher: slowFetch(files).fetcher });
    await syncStored();
    await offline.remove(rust);
    expect(offline.removed).toBe(2);
    expect(await keysOf(db)).toEqual(['default/go1']);
    await syncStored();
    await offline.remove({ kind: 'all' });
    expect(offline.removed).toBe(1);
    expect(await keysOf(db)).toEqual([]);
    expect(settled()).toBe(2);
  });

  it('keeps the copies of saved articles unless asked to remove them too', async () => {
    const db = openTestDb();
    await db.bodies.bulkPut(['rust1', 'rust2'].map((id) => ({ key: `default/${id}`, hash: 'h1', html: id, storedAt: 1 })));
    const { offline, syncStored } = setup({ db, fetcher: slowFetch(files).fetcher, saved: ['default/rust1'] });
    await syncStored();
    expect(offline.removable(rust, false)).toEqual(['default/rust2']);
    await offline.remove(rust);
    expect(await keysOf(db)).toEqual(['default/rust1']);
    await syncStored();
    await offline.remove(rust, true);
    expect(await keysOf(db)).toEqual([]);
  });
});
