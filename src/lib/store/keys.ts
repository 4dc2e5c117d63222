/** Articles per text block: a page of the list reads one or a few small blocks. */
export const TEXT_BLOCK_SIZE = 50;

export const chunkKey = (sourceId: string, shardKey: string, hash: string): string => `${sourceId}/${shardKey}@${hash}`;
export const blockKey = (chunk: string, block: number): string => `${chunk}#${block}`;

/** "source/2026-04@hash" → "2026-04". */
export function shardKeyOf(sourceId: string, chunk: string): string {
  return chunk.slice(sourceId.length + 1, chunk.lastIndexOf('@'));
}

/** "source/2026-04@hash" → "hash". */
export function shardHashOf(chunk: string): string {
  return chunk.slice(chunk.lastIndexOf('@') + 1);
}
