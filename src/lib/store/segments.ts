/**
 * Search segments: each shard's index, derived from exactly the rows its chunk holds and written in
 * the same transaction (see shards.ts). A feed folder's own segment is used when it indexes the
 * same articles in the same order; otherwise the segment is built here from the rows.
 */
import { htmlToWordText } from '../feed/htmlText';
import { buildSegment, type SearchDoc } from '../search/build';
import { ByteReader } from '../search/bytes';
import { readHeader, relabel } from '../search/format';
import { SegmentPart } from '../search/segment';
import { articleKey, isInlineBody } from '../model/article';
import type { ChunkArticle } from './chunks';
import type { FolioDb } from './FolioDb';
import { textBlockKeys } from './keys';
import type { CatalogChunkRecord, SegmentFileRef, SegmentRecord } from './records';

/** A segment that came with a shard from a feed folder. */
export interface IncomingSegment {
  meta: Uint8Array;
  /** Null when not fetched (over the size policy) or the shard has no bodies. */
  body: Uint8Array | null;
  bodyRef: SegmentFileRef | null;
}

export const segmentKey = (sourceId: string, shardKey: string): string => `${sourceId}/${shardKey}`;
/** `f` marks the feed folder's own segment, `b` a stored body part (else `m`, meta only). */
export const segmentRev = (chunk: string, body: boolean, feed: boolean): string => `${chunk}#${feed ? 'f' : ''}${body ? 'b' : 'm'}`;
export const isFeedRev = (rev: string): boolean => rev.slice(rev.lastIndexOf('#')).includes('f');
/** "source/2026-04@hash#b" → "source/2026-04". */
export const segmentKeyOfRev = (rev: string): string => rev.slice(0, rev.lastIndexOf('@'));
/** "source/2026-04@hash#b" → "source/2026-04@hash". */
export const chunkOfRev = (rev: string): string => rev.slice(0, rev.lastIndexOf('#'));

/** The feed's segment, relabelled for this source, or null when it does not index exactly `chunk`. */
function fromFeed(chunk: CatalogChunkRecord, given: IncomingSegment): { meta: Uint8Array; body: Uint8Array | null } | null {
  try {
    // The header first: a forged doc count must not size the arrays of a full parse.
    const header = readHeader(new ByteReader(given.meta));
    if (header.kind !== 'meta' || header.docCount !== chunk.ids.length) return null;
    const meta = new SegmentPart(given.meta);
    if (meta.header.kind !== 'meta' || !meta.ids.matches(chunk.ids)) return null;
    let body: Uint8Array | null = null;
    if (given.body) {
      const part = new SegmentPart(given.body);
      if (part.header.kind === 'body' && part.header.stamp === meta.header.stamp) body = relabel(given.body, { source: chunk.sourceId, key: chunk.shardKey });
    }
    return { meta: relabel(given.meta, { source: chunk.sourceId, key: chunk.shardKey }), body };
  } catch {
    // A damaged or foreign file: the rows are at hand, so build it instead.
    return null;
  }
}

/** Builds the search segment of one chunk from its rows; `bodies` maps article id to body HTML. */
export function segmentFor(
  chunk: CatalogChunkRecord,
  articles: readonly ChunkArticle[],
  bodies: ReadonlyMap<string, string>,
  given?: IncomingSegment,
): SegmentRecord {
  const feed = given ? fromFeed(chunk, given) : null;
  const built = feed ?? buildSegment(articles.map((a) => toDoc(a, bodies.get(a.id) ?? null)), { source: chunk.sourceId, key: chunk.shardKey });
  const bodyRef = feed && given ? given.bodyRef : null;
  return withMissing({
    key: segmentKey(chunk.sourceId, chunk.shardKey),
    sourceId: chunk.sourceId,
    shardKey: chunk.shardKey,
    chunk: chunk.key,
    rev: segmentRev(chunk.key, built.body !== null, feed !== null),
    meta: built.meta,
    body: built.body,
    hasBodies: articles.some((a) => a.bodyHref !== null),
    bodyRef,
  });
}

/** Sets `missingBody` from `body` and `bodyRef`. */
export function withMissing(segment: SegmentRecord): SegmentRecord {
  const { missingBody: _, ...rest } = segment;
  return segment.body === null && segment.bodyRef ? { ...rest, missingBody: segment.bodyRef.bytes } : rest;
}

/** What the index reads of an article: the benchmark's corpus is made by this too, so it indexes what the app does. */
export function toDoc(article: Pick<ChunkArticle, 'id' | 'title' | 'topics' | 'author' | 'summary'>, bodyHtml: string | null): SearchDoc {
  return {
    id: article.id,
    title: article.title,
    topics: article.topics,
    author: article.author,
    summary: article.summary,
    body: bodyHtml === null ? null : htmlToWordText(bodyHtml),
  };
}

/**
 * A chunk's articles as stored, rebuilt from the chunk's columns and its text blocks. The blocks are
 * read by key, not through the texts table's chunk index: Chromium read a 100k chunk's 28 blocks in
 * 73–83 ms through the index, and in 16–19 ms by key (`npx tsx bench/recordReads.ts`).
 */
export async function storedArticles(db: FolioDb, chunk: CatalogChunkRecord): Promise<(ChunkArticle | null)[]> {
  const blocks = await db.texts.bulkGet(textBlockKeys(chunk));
  return chunk.ids.map((id, i) => {
    const text = blocks[Math.floor(i / chunk.blockSize)]?.rows[i % chunk.blockSize];
    if (!text || text.id !== id) return null;
    const date = chunk.dates[i] ?? Number.NaN;
    const topics = Array.from(chunk.topicRefs.subarray(chunk.topicStarts[i] ?? 0, chunk.topicStarts[i + 1] ?? 0), (ref) => chunk.topicDict[ref] ?? '');
    return { ...text, date: Number.isNaN(date) ? null : date, dateOffset: chunk.offsets[i] ?? 0, topics, bodyBytes: chunk.bodyBytes[i] ?? 0 };
  });
}

/** Stored HTML of the articles whose body came inside their feed (never fetched copies). */
export async function inlineBodies(db: FolioDb, sourceId: string, articles: readonly ChunkArticle[]): Promise<Map<string, string>> {
  const inline = articles.filter((a) => isInlineBody(a.bodyHref));
  const rows = await db.bodies.bulkGet(inline.map((a) => articleKey(sourceId, a.id)));
  const out = new Map<string, string>();
  rows.forEach((row, i) => {
    const article = inline[i];
    if (row && article) out.set(article.id, row.html);
  });
  return out;
}
