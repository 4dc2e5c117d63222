import { AppError } from '../model/error';
import type { SourceKind, SyncRequest } from '../model/source';
import type { SyncProgress, SyncResult } from '../model/sync';
import type { FolioDb } from '../store/FolioDb';
import type { Environment } from './environment';
import { syncFolder } from './folder';

/** How one kind of source is brought up to date. */
export interface SourceAdapter {
  sync(db: FolioDb, ref: SyncRequest, env: Environment, onProgress?: SyncProgress): Promise<SyncResult>;
}

/** Every kind of source, each read its own way; a new kind is one entry here. */
export const adapters = {
  folio: { sync: syncFolder },
  // A feed document brings its XML and HTML parsers: loaded by its first sync, not with the worker.
  feed: { sync: (db, ref, env) => import('./feedDocument').then(({ syncFeedUrl }) => syncFeedUrl(db, ref, env)) },
  file: {
    sync: () => Promise.reject(new AppError('format', 'A source added from a file is not synced: add the file again to update it.')),
  },
} satisfies Record<SourceKind, SourceAdapter>;

/** Syncs one source of any kind. Records from before sources had kinds are feed folders. */
export function syncAnySource(db: FolioDb, ref: SyncRequest, env: Environment, onProgress?: SyncProgress): Promise<SyncResult> {
  const adapter: SourceAdapter = adapters[ref.kind ?? 'folio'];
  return adapter.sync(db, ref, env, onProgress);
}
