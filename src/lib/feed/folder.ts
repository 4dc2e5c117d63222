/**
 * The Folio feed folder format, version 4 (version 3 is version 4 with only full-record shards,
 * version 2 is version 3 without revisions and deltas, and version 1 is version 2 without search segments).
 *
 *   feed/manifest.json              FeedManifest: the only mutable file
 *   feed/index/<key>.<hash>.json    FeedShard: article metadata, one shard per month of publication
 *   feed/bodies/<id>.<hash>.html    rendered article body (HTML, sanitised by the reader at display time)
 *   feed/search/<key>.<hash>.meta   the shard's search segment, meta part (src/lib/search format v1)
 *   feed/search/<key>.<hash>.body   its body part, when any article of the shard has a body
 *   feed/deltas/<from>-<to>.<hash>.json  FeedDelta: what changed from one revision to the next
 *
 * Shard and body names carry a content hash, so they are immutable and cacheable forever; a reader
 * compares hashes with what it stored and fetches only what changed.
 */

export const FEED_FORMAT = 'folio-feed';
export const SHARD_FORMAT = 'folio-feed-shard';
/** Shard files of full article records (FeedShard), as every folder before version 4 has them. */
export const FEED_VERSION = 1;
/** Columnar shard files (FeedColumnShard), which version 4 builders write. */
export const COLUMN_SHARD_VERSION = 2;
/**
 * The manifest's version: 2 adds `search` to shard refs, 3 adds `revision` and `deltas`, 4 allows
 * columnar shards. Readers take 1 to 4.
 */
export const MANIFEST_VERSION = 4;
export const MANIFEST_VERSIONS = [1, 2, 3, 4] as const;
export const DELTA_FORMAT = 'folio-feed-delta';
export const DELTA_VERSION = 1;

export interface FeedTopic {
  /** Hugo tag slug: lower-cased, spaces and runs of punctuation as hyphens. */
  slug: string;
  /** Display name: the spelling used most often in the source. */
  name: string;
  count: number;
}

export interface FeedShardRef {
  /** "2026-04" (year-month of publication, UTC), "undated", with "-2", "-3"… when a month overflows. */
  key: string;
  /** Relative to the feed folder, e.g. "index/2026-04.3f9a0c1d2e4b5a69.json". */
  href: string;
  /** First 16 hex digits of the SHA-256 of the shard file's bytes. */
  hash: string;
  count: number;
  /** The shard's search segment (version 2); absent in older folders, where the reader builds it. */
  search?: FeedSearchRef;
}

/** A shard's search segment: its meta part is fetched with the shard, its body part by policy. */
export interface FeedSearchRef {
  meta: FeedBodyRef;
  /** Null when no article of the shard has a body. */
  body: FeedBodyRef | null;
}

export interface FeedManifest {
  format: typeof FEED_FORMAT;
  version: (typeof MANIFEST_VERSIONS)[number];
  title: string;
  description: string;
  /** The blog's home page, or null. */
  homepage: string | null;
  language: string;
  /** Default author for articles that name none. */
  author: string | null;
  /** ISO 8601 UTC. */
  generatedAt: string;
  articleCount: number;
  /** Sorted by count, descending, then slug. */
  topics: FeedTopic[];
  /** Newest first; each key once (a manifest that repeats one is refused). */
  shards: FeedShardRef[];
  /** Version 3 and later: goes up by one with each build that changes an article; 0 for older folders. */
  revision?: number;
  /** Version 3 and later: delta files from earlier revisions, oldest first; each goes one revision further. */
  deltas?: FeedDeltaRef[];
}

/** A delta file listed by the manifest: what changed from revision `from` to revision `to`. */
export interface FeedDeltaRef extends FeedBodyRef {
  from: number;
  to: number;
  /**
   * Optional: the delta's articles indexed for search, in the order a reader's overlay holds them
   * (newest first, then by id), as `deltas/<from>-<to>.<hash>.meta` and `.body` parts. A reader
   * that applies this one delta alone stores it rather than indexing the articles again.
   */
  search?: FeedSearchRef;
}

/** One article of a delta, with the key of the shard it now belongs to. */
export interface FeedDeltaArticle {
  shard: string;
  article: FeedArticle;
}

/**
 * `deltas/<from>-<to>.<hash>.json`: the articles that are new or changed (full records, as in
 * shards), the ids removed, and the refs of every shard that changed or is new; `dropped` names
 * shard keys gone from the manifest. Applying it to the articles of revision `from` gives exactly
 * the shards of revision `to`.
 */
