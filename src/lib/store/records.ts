/** Row types of the Folio database. Feed data and reader data live in separate tables. */

/**
 * How a source is read: a Folio feed folder (manifest + shards), one feed document at a URL
 * (RSS, Atom, JSON Feed, Hugo index), or a file the reader picked (never re-fetched).
 * Records from before sources could be added have no kind: they are feed folders.
 */
export type SourceKind = 'folio' | 'feed' | 'file';

export interface SourceRecord {
  /** "default" for the bundled feed; added sources get ids of their own. */
  id: string;
  kind?: SourceKind;
  /** Absolute URL of the feed folder (ending in "/"), of the feed document, or the file's name. */
  feedUrl: string;
  title: string;
  description: string;
  homepage: string | null;
  author: string | null;
  /** Topic slug → display name, from the feed manifest. */
  topicNames: Record<string, string>;
  articleCount: number;
  feedGeneratedAt: string | null;
  /** Epoch ms of the last sync that completed, or null before the first. */
  lastSyncedAt: number | null;
}

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

/** The display fields of one article. */
export interface ArticleText {
  id: string;
  slug: string;
  url: string;
  title: string;
  author: string | null;
  /** Plain text. */
  summary: string;
  summaryTruncated: boolean;
  words: number;
  readingMinutes: number;
  bodyHref: string | null;
  bodyHash: string | null;
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
export interface ReaderStateRecord {
  /** Article key. */
  key: string;
  readAt: number | null;
  openedAt: number | null;
}
