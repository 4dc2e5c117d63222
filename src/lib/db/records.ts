/** Row types of the Folio database. Feed data and reader data live in separate tables. */

export interface SourceRecord {
  /** "default" for the bundled feed; later sources get ids of their own. */
  id: string;
  /** Absolute URL of the feed folder, ending in "/". */
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

export interface ArticleRecord {
  /** `${sourceId}/${id}`: unique across sources. */
  key: string;
  sourceId: string;
  id: string;
  slug: string;
  url: string;
  title: string;
  /** Epoch ms (UTC), or null when the feed has no usable date. */
  date: number | null;
  topics: string[];
  author: string | null;
  summary: string;
  summaryTruncated: boolean;
  words: number;
  readingMinutes: number;
  /** Body location and hash from the feed, or null for a link-only article. */
  bodyHref: string | null;
  bodyHash: string | null;
  bodyBytes: number;
  /** `${sourceId}/${shard key}`: which feed shard this row came from. */
  shard: string;
}

/** A feed shard already stored: a sync refetches a shard only when its hash changes. */
export interface ShardRecord {
  /** `${sourceId}/${shard key}`. */
  key: string;
  sourceId: string;
  hash: string;
  count: number;
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
