import { describe, expect, it } from 'vitest';
import { syncFolder } from '../../../src/lib/ingest/folder';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';
import type { SeenRevision } from '../../../src/lib/model/source';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { OVERLAY_SHARD } from '../../../src/lib/store/keys';
import { overlayOf } from '../helpers/deltaFeed';
import { edited, source, syncedBase } from '../helpers/deltaPosts';
import { entry } from '../helpers/searchFeed';

/** Revision 3: G is new in May. */
const grown = () => [...edited(), entry('g', '2026-05-02T00:00:00Z', 'May G', 'about grapes')];

/**
 * Keeps a write transaction on the sources open, as the page's read of every chunk keeps the
 * worker's first read waiting as the app opens, until `release()` says so (or a bound is reached).
 */
function holdStore(db: FolioDb, release: () => boolean): Promise<void> {
  const tx = db.backendDB().transaction('sources', 'readwrite');
  const store = tx.objectStore('sources');
  let spins = 0;
  const spin = (): void => {
    if (release() || ++spins > 3000) return;
    store.get(source.id).onsuccess = spin;
  };
  spin();
  return new Promise((resolve) => (tx.oncomplete = () => resolve()));
}

/** Syncs while the store is held; whether the delta was asked for before the hold ended. */
async function syncHeld(db: FolioDb, env: { fetcher: Fetch; online: boolean; now: () => number }, seen?: SeenRevision): Promise<boolean> {
  let held = true;
  let askedWhileHeld = false;
  let asked = false;
  const fetcher: Fetch = (input, init) => {
    if (/deltas\/[^/]*\.json$/.test(String(input))) {
      asked = true;
      askedWhileHeld ||= held;
    }
    return env.fetcher(input, init);
  };
  const hold = holdStore(db, () => asked).then(() => (held = false));
  const result = await syncFolder(db, seen ? { ...source, seen } : source, { ...env, fetcher });
  await hold;
  expect(result).toMatchObject({ shardsFetched: 0, deltasFetched: 1 });
  return askedWhileHeld;
}

const deltaFiles = (paths: string[]) => paths.filter((p) => p.startsWith('deltas/')).map((p) => p.split('/')[1] ?? '').sort();
const kindsOf = (paths: string[]) => deltaFiles(paths).map((p) => p.split('.').at(-1)).sort();

describe('a re-sync told what the page saw stored', () => {
  it('asks for the deltas while the store is still being read; without the hint, only after', async () => {
    const hinted = await syncedBase();
    hinted.folder.build(edited());
    expect(await syncHeld(hinted.db, hinted.folder.env, { revision: 1, overlay: false })).toBe(true);

    const plain = await syncedBase();
    plain.folder.build(edited());
    expect(await syncHeld(plain.db, plain.folder.env)).toBe(false);

    // Both stored the same thing.
    const keys = async (db: FolioDb) => (await db.catalog.toCollection().primaryKeys()).sort();
    expect(await keys(hinted.db)).toEqual(await keys(plain.db));
    expect((await overlayOf(hinted.db))[0]?.ids).toEqual((await overlayOf(plain.db))[0]?.ids);
  });

  it('follows the store, not a hint that differs from it: the early fetch is wasted, nothing is written wrong', async () => {
    const { db, folder } = await syncedBase();
    folder.build(edited());
    folder.build(grown());
    folder.take();
    // Another tab synced to revision 2 and back is not possible; a hint that runs ahead stands for any mismatch.
    const result = await syncFolder(db, { ...source, seen: { revision: 2, overlay: true } }, folder.env);
    expect(result).toMatchObject({ shardsFetched: 0, deltasFetched: 2 });
    const asked = deltaFiles(folder.take()).filter((p) => p.endsWith('.json'));
    expect(asked.filter((p) => p.startsWith('2-3.'))).toHaveLength(2);
    expect(asked.filter((p) => p.startsWith('1-2.'))).toHaveLength(1);
    expect((await db.sources.get(source.id))?.revision).toBe(3);
    expect((await overlayOf(db))[0]?.ids.slice().sort()).toEqual(['a', 'f', 'g']);
  });

  it('fetches a lone delta’s search segment early only when the page saw no overlay, and after the read when it was wrong', async () => {
    const { db, folder } = await syncedBase();
    folder.build(edited());
    folder.take();
    // The page thought an overlay was stored; there is none, so the segment is fetched once the store says so.
    await syncFolder(db, { ...source, seen: { revision: 1, overlay: true } }, folder.env);
    expect(kindsOf(folder.take())).toEqual(['body', 'json', 'meta']);
    expect((await db.segments.toArray()).find((s) => s.shardKey === OVERLAY_SHARD)?.rev).toMatch(/#fb$/);

    // Now an overlay is stored and the page knows it: the next delta's segment is not fetched at all.
    folder.build(grown());
    await syncFolder(db, { ...source, seen: { revision: 2, overlay: true } }, folder.env);
    expect(kindsOf(folder.take())).toEqual(['json']);
    expect((await db.sources.get(source.id))?.revision).toBe(3);
  });
});
