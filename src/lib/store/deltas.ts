/**
 * Applying a feed folder's delta: only the shards it changes are rebuilt, from their stored rows
 * and the delta's articles, with their text blocks and search segments, in one transaction with
 * the source's new revision. Unchanged shards are not read or written. The rows are read and the
 * chunks built first (`prepareDelta`), while the changed shards' search segments still download;
 * the write then checks that the stored shards are still the ones read.
 */
import type { DeltaChanges } from '../feed/delta';
import type { FeedShardRef } from '../feed/folder';
import { articleKey } from '../model/article';
import { newestFirst } from '../model/order';
import type { Source } from '../model/source';
import { buildChunk, fromFeedArticle, type ChunkArticle } from './chunks';
import type { FolioDb } from './FolioDb';
import { isOverlayKey, OVERLAY_SHARD, shardHashOf, shardKeyOf, textBlockKeys } from './keys';
import type { CatalogChunkRecord } from './records';
import { segmentFor, segmentKey, storedArticles, type IncomingSegment } from './segments';
import { storedKeysOf } from './sources';
import type { WriteCounts } from './shards';

/** What a delta changes in one source, and the shards the source holds once it is applied. */
export interface DeltaPlan {
  sourceId: string;
  defaultAuthor: string | null;
  changes: DeltaChanges;
  /** The manifest's shards: what the source holds once the delta is applied. */
  shards: readonly FeedShardRef[];
}

/** A delta read against the store and built, not written yet. */
export interface PreparedDelta {
  plan: DeltaPlan;
  /** The source's stored chunk keys when read: the write goes ahead only if they are unchanged. */
  storedKeys: readonly string[];
  /** The stored chunks the delta replaces or drops. */
  oldChunks: readonly CatalogChunkRecord[];
  built: readonly { ref: FeedShardRef; chunk: CatalogChunkRecord; blocks: ReturnType<typeof buildChunk>['blocks']; articles: ChunkArticle[] }[];
}

/** The stored shards are not the ones the delta starts from: nothing was written. */
export class DeltaMismatch extends Error {}

