/** What one sync or import of a source did. */
export interface SyncResult {
  sourceId: string;
  added: number;
  removed: number;
  /** Articles rewritten because their shard changed (edited or unchanged neighbours). */
  refreshed: number;
  shardsFetched: number;
  /** Feed folder deltas fetched instead of shards. */
  deltasFetched?: number;
  articleCount: number;
  syncedAt: number;
  /** The source's title as its feed gives it. */
  title?: string;
  /** For an add: the source was already there, so this updated it. */
  existed?: boolean;
  /** List and taxonomy pages in the feed, skipped as not articles. */
  listPages?: number;
}

/** Called after each write, so a long first sync can show how far it has come. */
export type SyncProgress = (done: { shards: number; ofShards: number }) => void;
