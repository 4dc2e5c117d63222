/** A feed folder to sync into the store under a source id. */
export interface SourceTarget {
  id: string;
  /** Absolute URL of the feed folder, ending in "/". */
  feedUrl: string;
}

export interface SyncResult {
  sourceId: string;
  added: number;
  removed: number;
  /** Articles rewritten because their shard changed (edited or unchanged neighbours). */
  refreshed: number;
  shardsFetched: number;
  articleCount: number;
  syncedAt: number;
}

/** Called after each write, so a long first sync can show how far it has come. */
export type SyncProgress = (done: { shards: number; ofShards: number }) => void;
