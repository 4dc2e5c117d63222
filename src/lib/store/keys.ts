/** Articles per text block: a page of the list reads one or a few small blocks. */
export const TEXT_BLOCK_SIZE = 50;

export const chunkKey = (sourceId: string, shardKey: string, hash: string): string => `${sourceId}/${shardKey}@${hash}`;
export const blockKey = (chunk: string, block: number): string => `${chunk}#${block}`;

/**
 * The keys of a chunk's text blocks, as `buildChunk` writes them: deleting them by key skips a walk
 * of the texts table's chunk index, which at 100,000 articles costs a re-sync tens of milliseconds.
 */
export const textBlockKeys = (chunk: { key: string; count: number; blockSize: number }): string[] =>
  Array.from({ length: Math.ceil(chunk.count / chunk.blockSize) }, (_, block) => blockKey(chunk.key, block));

/** "source/2026-04@hash" → "2026-04". */
export function shardKeyOf(sourceId: string, chunk: string): string {
  return chunk.slice(sourceId.length + 1, chunk.lastIndexOf('@'));
}

/** "source/2026-04@hash" → "hash". */
export function shardHashOf(chunk: string): string {
  return chunk.slice(chunk.lastIndexOf('@') + 1);
}

/** The shard key of a source's overlay chunk (overlay.ts): no feed shard has an empty key (the manifest's rule). */
export const OVERLAY_SHARD = '';

export const isOverlayKey = (sourceId: string, chunk: string): boolean => shardKeyOf(sourceId, chunk) === OVERLAY_SHARD;

/** The ids whose shard rows an overlay chunk hides: its own rows' and the removed ones. */
export const overlayHides = (chunk: { ids: readonly string[]; overlay?: { removed: readonly string[] } }): string[] =>
  chunk.overlay ? [...chunk.ids, ...chunk.overlay.removed] : [];
