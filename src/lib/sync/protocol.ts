import type { SyncErrorKind } from './syncError';
import type { SourceTarget, SyncResult } from './types';

/** Messages between the page and the sync worker. */
export interface SyncRequest {
  id: number;
  source: SourceTarget;
}

export type SyncReply =
  | { id: number; ok: true; result: SyncResult }
  | { id: number; ok: false; kind: SyncErrorKind; message: string };

/** One sync per source at a time across tabs and workers; a second waits, then finds little to do. */
export const syncLockName = (sourceId: string): string => `folio-sync:${sourceId}`;
