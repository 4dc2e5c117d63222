/** Row types of the Folio database. Feed data and reader data live in separate tables. */
import type { ArticleText } from '../model/article';
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
  html: string;
  storedAt: number;
}

/** What the reader did. A sync never writes here. */
export type ReaderStateRecord = ReaderMarks;
