import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEAD_FORMAT, headMatches, readHeadRecord, type HeadRecord } from '../../../src/lib/model/head';
import type { BodySource } from '../../../src/lib/queries/body';
import { isDefaultList, loadHead } from '../../../src/lib/state/head';
import { HeadKeeper, headSourcesOf } from '../../../src/lib/state/headKeeper';
import { Library } from '../../../src/lib/state/library.svelte';
import { Reading } from '../../../src/lib/state/reading.svelte';
import { DB_NAME } from '../../../src/lib/store/FolioDb';
import { markOpened, savePosition, setRead, setSaved } from '../../../src/lib/store/readerState';
import { writeShards } from '../../../src/lib/store/shards';
import { removeSource } from '../../../src/lib/store/sources';
import { loadHeadRecord, saveHeadRecord } from '../../../src/lib/store/head';
import { FOLIO_DB_NAME, readStoredStart } from '../../../src/lib/store/storedChunks';
import { article } from '../helpers/fakeFeed';
import { openTestDb } from '../helpers/testDb';
import { until } from '../helpers/until';

const source = (id: string, title: string) => ({
  id, kind: 'feed' as const, feedUrl: `https://${id}.test/`, title, description: '', homepage: null, author: null,
  topicNames: new Map([['rust', 'Rust']]), articleCount: 0, feedGeneratedAt: null, lastSyncedAt: 1,
});

/** A source with one month of `count` articles, newest first by day. */
function write(db: ReturnType<typeof openTestDb>, id: string, month: string, count: number, title = id.toUpperCase()) {
  const articles = Array.from({ length: count }, (_, i) =>
    article(`${id}${i}`, `${month}-${String(28 - i).padStart(2, '0')}T00:00:00Z`, ['rust', 'go', 'wasm', 'css', 'html'], { author: 'Ada' }),
  );
  return writeShards(db, {
    sourceId: id,
    incoming: [{ shard: { format: 'folio-feed-shard', version: 1, key: month, articles }, hash: `h-${id}-${count}` }],
    drop: new Set(),
    defaultAuthor: null,
    source: source(id, title),
  });
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

// No test here opens or saves an article's text.
const noBodies: BodySource = { current: async () => null, load: () => Promise.reject(new Error('no bodies in this test')) };

/** The keeper over a fresh database (or a start over `reopened`), observed by an effect as App.svelte does. */
function keeper(reopened?: ReturnType<typeof openTestDb>, painted?: HeadRecord) {
  const db = reopened ?? openTestDb();
  // The keeper's writes, as they reach the database's head table, and its reads of the stored one.
  const saved: { head: HeadRecord | null; writes: number; done: number; loads: number } = { head: null, writes: 0, done: 0, loads: 0 };
  const library = new Library(db);
  const reading = new Reading(db, noBodies);
  const keeper = new HeadKeeper(
    headSourcesOf(library, reading, 'a'),
    '/',
    async (record) => {
      saved.head = record;
      saved.writes += 1;
      await saveHeadRecord(db, record);
      saved.done += 1;
    },
    () => {
      saved.loads += 1;
      return loadHeadRecord(db);
    },
  );
  if (painted) keeper.seed(painted);
  stop = $effect.root(() => {
    $effect(() => {
      keeper.observe();
      return () => keeper.stop();
    });
  });
  flushSync();
  const head = () => saved.head;
  return { db, saved, library, head, writer: keeper };
}

/** Runs `body` with the keeper's 400 ms pause never ending: every other timer runs as usual. */
async function withEndlessPause(body: () => Promise<void>): Promise<void> {
  const realTimeout = globalThis.setTimeout;
  const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) =>
    ms === 400 ? realTimeout(() => undefined, 0) : realTimeout(handler, ms)) as typeof setTimeout);
  try {
    await body();
  } finally {
    spy.mockRestore();
  }
}

