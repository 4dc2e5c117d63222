/**
 * What a feed folder's sync reads from the store before it can decide anything, in one read
 * transaction that the sync starts while its manifest downloads. As the app opens, the page reads
 * every chunk at once; four reads made one after another each waited their turn behind it.
 */
import type { Source } from '../model/source';
import { DeltaMismatch } from './deltas';
import type { FolioDb } from './FolioDb';
import { overlayAmong, type StoredOverlay } from './overlay';
import { segmentRevsOf } from './segmentParts';
import { storedKeysOf } from './sources';

export interface SyncBasis {
  previous: Source | undefined;
  /** The source's chunk keys: shard key and hash of each, and the overlay's. */
  storedKeys: string[];
  /** The revisions of its search segments: which are the folder's own, and which hold a body part. */
  segmentRevs: string[];
  /** The overlay as the delta it composes; null when its stored text cannot be read back in full. */
  overlay: StoredOverlay | null;
}

export function readSyncBasis(db: FolioDb, sourceId: string): Promise<SyncBasis> {
  return db.transaction('r', [db.sources, db.catalog, db.texts, db.segments], async () => {
    const [previous, storedKeys, segmentRevs] = await Promise.all([db.sources.get(sourceId), storedKeysOf(db, sourceId), segmentRevsOf(db, sourceId)]);
    const overlay = await overlayAmong(db, sourceId, storedKeys).catch((error: unknown) => {
      if (error instanceof DeltaMismatch) return null;
      throw error;
    });
    return { previous, storedKeys, segmentRevs, overlay };
  });
}
