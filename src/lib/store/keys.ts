/** Articles per text block: a page of the list reads one or a few small blocks. */
export const TEXT_BLOCK_SIZE = 50;

export const chunkKey = (sourceId: string, shardKey: string, hash: string): string => `${sourceId}/${shardKey}@${hash}`;
export const blockKey = (chunk: string, block: number): string => `${chunk}#${block}`;
