import Dexie from 'dexie';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { Library } from '../../../src/lib/state/library.svelte';
import { markOpened, setSaved } from '../../../src/lib/store/readerState';
import { writeShards } from '../../../src/lib/store/shards';
import { article } from '../helpers/fakeFeed';
import { openTestDb } from '../helpers/testDb';
import { until } from '../helpers/until';

const shard = (key: string, ids: string[]) => ({
  shard: { format: 'folio-feed-shard' as const, version: 1 as const, key, articles: ids.map((id, i) => article(id, `${key}-0${i + 1}T00:00:00Z`, ['rust'])) },
  hash: `h-${ids.join('')}`,
});

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A library over a fresh database, read by an effect as a view would. */
function watchedLibrary() {
  const db = openTestDb();
  const library = new Library(db);
  stop = $effect.root(() => {
    $effect(() => void library.catalog);
  });
  flushSync();
  return { db, library };
}

describe('Library', () => {
  it('merges a burst of writes into fewer catalogue builds, and ends with all of them', async () => {
    const builds = vi.spyOn(performance, 'measure');
    const { db, library } = watchedLibrary();
    await until(() => library.loaded);
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    for (const [i, month] of months.entries()) {
      await writeShards(db, { sourceId: 's', incoming: [shard(month, [`a${i}`, `b${i}`])], drop: new Set(), defaultAuthor: null });
    }
    await until(() => library.catalog.size === 12);
    const count = builds.mock.calls.filter(([name]) => name === 'folio:catalog-build' || name === 'folio:catalog-patch').length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThan(months.length);
    expect(library.query({ ...DEFAULT_PARAMS, size: 50 }).keys.slice(0, 2)).toEqual(['s/b5', 's/a5']);
    expect(library.has('s/a0')).toBe(true);
    expect(library.articleCounts.get('s')).toEqual({ count: 12, unread: 12 });
  });

  it('builds its catalogue a step a task, pausing with scheduler.yield where the browser has it', async () => {
    // Node has no scheduler: this one counts the pauses and yields as a timer would.
    const pauses = vi.fn(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    vi.stubGlobal('scheduler', { yield: pauses });
    const { db, library } = watchedLibrary();
    await until(() => library.loaded);
    const before = pauses.mock.calls.length;
    await writeShards(db, { sourceId: 's', incoming: [shard('2026-01', ['a', 'b', 'c'])], drop: new Set(), defaultAuthor: null });
    await until(() => library.catalog.size === 3);
    // Reading, the build's steps (counts, aliases, dictionaries, gathering, ordering, positions, postings) and showing.
    expect(pauses.mock.calls.length - before).toBeGreaterThanOrEqual(8);
  });

  it('gives the head the default list the view already filtered, and keeps the view’s own beside it', async () => {
    const { db, library } = watchedLibrary();
    await until(() => library.loaded);
    await writeShards(db, { sourceId: 's', incoming: [shard('2026-01', ['a', 'b', 'c'])], drop: new Set(), defaultAuthor: null });
    await until(() => library.catalog.size === 3);
    const shown = library.query(DEFAULT_PARAMS);
    const head = library.defaultList(library.catalog, { ...library.marks });
    expect(head.topicCounts).toBe(shown.topicCounts);
    // A topic view and the head's default list: each keeps its result while the other is asked for.
    const topic = library.query({ ...DEFAULT_PARAMS, topics: ['rust'] });
    expect(library.defaultList(library.catalog, library.marks).topicCounts).toBe(shown.topicCounts);
    expect(library.query({ ...DEFAULT_PARAMS, topics: ['rust'], page: 2 }).topicCounts).toBe(topic.topicCounts);
  });

  it('reports every list of stored sources it reads, so a dropped database can be noticed', async () => {
    const db = openTestDb();
    const heard: string[][] = [];
    const library = new Library(db, (sources) => heard.push(sources.map((s) => s.id)));
    stop = $effect.root(() => {
      $effect(() => void library.catalog);
    });
    flushSync();
    await until(() => library.loaded);
    expect(heard[0]).toEqual([]);
    const source = { id: 's', kind: 'feed' as const, feedUrl: 'https://s.test/', title: 'S', description: '', homepage: null, author: null, topicNames: new Map(), articleCount: 2, feedGeneratedAt: null, lastSyncedAt: 1 };
    await writeShards(db, { sourceId: 's', incoming: [shard('2026-01', ['a', 'b'])], drop: new Set(), defaultAuthor: null, source });
    await until(() => heard.some((ids) => ids.includes('s')));
  });

  it('gives the stored sources as soon as they are read, while the catalogue built with them is still to come', async () => {
    const { db, library } = watchedLibrary();
    expect(library.storedSources).toBeNull();
    await until(() => library.loaded);
    expect(library.storedSources).toEqual([]);
    // Hold the chunk read: the sources are known before the catalogue that lists their articles.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const bulkGet = db.catalog.bulkGet.bind(db.catalog);
    // Only the library's read, outside any write's transaction.
    vi.spyOn(db.catalog, 'bulkGet').mockImplementation(((keys: string[]) =>
      (Dexie.currentTransaction ? bulkGet(keys) : held.then(() => bulkGet(keys)))) as typeof bulkGet);
    const source = { id: 's', kind: 'feed' as const, feedUrl: 'https://s.test/', title: 'S', description: '', homepage: null, author: null, topicNames: new Map(), articleCount: 2, feedGeneratedAt: null, lastSyncedAt: 7 };
    await writeShards(db, { sourceId: 's', incoming: [shard('2026-01', ['a', 'b'])], drop: new Set(), defaultAuthor: null, source });
    await until(() => library.storedSources?.[0]?.lastSyncedAt === 7);
    expect(library.sources).toEqual([]);
    expect(library.catalog.size).toBe(0);
    release();
    await until(() => library.catalog.size === 2);
    expect(library.sources.map((s) => s.id)).toEqual(['s']);
  });

  it('watches the database only while something reads it', async () => {
    const { db, library } = watchedLibrary();
    await writeShards(db, { sourceId: 's', incoming: [shard('2026-01', ['a'])], drop: new Set(), defaultAuthor: null });
    await until(() => library.catalog.size === 1);
    stop?.();
    stop = null;
    await writeShards(db, { sourceId: 's', incoming: [shard('2026-02', ['b'])], drop: new Set(), defaultAuthor: null });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(library.catalog.size).toBe(1);
  });

  it('sees read marks and saved articles as they are written', async () => {
    const { db, library } = watchedLibrary();
    const stopReads = $effect.root(() => {
      $effect(() => void library.marks);
    });
    await markOpened(db, 's/a');
    await setSaved(db, 's/b', true);
    await until(() => library.readKeys.has('s/a') && library.savedKeys.has('s/b'));
    expect(library.marks.read.has('s/b')).toBe(false);
    stopReads();
  });
});