describe('the head record', () => {
  it('is stored at the start of a session, without the pause, only when it differs from the stored one', async () => {
    const first = keeper();
    await write(first.db, 'a', '2026-03', 3);
    await until(() => first.head() !== null);
    stop?.();
    // The next start finds the same head stored: it writes nothing.
    const same = keeper(first.db);
    await until(() => same.library.loaded && same.library.catalog.size === 3);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(same.saved.writes).toBe(0);
    stop?.();
    // A start that finds a stale head (the last session ended before the keeper's pause) stores the
    // current one without waiting for the pause: no timer longer than a task is set before the write.
    await saveHeadRecord(first.db, { ...(first.head() as HeadRecord), total: 99 });
    const realTimeout = globalThis.setTimeout;
    const delays: number[] = [];
    let written = false;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) => {
      if (!written) delays.push(ms ?? 0);
      return realTimeout(handler, ms);
    }) as typeof setTimeout);
    try {
      const stale = keeper(first.db);
      await until(() => (written = stale.saved.writes > 0));
      expect(stale.head()?.total).toBe(3);
      // (The helper that waits polls every 10 ms; the pause is 400.)
      expect(Math.max(...delays)).toBeLessThan(100);
    } finally {
      spy.mockRestore();
    }
  });

  it('starts knowing the head it painted from the store: never catching up for it, no read of the store, no write while it fits', async () => {
    const first = keeper();
    await write(first.db, 'a', '2026-03', 3);
    await until(() => first.saved.done === 1);
    stop?.();
    const painted = (await loadHeadRecord(first.db)) as HeadRecord;
    const seeded = keeper(first.db, painted);
    const seen: boolean[] = [];
    const watching = $effect.root(() => {
      $effect(() => void seen.push(seeded.writer.catchingUp));
    });
    try {
      await until(() => seeded.library.loaded && seeded.library.catalog.size === 3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(seeded.saved.loads).toBe(0);
      expect(seeded.saved.writes).toBe(0);
      expect(seen).not.toContain(true);
      // A sync that changes the chunks still has its head stored at once.
      await withEndlessPause(async () => {
        await write(first.db, 'b', '2026-04', 2);
        await until(() => seeded.head()?.total === 5);
      });
      expect(seen).toContain(true);
      expect(seeded.saved.loads).toBe(0);
    } finally {
      watching();
    }
  });

  it('holds the default list’s first page as its cards render, the count and the stored chunks', async () => {
    const { db, head } = keeper();
    await write(db, 'a', '2026-03', 12);
    await until(() => head() !== null);
    const record = head() as HeadRecord;
    expect(record.total).toBe(12);
    expect(record.pageCount).toBe(2);
    expect(record.unread).toBe(12);
    expect(record.sourceTitle).toBe('A');
    expect(record.cards.map((c) => c.key)).toEqual(Array.from({ length: 10 }, (_, i) => `a/a${i}`));
    expect(record.cards[0]).toMatchObject({
      href: '/read/a/a0',
      title: 'Title a0',
      summary: 'Summary of a0',
      meta: 'March 28, 2026 · 2 min · 400 words · Ada',
      read: false,
      saved: false,
      offline: false,
    });
    // Four topics as hashtags, then the rest as "+1".
    expect(record.cards[0]?.topics.map((t) => t.label)).toEqual(['#Rust', '#Go', '#Wasm', '#Css']);
    expect(record.cards[0]?.topics[0]?.href).toBe('/?topic=rust');
    expect(record.cards[0]?.moreTopics).toEqual(['Html']);
    expect(record.chunks).toEqual((await db.catalog.toCollection().primaryKeys()).sort());
  });

  it('stores the head at once after a sync changed the chunks, while marks settle first', async () => {
    const { db, saved, library, head } = keeper();
    await write(db, 'a', '2026-03', 3);
    await until(() => head() !== null);
    // Only a write without the pause can land.
    await withEndlessPause(async () => {
      await write(db, 'b', '2026-04', 2);
      await until(() => head()?.total === 5);
      expect(head()?.chunks).toEqual((await db.catalog.toCollection().primaryKeys()).sort());
      const writes = saved.writes;
      await setRead(db, ['a/a1'], true);
      await until(() => library.readKeys.has('a/a1'));
      // Time for a write that should not come.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(saved.writes).toBe(writes);
    });
  });

  it('says it is catching up from a sync that changed the chunks until the new head is stored, never for a mark', async () => {
    const { db, saved, library, writer } = keeper();
    await write(db, 'a', '2026-03', 3);
    // The first head stored, not only handed to the database: catching up ends once it is.
    await until(() => saved.done === 1);
    // Read through an effect, as the sync state reads it: each value it takes, with the head writes
    // the database had finished by then.
    const seen: string[] = [];
    const watching = $effect.root(() => {
      $effect(() => void seen.push(`${writer.catchingUp} after ${saved.done}`));
    });
    try {
      flushSync();
      expect(seen).toEqual(['false after 1']);
      await write(db, 'b', '2026-04', 2);
      await until(() => seen.length === 3);
      // Catching up from the new chunks until their head is stored, not a moment less.
      expect(seen).toEqual(['false after 1', 'true after 1', 'false after 2']);
      expect(await loadHeadRecord(db)).toMatchObject({ total: 5 });
      const count = seen.length;
      await withEndlessPause(async () => {
        await setRead(db, ['a/a1'], true);
        await until(() => library.readKeys.has('a/a1'));
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      expect(seen.slice(count)).toEqual([]);
      expect(saved.writes).toBe(2);
    } finally {
      watching();
    }
  });

  it('stores a pending head at once when asked to (the page is being hidden)', async () => {
    const { db, saved, library, head, writer } = keeper();
    await write(db, 'a', '2026-03', 3);
    await until(() => head() !== null);
    // Only a flush can store the change.
    await withEndlessPause(async () => {
      await setRead(db, ['a/a1'], true);
      await until(() => library.readKeys.has('a/a1'));
      writer.flush();
      await until(() => saved.writes === 2);
      expect(head()?.cards[1]?.read).toBe(true);
      writer.flush();
      expect(saved.writes).toBe(2);
    });
  });

  it('is replaced after a read or saved change and a new sync, and shows "Continue reading"', async () => {
    const { db, head } = keeper();
    await write(db, 'a', '2026-03', 3);
    await until(() => head() !== null);
    await setRead(db, ['a/a1'], true);
    await setSaved(db, 'a/a2', true);
    await markOpened(db, 'a/a0');
    await savePosition(db, 'a/a0', { heading: null, fraction: 0, progress: 0.4, at: 1 }, false);
    await until(() => head()?.cards[1]?.read === true && head()?.cards[2]?.saved === true);
    await until(() => head()?.continueReading.length === 1);
    // Opening an article marks it read: a0 and a1 are read.
    expect(head()?.unread).toBe(1);
    expect(head()?.continueReading).toEqual([{ href: '/read/a/a0', title: 'Title a0', percent: 40 }]);
    const before = head()?.chunks;
    await write(db, 'a', '2026-03', 4);
    await until(() => head()?.total === 4);
    expect(head()?.chunks).not.toEqual(before);
  }, 15_000);

  it('never outlives the articles it shows: a removed source replaces it, the last one clears it', async () => {
    const { db, head } = keeper();
    await write(db, 'a', '2026-03', 2);
    await write(db, 'b', '2026-04', 2);
    await until(() => head()?.total === 4);
    expect(head()?.cards[0]?.key).toBe('b/b0');
    await removeSource(db, 'b');
    await until(() => head()?.total === 2);
    expect(head()?.cards.every((c) => c.key.startsWith('a/'))).toBe(true);
    await removeSource(db, 'a');
    await until(() => head() === null);
  });
});

describe('reading the head at start', () => {
  const record = (chunks: string[]): HeadRecord => ({
    format: HEAD_FORMAT, sourceTitle: 'A', total: 1, pageCount: 1, unread: 1, continueReading: [], chunks,
    cards: [{ key: 'a/x', href: '/read/a/x', title: 'X', summary: '', meta: '', topics: [], moreTopics: [], read: false, saved: false, offline: false }],
  });

  it('refuses damaged or foreign records', () => {
    expect(readHeadRecord(record(['k']))).not.toBeNull();
    expect(readHeadRecord({ ...record(['k']), format: 2 })).toBeNull();
    expect(readHeadRecord({ ...record(['k']), cards: [] })).toBeNull();
    expect(readHeadRecord({ ...record(['k']), cards: [{ key: 'a/x' }] })).toBeNull();
    expect(readHeadRecord({ ...record(['k']), total: -1 })).toBeNull();
    expect(readHeadRecord('{')).toBeNull();
  });

  it('matches only the exact set of stored chunks', () => {
    expect(headMatches(record(['a', 'b']), ['b', 'a'])).toBe(true);
    expect(headMatches(record(['a', 'b']), ['a'])).toBe(false);
    expect(headMatches(record(['a', 'b']), ['a', 'c'])).toBe(false);
    expect(headMatches(record(['a']), ['a', 'b'])).toBe(false);
  });

  it('paints only on the default list', () => {
    expect(isDefaultList({ pathname: '/', search: '' }, '/')).toBe(true);
    expect(isDefaultList({ pathname: '/reader/index.html', search: '' }, '/reader/')).toBe(true);
    expect(isDefaultList({ pathname: '/', search: '?topic=rust' }, '/')).toBe(false);
    expect(isDefaultList({ pathname: '/read/a/x', search: '' }, '/')).toBe(false);
  });

  it('shows a stored head while the database holds its chunks, and not after a removal or a cleared database', async () => {
    const db = openTestDb();
    await write(db, 'a', '2026-03', 2);
    await write(db, 'b', '2026-04', 2);
    const chunks = (await db.catalog.toCollection().primaryKeys()).sort();
    await saveHeadRecord(db, record(chunks));
    const stored = () => readStoredStart(db.name);
    expect(await loadHead(stored)).toEqual(record(chunks));
    await removeSource(db, 'b');
    expect(await loadHead(stored)).toBeNull();
    db.close();
    await db.delete();
    expect(await loadHead(stored)).toBeNull();
  });

  it('is stored in the database and cleared from it, and read back without Dexie', async () => {
    const db = openTestDb();
    await write(db, 'a', '2026-03', 1);
    const chunks = (await db.catalog.toCollection().primaryKeys()).sort();
    expect(await readStoredStart(db.name)).toEqual({ chunks, head: null });
    await saveHeadRecord(db, record(chunks));
    expect(await readStoredStart(db.name)).toEqual({ chunks, head: record(chunks) });
    await saveHeadRecord(db, null);
    expect(await readStoredStart(db.name)).toEqual({ chunks, head: null });
  });

  it('starts without the head when the database does not answer in time', async () => {
    expect(await loadHead(async () => ({ chunks: ['k'], head: record(['k']) }))).not.toBeNull();
    expect(await loadHead(() => new Promise(() => {}))).toBeNull();
  });

  it('reads chunk keys without creating a database that is not there', async () => {
    const name = `folio-absent-${Date.now()}`;
    expect(await readStoredStart(name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    expect(FOLIO_DB_NAME).toBe(DB_NAME);
  });
});
