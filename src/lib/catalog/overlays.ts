/**
 * Overlay chunks (store/overlay.ts) in the catalogue: their rows replace the shard chunks' rows with
 * the same ids, and their removed ids hide shard rows. They are gathered after the shard chunks, so
 * the shard rows keep their order and only the overlay's few rows are merged in.
 */
import { overlayHides } from '../store/keys';
import type { CatalogChunkRecord } from '../store/records';
import { firstDate } from './columns';

export const isOverlay = (chunk: CatalogChunkRecord): boolean => chunk.overlay !== undefined;

/** Shard chunks newest first (ties by key), then overlays. */
export function chunkOrder(a: CatalogChunkRecord, b: CatalogChunkRecord): number {
  return Number(isOverlay(a)) - Number(isOverlay(b)) || firstDate(b) - firstDate(a) || (a.key < b.key ? -1 : 1);
}

/** Per source, the ids whose shard rows an overlay hides: its own rows' ids and the removed ones. */
export function hiddenIds(chunks: Iterable<CatalogChunkRecord>): Map<string, Set<string>> {
  const hidden = new Map<string, Set<string>>();
  for (const chunk of chunks) {
    if (!chunk.overlay) continue;
    let ids = hidden.get(chunk.sourceId);
    if (!ids) hidden.set(chunk.sourceId, (ids = new Set()));
    for (const id of overlayHides(chunk)) ids.add(id);
  }
  return hidden;
}