export const byNewestRow = (a: ChunkArticle, b: ChunkArticle): number => newestFirst(a.date, b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Checks that every stored shard chunk is either unchanged by the delta or exactly the one it
 * starts from; the overlay is not a shard (`plan.changes` composes it).
 */
export function checkBase(write: DeltaPlan, storedKeys: readonly string[]): void {
  const { changes, sourceId } = write;
  const stored = new Map(storedKeys.filter((key) => !isOverlayKey(sourceId, key)).map((key) => [shardKeyOf(sourceId, key), shardHashOf(key)]));
  const listed = new Set(write.shards.map((ref) => ref.key));
  for (const ref of write.shards) {
    const have = stored.get(ref.key);
    const change = changes.shards.get(ref.key);
    const ok = change ? change.hash === ref.hash && have === changes.before.get(ref.key) : have === ref.hash;
    if (!ok) throw new DeltaMismatch(`shard ${ref.key} is not at the delta's starting point`);
  }
  for (const [key, hash] of stored) {
    if (!listed.has(key) && !(changes.dropped.has(key) && changes.before.get(key) === hash)) throw new DeltaMismatch(`shard ${key} is not at the delta's starting point`);
  }
}

/** The changed shards' rows after the delta: stored rows minus removed and changed ones, plus the delta's. */
async function patchedRows(db: FolioDb, write: DeltaPlan, oldChunks: readonly CatalogChunkRecord[]): Promise<Map<string, ChunkArticle[]>> {
  const { changes } = write;
  const rows = new Map<string, ChunkArticle[]>();
  for (const ref of write.shards) if (changes.shards.has(ref.key)) rows.set(ref.key, []);
  // All read at once; a dropped shard's text is not read: only its ids matter, for the bodies to delete.
  const rebuilt = oldChunks.filter((chunk) => rows.has(chunk.shardKey));
  const stored = await Promise.all(rebuilt.map((chunk) => storedArticles(db, chunk)));
  rebuilt.forEach((chunk, i) => {
    const list = rows.get(chunk.shardKey) as ChunkArticle[];
    for (const article of stored[i] ?? []) {
      if (!article) throw new DeltaMismatch(`the stored text of shard ${chunk.shardKey} is incomplete`);
      if (!changes.removed.has(article.id) && !changes.articles.has(article.id)) list.push(article);
    }
  });
  for (const { shard, article } of changes.articles.values()) {
    const list = rows.get(shard);
    if (!list) throw new DeltaMismatch(`article ${article.id} names shard ${shard}, which the delta does not change`);
    list.push(fromFeedArticle(article, write.defaultAuthor));
  }
  for (const ref of write.shards) {
    const list = rows.get(ref.key);
    if (list && list.sort(byNewestRow).length !== ref.count) throw new DeltaMismatch(`shard ${ref.key} would hold ${list.length} articles, not ${ref.count}`);
  }
  return rows;
}

/**
 * Reads the stored rows of the shards a delta changes and builds their new chunks, in one read
 * transaction; throws DeltaMismatch when the store is not where the delta starts.
 */
export async function prepareDelta(db: FolioDb, plan: DeltaPlan): Promise<PreparedDelta> {
  const { sourceId, changes } = plan;
  return db.transaction('r', [db.catalog, db.texts], async () => {
    const storedKeys = await storedKeysOf(db, sourceId);
    checkBase(plan, storedKeys);
    // The overlay goes too: `changes` composes it, so the rebuilt shards hold its rows.
    const oldKeys = storedKeys.filter((key) => {
      const shard = shardKeyOf(sourceId, key);
      return changes.shards.has(shard) || changes.dropped.has(shard) || shard === OVERLAY_SHARD;
    });
    const oldChunks = (await db.catalog.bulkGet(oldKeys)).filter((c): c is CatalogChunkRecord => c !== undefined);
    const rows = await patchedRows(db, plan, oldChunks);
    const built = plan.shards.flatMap((ref) => {
      const articles = rows.get(ref.key);
      return articles ? [{ ref, articles, ...buildChunk(sourceId, ref.key, ref.hash, articles) }] : [];
    });
    return { plan, storedKeys, oldChunks, built };
  });
}

export const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * Writes a prepared delta, with the changed shards' search segments and the source's new record,
 * in a single transaction, or throws DeltaMismatch and writes nothing when the stored shards
 * changed since it was prepared (the caller then fetches changed shards). Reader state is never
 * touched; bodies of removed articles are deleted.
 */
export async function writeDelta(db: FolioDb, prepared: PreparedDelta, segments: ReadonlyMap<string, IncomingSegment>, source: Source): Promise<WriteCounts> {
  const { plan, oldChunks, built } = prepared;
  const { sourceId, changes } = plan;
  return db.transaction('rw', [db.sources, db.catalog, db.texts, db.bodies, db.segments], async () => {
    if (!sameKeys(await storedKeysOf(db, sourceId), prepared.storedKeys)) throw new DeltaMismatch('the stored shards changed while the delta was read');
    const before = new Set(oldChunks.flatMap((c) => c.ids));
    const after = new Set(built.flatMap((b) => b.chunk.ids));
    const gone = [...before].filter((id) => !after.has(id));

    await db.texts.bulkDelete(oldChunks.flatMap(textBlockKeys));
    await db.catalog.bulkDelete(oldChunks.map((c) => c.key));
    await db.catalog.bulkPut(built.map((b) => b.chunk));
    await db.texts.bulkPut(built.flatMap((b) => b.blocks));
    await db.bodies.bulkDelete(gone.map((id) => articleKey(sourceId, id)));
    await db.segments.bulkDelete([...changes.dropped, OVERLAY_SHARD].map((key) => segmentKey(sourceId, key)));
    await db.segments.bulkPut(built.map((b) => segmentFor(b.chunk, b.articles, new Map(), segments.get(b.ref.key))));
    await db.sources.put(source);

    const changed = [...changes.articles.keys()];
    const refreshed = changed.filter((id) => before.has(id)).length;
    return { added: changed.length - refreshed, removed: gone.length, refreshed };
  });
}
