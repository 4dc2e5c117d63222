import { QueryClient } from '@tanstack/svelte-query';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/model/error';
import type { Source, SourceRef } from '../../../src/lib/model/source';
import type { SyncResult } from '../../../src/lib/model/sync';
import { listBehind, summarizeSync, syncStatusState } from '../../../src/lib/queries/sync';
import { SyncScheduler, type IngestJobs, type KnownSourceList } from '../../../src/lib/state/sync.svelte';

const result = (sourceId: string, added = 0): SyncResult => ({ sourceId, added, removed: 0, refreshed: 0, shardsFetched: 1, articleCount: 10, syncedAt: 1 });
const source = (id: string, kind: Source['kind']): Source => ({
  id, kind, feedUrl: `https://${id}.test/feed.xml`, title: id, description: '', homepage: null, author: null,
  topicNames: new Map(), articleCount: 0, feedGeneratedAt: null, lastSyncedAt: 1,
});

/** A worker whose syncs settle when the test says so. */
function pendingWorker() {
  const calls = new Map<string, { resolve: (r: SyncResult) => void; reject: (e: Error) => void }>();
  const jobs: IngestJobs = {
    sync: (ref: SourceRef) => new Promise<SyncResult>((resolve, reject) => calls.set(ref.id, { resolve, reject })),
    addUrl: async () => result('added'),
    addFile: async () => result('file'),
    remove: async () => 0,
  };
  return { jobs, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop: (() => void) | null = null;
afterEach(() => stop?.());

function schedule(jobs: IngestJobs, sources: Source[], memory?: KnownSourceList) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let scheduler!: SyncScheduler;
  stop = $effect.root(() => {
    scheduler = new SyncScheduler({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/' }, jobs, { sources, loaded: true }, queryClient, memory);
    $effect(() => void scheduler.summary.fetching);
  });
  flushSync();
  return scheduler;
}

describe('SyncScheduler', () => {
  it('syncs every source at once, files excepted, and one failing source fails only itself', async () => {
    const { jobs, calls } = pendingWorker();
    const scheduler = schedule(jobs, [source('news', 'feed'), source('notes', 'file')]);
    await settle();
    // Both started before either finished: a slow feed holds up no other.
    expect([...calls.keys()].sort()).toEqual(['default', 'news']);
    expect(scheduler.summary.fetching).toBe(true);

    calls.get('news')?.reject(new AppError('http', 'news answered 500.'));
    calls.get('default')?.resolve(result('default', 3));
    await settle();
    flushSync();
    expect(scheduler.summary).toMatchObject({ fetching: false, added: 3, error: null, failures: [{ sourceId: 'news', message: 'news answered 500.' }] });
  });

  it('fails as a whole when every source fails', async () => {
    const { jobs, calls } = pendingWorker();
    const scheduler = schedule(jobs, [source('news', 'feed')]);
    await settle();
    calls.get('default')?.reject(new AppError('offline', 'The network is off.'));
    calls.get('news')?.reject(new AppError('http', 'news answered 500.'));
    await settle();
    flushSync();
    expect(scheduler.summary.error).toBeInstanceOf(AppError);
    expect(scheduler.summary.error?.message).toBe('The network is off.');
    expect(scheduler.summary.failures).toHaveLength(2);
  });
});

describe('SyncScheduler and what the page saw stored', () => {
  it('sends each sync what the library last read of its source, read as the sync starts', async () => {
    const refs: SourceRef[] = [];
    const jobs: IngestJobs = { ...pendingWorker().jobs, sync: async (ref) => (refs.push(ref), result(ref.id)) };
    const seen = new Map([['default', { revision: 4, overlay: true }]]);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    stop = $effect.root(() => {
      const library = { sources: [source('news', 'feed')], loaded: true, seen: (id: string) => seen.get(id) };
      const scheduler = new SyncScheduler({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/' }, jobs, library, queryClient);
      $effect(() => void scheduler.summary.fetching);
    });
    seen.set('default', { revision: 5, overlay: false });
    flushSync();
    await settle();
    expect(refs.find((r) => r.id === 'default')).toEqual({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/', seen: { revision: 5, overlay: false } });
    // A source the library has not seen synced is sent as it is.
    expect(refs.find((r) => r.id === 'news')).toEqual({ id: 'news', kind: 'feed', feedUrl: 'https://news.test/feed.xml' });
  });
});

describe('SyncScheduler and an article being opened', () => {
  it('tells a sync that starts while the reader opens an article to put its text first, and its own source which article; one that starts elsewhere nothing', async () => {
    const refs: SourceRef[] = [];
    const jobs: IngestJobs = { ...pendingWorker().jobs, sync: async (ref) => (refs.push(ref), result(ref.id)) };
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let opening: { sourceId: string; id: string } | null = { sourceId: 'default', id: '2024-02-13-zero-copy' };
    let scheduler!: SyncScheduler;
    stop = $effect.root(() => {
      scheduler = new SyncScheduler({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/' }, jobs, { sources: [source('news', 'feed')], loaded: true }, queryClient, undefined, () => opening);
      $effect(() => void scheduler.summary.fetching);
    });
    flushSync();
    await settle();
    expect(refs.find((r) => r.id === 'default')).toEqual({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/', textFirst: true, article: '2024-02-13-zero-copy' });
    expect(refs.find((r) => r.id === 'news')).toEqual({ id: 'news', kind: 'feed', feedUrl: 'https://news.test/feed.xml', textFirst: true });
    // The reader went back to the list: the next syncs ask nothing of the kind.
    opening = null;
    refs.length = 0;
    await scheduler.retry();
    expect(refs.find((r) => r.id === 'default')).toEqual({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/' });
  });
});

describe('SyncScheduler and the sources the browser dropped', () => {
  it('syncs a known source that storage no longer holds, but not a lost file', async () => {
    const { jobs, calls } = pendingWorker();
    const forgotten: string[] = [];
    const memory: KnownSourceList = {
      sources: [
        { id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/', title: 'Field Notes' },
        { id: 'news', kind: 'feed', feedUrl: 'https://news.test/feed.xml', title: 'News' },
        { id: 'notes', kind: 'file', feedUrl: 'notes.xml', title: 'Notes' },
      ],
      observed: true,
      forget: (id) => void forgotten.push(id),
      added: () => {},
    };
    const scheduler = schedule(jobs, [], memory);
    await settle();
    expect([...calls.keys()].sort()).toEqual(['default', 'news']);
    expect(scheduler.refs.find((r) => r.id === 'news')).toEqual({ id: 'news', kind: 'feed', feedUrl: 'https://news.test/feed.xml' });
    // A removal is forgotten before the worker is asked, so no tab mistakes it for the browser's doing.
    await scheduler.remove('news');
    expect(forgotten).toEqual(['news']);
  });
});

describe('SyncScheduler before anything is compared', () => {
  it('starts no sync until the stored sources were compared with the known ones, so no write hides a dropped database', async () => {
    const { jobs, calls } = pendingWorker();
    const gate = $state({ observed: false });
    const memory: KnownSourceList = {
      sources: [{ id: 'news', kind: 'feed', feedUrl: 'https://news.test/feed.xml', title: 'News' }],
      get observed() {
        return gate.observed;
      },
      forget: () => {},
      added: () => {},
    };
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    stop = $effect.root(() => {
      const scheduler = new SyncScheduler({ id: 'default', kind: 'folio', feedUrl: 'https://app.test/feed/' }, jobs, { sources: [], loaded: false }, queryClient, memory);
      $effect(() => void scheduler.summary.fetching);
    });
    flushSync();
    await settle();
    expect(calls.size).toBe(0);
    gate.observed = true;
    flushSync();
    await settle();
    expect([...calls.keys()].sort()).toEqual(['default', 'news']);
  });
});

describe('summarizeSync', () => {
  const state = (sourceId: string, extra: Partial<{ fetching: boolean; data: SyncResult; error: Error }> = {}) => ({
    sourceId, fetching: false, data: undefined, error: null, ...extra,
  });

  it('counts new articles, but not a first sync where everything is new', () => {
    expect(summarizeSync([state('a', { data: result('a', 2) }), state('b', { data: { ...result('b'), added: 10 } })]).added).toBe(2);
  });

  it('is an error only when every source failed, and wraps a foreign error', () => {
    expect(summarizeSync([state('a', { error: new Error('x') }), state('b')]).error).toBeNull();
    const all = summarizeSync([state('a', { error: new Error('boom') })]);
    expect(all.error).toBeInstanceOf(AppError);
    expect(all.error).toMatchObject({ kind: 'unknown', message: 'boom' });
    expect(summarizeSync([]).error).toBeNull();
  });
});

describe('listBehind', () => {
  const summary = summarizeSync([
    { sourceId: 'a', fetching: false, data: { ...result('a'), syncedAt: 2_000 }, error: null },
    { sourceId: 'b', fetching: false, data: undefined, error: new Error('x') },
  ]);

  it('holds "Syncing" until the list shows the stored sync, not when the worker is done', () => {
    expect(listBehind(summary, (id) => (id === 'a' ? 1_000 : undefined))).toBe(true);
    expect(listBehind(summary, (id) => (id === 'a' ? null : undefined))).toBe(true);
    expect(listBehind(summary, (id) => (id === 'a' ? 2_000 : undefined))).toBe(false);
  });

  it('ignores a source the list no longer has, and a source with no finished sync', () => {
    expect(listBehind(summary, () => undefined)).toBe(false);
    expect(listBehind(summarizeSync([]), () => 0)).toBe(false);
  });
});

describe('syncStatusState', () => {
  const status = { online: true, syncing: false, failed: false, lastSyncedAt: 5 as number | null | undefined };

  it('says nothing before the store is read, rather than "not synced"', () => {
    expect(syncStatusState({ ...status, lastSyncedAt: undefined })).toBe('opening');
    expect(syncStatusState({ ...status, lastSyncedAt: null })).toBe('never');
    expect(syncStatusState(status)).toBe('synced');
  });

  it('puts offline first, then a sync under way, then a failure', () => {
    expect(syncStatusState({ ...status, online: false, syncing: true, failed: true })).toBe('offline');
    expect(syncStatusState({ ...status, syncing: true, failed: true, lastSyncedAt: undefined })).toBe('syncing');
    expect(syncStatusState({ ...status, failed: true })).toBe('error');
  });
});
