import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { Library } from '../../../src/lib/state/library.svelte';
import { setRead, setSaved } from '../../../src/lib/store/readerState';
import { deltaFolder } from '../helpers/deltaFeed';
import { entry, FOLDER_URL } from '../helpers/searchFeed';
import { openTestDb } from '../helpers/testDb';
import { until } from '../helpers/until';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  vi.restoreAllMocks();
});

const source = { id: 'blog', feedUrl: FOLDER_URL };
const archive = Array.from({ length: 40 }, (_, i) => entry(`old-${i}`, `2025-06-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`, `Old ${i}`, `older post ${i}`));

describe('the library after a delta', () => {
  it('patches its catalogue in place, keeps reader state, and drops the article being read without failing', async () => {
    const db = openTestDb();
    const folder = deltaFolder();
    folder.build([...archive, entry('a', '2026-04-01T00:00:00Z', 'A', 'x'), entry('gone', '2026-03-01T00:00:00Z', 'Gone', 'y')]);
    await syncFolder(db, source, folder.env);
    const library = new Library(db);
    stop = $effect.root(() => {
      $effect(() => void library.catalog);
    });
    flushSync();
    await until(() => library.catalog.size === 42);
    await setRead(db, ['blog/a', 'blog/old-3'], true, 5);
    await setSaved(db, 'blog/old-4', true, 6);
    await until(() => library.readKeys.size === 2 && library.savedKeys.size === 1);
    // The reader has "gone" open; the rebuild removes it, edits A and adds B.
    expect(library.has('blog/gone')).toBe(true);
    const measures = vi.spyOn(performance, 'measure');
    folder.build([...archive, entry('a', '2026-04-01T00:00:00Z', 'A, edited', 'x2'), entry('b', '2026-05-01T00:00:00Z', 'B', 'z')]);
    expect((await syncFolder(db, source, folder.env)).deltasFetched).toBe(1);
    await until(() => library.has('blog/b'));
    expect(library.has('blog/gone')).toBe(false);
    const names = measures.mock.calls.map(([name]) => name);
    expect(names).toContain('folio:catalog-patch');
    expect(names).not.toContain('folio:catalog-build');
    expect(library.query({ ...DEFAULT_PARAMS, size: 5 }).keys.slice(0, 3)).toEqual(['blog/b', 'blog/a', 'blog/old-27']);
    expect([...library.readKeys].sort()).toEqual(['blog/a', 'blog/old-3']);
    expect([...library.savedKeys]).toEqual(['blog/old-4']);
    expect(library.articleCounts.get('blog')).toEqual({ count: 42, unread: 40 });
    expect(library.neighbours({ ...DEFAULT_PARAMS }, 'blog/gone')).toBeDefined();
  });

  it('patches in a delta spread over every month (the overlay), and again when the overlay is folded into the shards', async () => {
    const db = openTestDb();
    const folder = deltaFolder();
    const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
    const post = (m: string, d: number, title = `P ${m} ${d}`) => entry(`p-${m}-${d}`, `${m}-0${d}T00:00:00Z`, title, 'x');
    folder.build(months.flatMap((m) => [1, 2, 3].map((d) => post(m, d))));
    await syncFolder(db, source, folder.env);
    const library = new Library(db);
    stop = $effect.root(() => {
      $effect(() => void library.catalog);
    });
    flushSync();
    await until(() => library.catalog.size === 18);
    const measures = vi.spyOn(performance, 'measure');
    // Every month's second post edited and moved a day on; January's third removed; one added.
    const edited = months.flatMap((m) => [post(m, 1), entry(`p-${m}-2`, `${m}-05T00:00:00Z`, 'Edited', 'y'), post(m, 3)]).filter((e) => e.article.id !== 'p-2026-01-3');
    folder.build([...edited, entry('new', '2026-04-09T00:00:00Z', 'New', 'z')]);
    expect((await syncFolder(db, source, folder.env)).deltasFetched).toBe(1);
    expect((await db.catalog.toArray()).filter((c) => c.overlay)).toHaveLength(1);
    await until(() => library.has('blog/new'));
    expect(library.has('blog/p-2026-01-3')).toBe(false);
    const listed = library.query({ ...DEFAULT_PARAMS, size: 20 }).keys;
    expect(listed.slice(0, 4)).toEqual(['blog/new', 'blog/p-2026-04-2', 'blog/p-2026-04-3', 'blog/p-2026-04-1']);
    expect(listed).toHaveLength(18);
    const names = () => measures.mock.calls.map(([name]) => name);
    expect(names()).toContain('folio:catalog-patch');
    expect(names()).not.toContain('folio:catalog-build');
    // Nothing newer: the next sync folds the overlay into the shards, and the list stays as it was.
    await syncFolder(db, source, folder.env);
    expect((await db.catalog.toArray()).filter((c) => c.overlay)).toEqual([]);
    await until(() => library.catalog.chunks.every((c) => !c.overlay));
    expect(library.query({ ...DEFAULT_PARAMS, size: 20 }).keys).toEqual(listed);
    expect(names()).not.toContain('folio:catalog-build');
  });

  it('shows a delta stored while it builds its first catalogue in that first catalogue, not one paint after the old list', async () => {
    const db = openTestDb();
    const folder = deltaFolder();
    folder.build([...archive, entry('a', '2026-04-01T00:00:00Z', 'A', 'x')]);
    await syncFolder(db, source, folder.env);
    const before = (await db.sources.get('blog'))?.revision;
    folder.build([...archive, entry('a', '2026-04-01T00:00:00Z', 'A', 'x'), entry('b', '2026-05-01T00:00:00Z', 'B', 'z')]);
    const library = new Library(db);
    // The app opens: the cold read of the stored chunks, and a sync's delta stored meanwhile.
    const read = vi.spyOn(db.catalog, 'bulkGet');
    const original = read.getMockImplementation() ?? db.catalog.bulkGet;
    read.mockImplementationOnce((async (keys: string[]) => {
      const chunks = await original.call(db.catalog, keys);
      read.mockRestore();
      expect((await syncFolder(db, source, folder.env)).deltasFetched).toBe(1);
      await until(() => library.storedSources?.[0]?.revision !== before);
      return chunks;
    }) as typeof db.catalog.bulkGet);
    const measures = vi.spyOn(performance, 'measure');
    const shown: string[] = [];
    stop = $effect.root(() => {
      $effect(() => void shown.push(library.catalog.size === 0 ? 'empty' : library.has('blog/b') ? 'with the delta' : 'without it'));
    });
    flushSync();
    await until(() => library.has('blog/b'));
    expect(shown).toEqual(['empty', 'with the delta']);
    const names = measures.mock.calls.map(([name]) => name).filter((name) => name !== 'folio:catalog-read');
    expect(names).toEqual(['folio:catalog-build', 'folio:catalog-patch']);
    expect(library.query({ ...DEFAULT_PARAMS, size: 5 }).keys.slice(0, 3)).toEqual(['blog/b', 'blog/a', 'blog/old-27']);
    expect(library.articleCounts.get('blog')).toEqual({ count: 42, unread: 42 });
  });
});
