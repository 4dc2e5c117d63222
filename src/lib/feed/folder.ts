/**
 * The Folio feed folder format, version 3 (version 2 is version 3 without revisions and deltas, and
 * version 1 is version 2 without search segments).
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
/** Shard files are still version 1. */
export const FEED_VERSION = 1;
/**
 * The manifest's version: 2 adds `search` to shard refs, 3 adds `revision` and `deltas`. Readers
 * take 1, 2 and 3.
 */
export const MANIFEST_VERSION = 3;
export const MANIFEST_VERSIONS = [1, 2, 3] as const;
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
  /** Version 3: goes up by one with each build that changes an article; 0 for older folders. */
  revision?: number;
  /** Version 3: delta files from earlier revisions, oldest first; each goes one revision further. */
  deltas?: FeedDeltaRef[];
}

/** A delta file listed by the manifest: what changed from revision `from` to revision `to`. */
export interface FeedDeltaRef extends FeedBodyRef {
  from: number;
  to: number;
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

export interface FeedShard {
  format: typeof SHARD_FORMAT;
  version: typeof FEED_VERSION;
  /** Should equal the manifest's key for it; when it does not, the manifest's key wins (validate.ts readShard). */
  key: string;
  /** Newest first. */
  articles: FeedArticle[];
}
