import type { Source } from '../model/source';
import type { FolioDb } from './FolioDb';
import type { CatalogChunkRecord } from './records';

export function readSource(db: FolioDb, id: string): Promise<Source | undefined> {
  return db.sources.get(id);
}

/** A source's stored chunk keys, through the small sourceId index: no chunk is read. */
export const storedKeysOf = (db: FolioDb, sourceId: string): Promise<string[]> => db.catalog.where('sourceId').equals(sourceId).primaryKeys();

export function readAllSources(db: FolioDb): Promise<Source[]> {
  return db.sources.toArray();
}

/** The articles a source's chunks list: an overlay's rows replace shard rows and its removed ids hide them. */
function articlesIn(chunks: readonly CatalogChunkRecord[]): number {
  const ids = new Set(chunks.flatMap((c) => c.ids));
  for (const chunk of chunks) for (const id of chunk.overlay?.removed ?? []) ids.delete(id);
  return ids.size;
}

/** Removes a source with its articles, their stored bodies and its search index; other sources and reader state stay. */
export async function removeSource(db: FolioDb, id: string): Promise<number> {
  return db.transaction('rw', [db.sources, db.catalog, db.texts, db.bodies, db.segments], async () => {
    // Keys through the index, then the records by key: an index read of 121 chunk records took
    // about three times as long in Chromium (`npx tsx bench/recordReads.ts`).
    const keys = await storedKeysOf(db, id);
    const chunks = (await db.catalog.bulkGet(keys)).filter((c): c is CatalogChunkRecord => c !== undefined);
    await db.texts.where('chunk').anyOf(keys).delete();
    await db.catalog.bulkDelete(keys);
    await db.bodies.where('key').startsWith(`${id}/`).delete();
    await db.segments.where('sourceId').equals(id).delete();
    await db.sources.delete(id);
    return articlesIn(chunks);
  });
}
