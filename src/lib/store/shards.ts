import type { FeedShard } from '../feed/folder';
import { articleKey } from '../model/article';
import type { Source } from '../model/source';
import { newestFirst } from '../model/order';
import { buildChunk, fromFeedArticle, type ChunkArticle } from './chunks';
import type { FolioDb } from './FolioDb';
import { shardHashOf, shardKeyOf } from './keys';
import type { BodyRecord, CatalogChunkRecord, TextBlockRecord } from './records';

/** A fetched shard with the hash the manifest gave it. */
export interface IncomingShard {
  shard: FeedShard;
  hash: string;
}

export interface WriteCounts {
  added: number;
  removed: number;
  refreshed: number;
}

export interface ShardWrite {
  sourceId: string;
  incoming: readonly IncomingShard[];
  /** Shard keys to drop besides those replaced by incoming ones (gone from the manifest). */
  drop: ReadonlySet<string>;
  defaultAuthor: string | null;
  /** Written in the same transaction when given. */
  source?: Source;
  /** Bodies that came inside the feed, stored with their articles. */
  bodies?: readonly BodyRecord[];
  /**
   * A feed document shows only its latest items: articles that left it are kept, with their text
   * and marks. Only a feed folder, which lists its whole archive, removes articles.
   */
  keepMissing?: boolean;
}

function toChunks(write: ShardWrite, kept: ReadonlyMap<string, ChunkArticle[]>): { chunks: CatalogChunkRecord[]; blocks: TextBlockRecord[] } {
  const chunks: CatalogChunkRecord[] = [];
  const blocks: TextBlockRecord[] = [];
  for (const { shard, hash } of write.incoming) {
    const articles = shard.articles.map((a) => fromFeedArticle(a, write.defaultAuthor));
    const extra = kept.get(shard.key) ?? [];
    if (extra.length > 0) articles.push(...extra.sort((a, b) => newestFirst(a.date, b.date)));
    const built = buildChunk(write.sourceId, shard.key, hash, articles);
    chunks.push(built.chunk);
    blocks.push(...built.blocks);
  }
  return { chunks, blocks };
}

/**
 * Replaces shards of one source in a single transaction: either all of it lands or none of it
 * does. Bodies of articles that left the feed are deleted; reader state is never touched.
 */
export async function writeShards(db: FolioDb, write: ShardWrite): Promise<WriteCounts> {
  const replaced = new Set(write.incoming.map(({ shard }) => shard.key));

  return db.transaction('rw', [db.sources, db.catalog, db.texts, db.bodies], async () => {
    // Keys name the shard, so what to drop is known without reading the chunks themselves.
    const storedKeys = await db.catalog.where('sourceId').equals(write.sourceId).primaryKeys();
    const droppedKeys = storedKeys.filter((key) => {
      const shardKey = shardKeyOf(write.sourceId, key);
      return replaced.has(shardKey) || (!write.keepMissing && write.drop.has(shardKey));
    });
    const oldChunks = (await db.catalog.bulkGet(droppedKeys)).filter((c): c is CatalogChunkRecord => c !== undefined);
    const kept = write.keepMissing ? await missingArticles(db, oldChunks, write.incoming) : new Map<string, ChunkArticle[]>();
    const { chunks, blocks } = toChunks(write, kept);
    // A moved article changes both its old and its new shard, so both are in this write.
    const before = new Set<string>();
    for (const chunk of oldChunks) for (const id of chunk.ids) before.add(id);
    const incomingIds = chunks.flatMap((c) => c.ids);
    const after = new Set(incomingIds);
    const gone = [...before].filter((id) => !after.has(id));

    await db.texts.where('chunk').anyOf(droppedKeys).delete();
    await db.catalog.bulkDelete(droppedKeys);
    await db.catalog.bulkPut(chunks);
    await db.texts.bulkPut(blocks);
    await db.bodies.bulkDelete(gone.map((id) => articleKey(write.sourceId, id)));
    if (write.bodies) await db.bodies.bulkPut([...write.bodies]);
    if (write.source) await db.sources.put(write.source);

    const refreshed = incomingIds.filter((id) => before.has(id)).length;
    return { added: incomingIds.length - refreshed, removed: gone.length, refreshed };
  });
}

/** Per shard key, the stored articles a feed document no longer lists, rebuilt from their chunk and text. */
async function missingArticles(db: FolioDb, oldChunks: readonly CatalogChunkRecord[], incoming: readonly IncomingShard[]): Promise<Map<string, ChunkArticle[]>> {
  const listed = new Set(incoming.flatMap(({ shard }) => shard.articles.map((a) => a.id)));
  const kept = new Map<string, ChunkArticle[]>();
  for (const chunk of oldChunks) {
    const rows = (await db.texts.where('chunk').equals(chunk.key).toArray()).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })).flatMap((b) => b.rows);
    chunk.ids.forEach((id, i) => {
      const text = rows[i];
      if (listed.has(id) || !text || text.id !== id) return;
      const date = chunk.dates[i] ?? Number.NaN;
      const topics = Array.from(chunk.topicRefs.subarray(chunk.topicStarts[i] ?? 0, chunk.topicStarts[i + 1] ?? 0), (ref) => chunk.topicDict[ref] ?? '');
      const list = kept.get(chunk.shardKey) ?? [];
      list.push({ ...text, date: Number.isNaN(date) ? null : date, dateOffset: chunk.offsets[i] ?? 0, topics, bodyBytes: chunk.bodyBytes[i] ?? 0 });
      kept.set(chunk.shardKey, list);
    });
  }
  return kept;
}

/**
 * Which stored shards of a source to fetch and which to drop, from the chunk keys alone (they
 * carry shard key and hash): shards whose hash differs, and stored shards no longer listed.
 */
export async function shardChanges<T>(
  db: FolioDb,
  sourceId: string,
  listed: readonly T[],
  identify: (item: T) => { key: string; hash: string },
): Promise<{ changed: T[]; drop: Set<string> }> {
  const storedKeys = await db.catalog.where('sourceId').equals(sourceId).primaryKeys();
  const storedHash = new Map(storedKeys.map((key) => [shardKeyOf(sourceId, key), shardHashOf(key)]));
  const keys = new Set(listed.map((item) => identify(item).key));
  return {
    changed: listed.filter((item) => storedHash.get(identify(item).key) !== identify(item).hash),
    drop: new Set([...storedHash.keys()].filter((key) => !keys.has(key))),
  };
}
