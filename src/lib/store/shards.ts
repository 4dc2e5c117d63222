import type { FeedShard } from '../feed/folder';
import { articleKey } from '../model/article';
import type { Source } from '../model/source';
import { newestFirst } from '../model/order';
import { buildChunk, fromFeedArticle, type ChunkArticle } from './chunks';
import type { FolioDb } from './FolioDb';
import { isOverlayKey, shardHashOf, shardKeyOf, textBlockKeys } from './keys';
import type { BodyRecord, CatalogChunkRecord, SegmentRecord, TextBlockRecord } from './records';
import { inlineBodies, segmentFor, segmentKey, storedArticles, type IncomingSegment } from './segments';
import { storedKeysOf } from './sources';

/** A fetched shard with the hash the manifest gave it. */
export interface IncomingShard {
  shard: FeedShard;
  hash: string;
  /** The feed folder's search segment for it, when the folder has one. */
  segment?: IncomingSegment;
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

interface Built {
  chunks: CatalogChunkRecord[];
  blocks: TextBlockRecord[];
  /** Per chunk, the articles it holds and the feed's segment, if any, to index them. */
  rows: { chunk: CatalogChunkRecord; articles: ChunkArticle[]; segment?: IncomingSegment }[];
}

function toChunks(write: ShardWrite, kept: ReadonlyMap<string, ChunkArticle[]>): Built {
  const out: Built = { chunks: [], blocks: [], rows: [] };
  for (const { shard, hash, segment } of write.incoming) {
    const articles = shard.articles.map((a) => fromFeedArticle(a, write.defaultAuthor));
    const extra = kept.get(shard.key) ?? [];
    if (extra.length > 0) articles.push(...extra.sort((a, b) => newestFirst(a.date, b.date)));
    const built = buildChunk(write.sourceId, shard.key, hash, articles);
    out.chunks.push(built.chunk);
    out.blocks.push(...built.blocks);
    out.rows.push({ chunk: built.chunk, articles, ...(segment ? { segment } : {}) });
  }
  return out;
}

/**
 * Each written chunk's search segment, from exactly its rows: the bodies that came with the feed,
 * and for articles kept after leaving a feed document, the copies stored with them before.
 */
async function segmentsOf(db: FolioDb, write: ShardWrite, built: Built, keptIds: ReadonlySet<string>): Promise<SegmentRecord[]> {
  const bodies = new Map<string, string>();
  const prefix = `${write.sourceId}/`;
  for (const b of write.bodies ?? []) bodies.set(b.key.slice(prefix.length), b.html);
  const keptArticles = built.rows.flatMap((r) => r.articles.filter((a) => keptIds.has(a.id)));
  if (keptArticles.length > 0) for (const [id, html] of await inlineBodies(db, write.sourceId, keptArticles)) bodies.set(id, html);
  return built.rows.map(({ chunk, articles, segment }) => segmentFor(chunk, articles, bodies, write.keepMissing ? undefined : segment));
}

/**
 * Replaces shards of one source in a single transaction: either all of it lands or none of it
 * does. Bodies of articles that left the feed are deleted; reader state is never touched.
 */
export async function writeShards(db: FolioDb, write: ShardWrite): Promise<WriteCounts> {
  const replaced = new Set(write.incoming.map(({ shard }) => shard.key));
  // A write that completes a sync fetched every shard whose hash differs from the stored one,
  // which are all the shards an overlay changed: the overlay (overlay.ts) goes.
  const dropped = (key: string): boolean => {
    const shardKey = shardKeyOf(write.sourceId, key);
    return replaced.has(shardKey) || (!write.keepMissing && write.drop.has(shardKey)) || (write.source !== undefined && isOverlayKey(write.sourceId, key));
  };
  // Keys name the shard, so what to drop is known without reading the chunks themselves.
  const storedKeys = () => storedKeysOf(db, write.sourceId);
  // The bodies table is in the transaction only when the write can touch it (a source's writes
  // are serialised by its sync lock, so this read still holds inside): a first sync's large writes
  // then leave it free, and an article opened meanwhile reads and stores its text without waiting.
  const touchesBodies = write.bodies !== undefined || write.keepMissing === true || (await storedKeys()).some(dropped);
  const tables = [db.sources, db.catalog, db.texts, db.segments, ...(touchesBodies ? [db.bodies] : [])];

  return db.transaction('rw', tables, async () => {
    const droppedKeys = (await storedKeys()).filter(dropped);
    const oldChunks = (await db.catalog.bulkGet(droppedKeys)).filter((c): c is CatalogChunkRecord => c !== undefined);
    const kept = write.keepMissing ? await missingArticles(db, oldChunks, write.incoming) : new Map<string, ChunkArticle[]>();
    const built = toChunks(write, kept);
    const { chunks, blocks } = built;
    const keptIds = new Set([...kept.values()].flatMap((list) => list.map((a) => a.id)));
    const segments = await segmentsOf(db, write, built, keptIds);
    // A moved article changes both its old and its new shard, so both are in this write.
    // An overlay's rows are in the shards written with it, or unchanged in a shard still stored.
    const before = new Set<string>();
    for (const chunk of oldChunks) if (!chunk.overlay) for (const id of chunk.ids) before.add(id);
    const incomingIds = chunks.flatMap((c) => c.ids);
    const after = new Set(incomingIds);
    const gone = [...before].filter((id) => !after.has(id));

    await db.texts.bulkDelete(oldChunks.flatMap(textBlockKeys));
    await db.catalog.bulkDelete(droppedKeys);
    await db.catalog.bulkPut(chunks);
    await db.texts.bulkPut(blocks);
    if (gone.length > 0) await db.bodies.bulkDelete(gone.map((id) => articleKey(write.sourceId, id)));
    // A shard's segment goes with its chunk: replaced ones are overwritten, dropped ones deleted.
    await db.segments.bulkDelete(droppedKeys.map((key) => segmentKey(write.sourceId, shardKeyOf(write.sourceId, key))));
    await db.segments.bulkPut(segments);
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
    for (const article of await storedArticles(db, chunk)) {
      if (!article || listed.has(article.id)) continue;
      const list = kept.get(chunk.shardKey) ?? [];
      list.push(article);
      kept.set(chunk.shardKey, list);
    }
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
  return compareShards(sourceId, await storedKeysOf(db, sourceId), listed, identify);
}

/** shardChanges on chunk keys already read. */
export function compareShards<T>(
  sourceId: string,
  chunkKeys: readonly string[],
  listed: readonly T[],
  identify: (item: T) => { key: string; hash: string },
): { changed: T[]; drop: Set<string> } {
  const storedKeys = chunkKeys.filter((key) => !isOverlayKey(sourceId, key));
  const storedHash = new Map(storedKeys.map((key) => [shardKeyOf(sourceId, key), shardHashOf(key)]));
  const keys = new Set(listed.map((item) => identify(item).key));
  return {
    changed: listed.filter((item) => storedHash.get(identify(item).key) !== identify(item).hash),
    drop: new Set([...storedHash.keys()].filter((key) => !keys.has(key))),
  };
}
