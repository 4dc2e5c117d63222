import type { SourceRef } from './sources';
import type { SyncErrorKind } from '../model/error';
import type { SyncResult } from '../model/sync';

/** Work the page hands to the sync worker. */
export type SyncJob =
  | { type: 'sync'; source: SourceRef }
  | { type: 'add-url'; url: string }
  | { type: 'add-file'; name: string; text: string }
  | { type: 'remove'; sourceId: string };

/** What each job answers with. */
export interface SyncJobResults {
  sync: SyncResult;
  'add-url': SyncResult;
  'add-file': SyncResult;
  remove: number;
}

export interface SyncRequest {
  id: number;
  job: SyncJob;
}

export type SyncReply =
  | { id: number; ok: true; result: SyncJobResults[SyncJob['type']] }
  | { id: number; ok: false; kind: SyncErrorKind; message: string };

/** One write per source at a time across tabs and workers; a second waits, then finds little to do. */
export const syncLockName = (sourceId: string): string => `folio-sync:${sourceId}`;