export interface FeedDelta {
  format: typeof DELTA_FORMAT;
  version: typeof DELTA_VERSION;
  from: number;
  to: number;
  articles: FeedDeltaArticle[];
  removed: string[];
  shards: FeedShardRef[];
  dropped: string[];
  /**
   * The hashes at `from` of the shards this delta changes or drops (new shards are not listed): a
   * reader applies it only over exactly these, so a reader that holds other shards fetches them.
   */
  before: { key: string; hash: string }[];
}

/** A content-hashed file of the folder: a body, or a search segment's part. */
export interface FeedBodyRef {
  /** Relative to the feed folder, e.g. "bodies/my-post.8c1f0e7a9b2d3c4e.html". */
  href: string;
  /** First 16 hex digits of the SHA-256 of the body file's bytes. */
  hash: string;
  bytes: number;
}

export interface FeedArticle {
  /** Stable within its source and unique in it; URL- and file-safe: [a-z0-9._-], 1-200 characters, never "." or "..". */
  id: string;
  slug: string;
  /**
   * Absolute http(s) link to the original post, or "" when the source gives none that resolves (a
   * Hugo folder built without a base URL, a relative link in a file read without one). "" is the
   * only "no link" value: never a relative or non-http link (validate.ts blanks those).
   */
  url: string;
  title: string;
  /** ISO 8601 UTC (e.g. "2026-04-03T21:01:12.593Z"), or null when the source has no usable date. */
  date: string | null;
  /**
   * Minutes east of UTC that the author wrote the date in ("-05:00" → -300), so readers see the
   * author's calendar day, as Hugo shows it. Absent means 0 (folders made before it keep working).
   */
  dateOffset?: number;
  /** Topic slugs, in source order, without duplicates. */
  topics: string[];
  author: string | null;
  /** Plain text. */
  summary: string;
  /** True when the summary is a cut of a longer body (the list shows an ellipsis). */
  summaryTruncated: boolean;
  words: number;
  readingMinutes: number;
  /** Null for an article whose body the feed does not carry (the reader links to the original). */
  body: FeedBodyRef | null;
}

/** A shard as read: its articles expanded into full records, whichever version its file is. */
export interface FeedShard {
  format: typeof SHARD_FORMAT;
  version: typeof FEED_VERSION | typeof COLUMN_SHARD_VERSION;
  /** Should equal the manifest's key for it; when it does not, the manifest's key wins (validate.ts readShard). */
  key: string;
  /** Newest first. */
  articles: FeedArticle[];
}

/** Row index (as a JSON key) → value, for the rows whose value differs from the column's default. */
export type SparseColumn<T> = Record<string, T>;

/**
 * A columnar shard file (version 2): one array per field, one entry per article, newest first, so
 * no key is repeated and gzip finds more to share. A shard is self-contained (its URL pattern and
 * topic table are its own) because it is content-hashed and kept across builds, while the manifest
 * changes with each. A dense column that is absent reads as the field absent from every article.
 */
export interface FeedColumnShard {
  format: typeof SHARD_FORMAT;
  version: typeof COLUMN_SHARD_VERSION;
  key: string;
  /** An article's URL when `columns.url` does not name it: every "{slug}" replaced by its slug. */
  urlTemplate?: string;
  /** Topic slugs, and authors, that `columns.topics` and `columns.author` index. */
  topics: string[];
  authors: string[];
  columns: {
    id: string[];
    title: string[];
    date: (string | null)[];
    /** Indexes into `topics`. */
    topics: number[][];
    /** An index into `authors`, or null. */
    author: (number | null)[];
    summary: string[];
    /** 1 when true; absent when no summary is cut. */
    summaryTruncated?: (0 | 1)[];
    words: number[];
    /** [hash, bytes] of `bodies/<id>.<hash>.html`, or null for a link-only article. */
    body: ([string, number] | null)[];
    /** Default: the id. */
    slug?: SparseColumn<string>;
    /** Default: `urlTemplate` with the slug, else "". */
    url?: SparseColumn<string>;
    /** Only articles that carry one (0 included). */
    dateOffset?: SparseColumn<number>;
    /** Default: Hugo's reading time for the words (normalize.ts readingMinutes). */
    readingMinutes?: SparseColumn<number>;
    /** Default: `bodies/<id>.<hash>.html`. */
    bodyHref?: SparseColumn<string>;
  };
}
