/**
 * Search over a source's overlay (store/overlay.ts): its segment indexes the overlay's rows, and the
 * shard segments' copies of those articles, and of the removed ones, are left out of answers.
 */
import type { SearchIndex } from '../search/search';
import type { FolioDb } from '../store/FolioDb';
import { OVERLAY_SHARD, overlayHides } from '../store/keys';

interface SegmentRef {
  sourceId: string;
  shardKey: string;
  chunk: string;
}

export class OverlayHiding {
  readonly #db: FolioDb;
  /** Per source with an overlay, the ids it hides in the source's shard segments. */
  readonly #hides = new Map<string, ReadonlySet<string>>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  /**
   * After segments were loaded and dropped: hides in every shard segment of a source whose overlay
   * changed, else only in the segments just loaded (a replaced segment comes back whole).
   */
  async update(index: SearchIndex, loaded: ReadonlyMap<string, SegmentRef>, put: readonly SegmentRef[], gone: readonly SegmentRef[]): Promise<void> {
    const changed = new Set([...put, ...gone].filter((s) => s.shardKey === OVERLAY_SHARD).map((s) => s.sourceId));
    for (const sourceId of changed) {
      const overlay = [...loaded.values()].find((s) => s.sourceId === sourceId && s.shardKey === OVERLAY_SHARD);
      const record = overlay ? await this.#db.catalog.get(overlay.chunk) : undefined;
      if (record) this.#hides.set(sourceId, new Set(overlayHides(record)));
      else this.#hides.delete(sourceId);
    }
    const fresh = new Set(put);
    for (const s of loaded.values()) {
      if (s.shardKey === OVERLAY_SHARD || !(changed.has(s.sourceId) || fresh.has(s))) continue;
      index.hide(s.sourceId, s.shardKey, this.#hides.get(s.sourceId) ?? null);
    }
  }
}
