/**
 * A source's overlay: the articles its deltas changed since its shard chunks were written, kept as
 * one chunk of their own (with its text blocks and search segment) instead of rewriting every shard
 * they touch. An edit of 1% of 100,000 articles spread over the archive
 * touches nearly every monthly shard, where the overlay writes 1,000 rows. The overlay is the
 * deltas since the shards' revision, composed: a later delta composes onto it, and the delta path
 * (deltas.ts) folds it into the shards once it grows past `overlayLimit` or the source has nothing
 * newer to sync.
 */
import { DELTA_FORMAT, DELTA_VERSION, type FeedArticle, type FeedDelta } from '../feed/folder';
import { articleKey } from '../model/article';
import type { Source } from '../model/source';
import { buildChunk, fromFeedArticle, type ChunkArticle } from './chunks';
import { byNewestRow, checkBase, DeltaMismatch, sameKeys, type DeltaPlan } from './deltas';
import type { FolioDb } from './FolioDb';
import { isOverlayKey, OVERLAY_SHARD, textBlockKeys } from './keys';
import type { CatalogChunkRecord } from './records';
import { isFeedRev, segmentFor, storedArticles, type IncomingSegment } from './segments';
import { storedKeysOf } from './sources';

/** Articles and removed ids an overlay may hold; a delta past it is written into the shards. */
export const overlayLimit = (articleCount: number): number => Math.max(1000, Math.ceil(articleCount * 0.05));

/** A stored overlay read as the delta it composes, with the chunk keys the source had when it was read. */
export interface StoredOverlay {
  delta: FeedDelta | null;
  storedKeys: string[];
}

/** The row as the feed article it was stored from. */
function toFeedArticle(row: ChunkArticle): FeedArticle {
  const { id, slug, url, title, author, summary, summaryTruncated, words, readingMinutes, topics } = row;
  return {
    id, slug, url, title, author, summary, summaryTruncated, words, readingMinutes,
    topics: [...topics],
    date: row.date === null ? null : new Date(row.date).toISOString(),
    dateOffset: row.dateOffset ?? 0,
    body: row.bodyHref === null ? null : { href: row.bodyHref, hash: row.bodyHash ?? '', bytes: row.bodyBytes },
  };
}

/** Reads the overlay among a source's chunk keys, inside a transaction over catalog and texts. */
export async function overlayAmong(db: FolioDb, sourceId: string, storedKeys: string[]): Promise<StoredOverlay> {
  const key = storedKeys.find((k) => isOverlayKey(sourceId, k));
  const chunk = key === undefined ? undefined : await db.catalog.get(key);
  if (!chunk?.overlay) return { delta: null, storedKeys };
  const { from, to, shardOf, removed, shards, dropped, before } = chunk.overlay;
  const rows = await storedArticles(db, chunk);
  const articles = rows.map((row, i) => {
    if (!row) throw new DeltaMismatch('the stored text of the overlay is incomplete');
    return { shard: shardOf[i] ?? '', article: toFeedArticle(row) };
  });
  return { delta: { format: DELTA_FORMAT, version: DELTA_VERSION, from, to, articles, removed, shards, dropped, before }, storedKeys };
}

/**
 * Writes `plan` (every delta since the shards' revision, the stored overlay's included) as the
 * source's overlay, with the source's new record, in one transaction; throws DeltaMismatch and
 * writes nothing when the stored chunks are not the ones read or the shards not where it starts.
 * Bodies of removed articles are deleted; reader state is never touched.
 */
export async function writeOverlay(db: FolioDb, plan: DeltaPlan, storedKeys: readonly string[], source: Source, given?: IncomingSegment): Promise<void> {
  const { sourceId, changes } = plan;
  const items = [...changes.articles.values()]
    .map(({ shard, article }) => ({ shard, row: fromFeedArticle(article, plan.defaultAuthor) }))
    .sort((a, b) => byNewestRow(a.row, b.row));
  const rows = items.map((item) => item.row);
  const built = buildChunk(sourceId, OVERLAY_SHARD, `r${changes.to}`, rows);
  const chunk: CatalogChunkRecord = {
    ...built.chunk,
    overlay: {
      from: changes.from,
      to: changes.to,
      shardOf: items.map((item) => item.shard),
      removed: [...changes.removed],
      shards: [...changes.shards.values()],
      dropped: [...changes.dropped],
      before: [...changes.before].map(([key, hash]) => ({ key, hash })),
    },
  };
  // The folder's segment of the delta when it indexes exactly these rows; else titles, topics and
  // summaries from the rows (bodies are indexed once the overlay is folded into the shards), marked
  // bodiless so that search does not count its body part as missing.
  const indexed = segmentFor(chunk, rows, new Map(), given);
  const segment = isFeedRev(indexed.rev) ? indexed : { ...indexed, hasBodies: false };
  await db.transaction('rw', [db.sources, db.catalog, db.texts, db.bodies, db.segments], async () => {
    const keys = await storedKeysOf(db, sourceId);
    if (!sameKeys(keys, storedKeys)) throw new DeltaMismatch('the stored shards changed while the delta was read');
    checkBase(plan, keys);
    const oldKey = keys.find((k) => isOverlayKey(sourceId, k));
    const old = oldKey === undefined ? undefined : await db.catalog.get(oldKey);
    if (old) {
      await db.texts.bulkDelete(textBlockKeys(old));
      await db.catalog.delete(old.key);
    }
    await db.catalog.put(chunk);
    await db.texts.bulkPut(built.blocks);
    await db.segments.put(segment);
    await db.bodies.bulkDelete([...changes.removed].map((id) => articleKey(sourceId, id)));
    await db.sources.put(source);
  });
}
