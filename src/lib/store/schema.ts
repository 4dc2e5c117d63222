/**
 * Every schema Folio has shipped, oldest first. Append, never edit: a browser may still hold a
 * database made by any of them, and each has a test that opens one and upgrades it.
 */

/** The first release: one row per article, indexed for per-row queries. */
export const SCHEMA_V1 = {
  sources: 'id',
  articles: 'key, sourceId, date, *topics, shard',
  shards: 'key, sourceId',
  bodies: 'key',
  readerState: 'key, readAt, openedAt',
} as const;

/** Columnar catalogue chunks and text blocks (filled from v1 rows by the upgrade). */
export const SCHEMA_V2 = {
  catalog: 'key, sourceId',
  texts: 'key, chunk',
} as const;

/** Drops the per-article rows once v2 has copied them. */
export const SCHEMA_V3 = {
  articles: null,
  shards: null,
} as const;

/** Saved articles are listed by when they were saved. */
export const SCHEMA_V4 = {
  readerState: 'key, readAt, openedAt, savedAt',
} as const;

/**
 * Full-text search: one segment per (source, shard), holding its meta part and, when stored, its
 * body part. `rev` changes whenever either part does, so readers diff revisions, not bytes;
 * `missingBody` (the size of a body part left on the server) is summed without reading the parts.
 */
export const SCHEMA_V5 = {
  segments: 'key, sourceId, rev, missingBody',
} as const;

/** Catalogue chunks carry each date's offset (no index changes; the upgrade fills zeros, UTC). */
export const SCHEMA_V6 = {} as const;

/** The head record: the default list's first page as it last rendered, painted at start before the app loads. */
export const SCHEMA_V7 = {
  head: 'id',
} as const;

/** Sources keep their topic names as a Map (no index changes; the upgrade converts stored objects). */
export const SCHEMA_V8 = {} as const;
