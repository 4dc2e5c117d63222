/** Row types of the Folio database. Feed data and reader data live in separate tables. */
import type { FeedShardRef } from '../feed/folder';
import type { ArticleText } from '../model/article';
import type { TocEntry } from '../model/body';
import type { HeadRecord } from '../model/head';
import type { ReaderMarks } from '../model/readerState';


/**
 * One feed shard's article metadata, stored column by column: what the list filters and counts
 * on. A whole catalogue of 100k articles loads as ~100 of these rows in milliseconds, where 100k
 * row objects would take seconds. Display text lives in TextBlockRecords, read a page at a time.
 */
export interface CatalogChunkRecord {
  /** `${sourceId}/${shardKey}@${hash}`: new content gets a new key, so readers diff keys, not rows. */
  key: string;
  sourceId: string;
  shardKey: string;
  /** The feed shard's content hash. */
  hash: string;
  count: number;
  /** Article ids within the source, in shard order (newest first). */
  ids: string[];
  /** Epoch ms (UTC); NaN when the feed has no usable date. */
  dates: Float64Array;
  /** Minutes east of UTC each date was written in (the author's day is date + offset); 0 when unknown. */
  offsets: Int16Array;
  /** Topic slugs used in this chunk; topicRefs index into it. */
  topicDict: string[];
  /** Article i's topics are topicRefs[topicStarts[i] .. topicStarts[i + 1]). */
  topicStarts: Uint32Array;
  topicRefs: Uint32Array;
  /** Body size in bytes from the feed; hasBody is 0 for a link-only article. */
  bodyBytes: Uint32Array;
  hasBody: Uint8Array;
  /** Articles per text block: article i's text is in block floor(i / blockSize). */
  blockSize: number;
  /** Set on a source's overlay chunk only (store/overlay.ts): its rows replace the shards' copies. */
  overlay?: OverlayInfo;
}

/**
 * What a source's overlay chunk holds besides its rows: the deltas since the revision its shards are
 * stored at, composed. Its rows are the articles changed or added since then; they and `removed`
 * hide the shards' rows with the same ids.
 */
export interface OverlayInfo {
  /** The revision the source's shard chunks are at. */
  from: number;
  /** The revision the overlay brings the source to. */
  to: number;
  /** Per row, the shard its article is in as of `to`. */
  shardOf: string[];
  /** Ids removed since `from`. */
  removed: string[];
  /** The shards changed or added since `from`, as of `to`. */
  shards: FeedShardRef[];
  dropped: string[];
  /** The hashes at `from` of the shards that existed then. */
  before: { key: string; hash: string }[];
}

/** A run of consecutive articles' display text from one chunk. */
export interface TextBlockRecord {
  /** `${chunk key}#${block number}`. */
  key: string;
  /** The CatalogChunkRecord key. */
  chunk: string;
  rows: ArticleText[];
}

export interface BodyRecord {
  /** Article key. */
  key: string;
  /** Feed hash of the stored copy; differs from the article's bodyHash when the feed has a newer one. */
  hash: string;
  /** Sanitised and bounded by the worker when `sanitizer` is set; older releases stored the feed's HTML. */
  html: string;
  toc?: TocEntry[];
  /** The feed's body went past a limit and was cut. */
  cut?: boolean;
  /** The sanitiser version that wrote `html` (BODY_SANITIZER_VERSION); absent before there was one. */
  sanitizer?: number;
  storedAt: number;
}

/** A content-hashed file of a feed folder that was not stored: where it is and its size. */
export interface SegmentFileRef {
  href: string;
  hash: string;
  bytes: number;
}

/**
 * One shard's search segment (src/lib/search format): exactly the articles of the chunk it names,
 * in chunk order, written in the same transaction as that chunk.
 */
export interface SegmentRecord {
  /** `${sourceId}/${shardKey}`. */
  key: string;
  sourceId: string;
  shardKey: string;
  /** The CatalogChunkRecord key (with the shard hash) whose rows it indexes. */
  chunk: string;
  /** `${chunk}#m`, `#b` (body part stored), `#fm`, `#fb` (the feed folder's own): changes whenever a part does. */
  rev: string;
  /** Titles, topics, authors and summaries. */
  meta: Uint8Array;
  /** Body text, or null when not stored (too large, not fetched) or no article has a body. */
  body: Uint8Array | null;
  /** Some article of the shard has a body: without a body part, its search covers less. */
  hasBodies: boolean;
  /** The feed folder's body part (stored or not), for an on-demand fetch. */
  bodyRef: SegmentFileRef | null;
  /** bodyRef's size while `body` is null, else absent (so the index holds only missing parts). */
  missingBody?: number;
}

/** What the reader did. A sync never writes here. */
export type ReaderStateRecord = ReaderMarks;

/** The head record, kept in one row (`HEAD_ROW_ID`): a cache of what the default list last showed. */
export interface HeadRow {
  id: string;
  record: HeadRecord;
}
