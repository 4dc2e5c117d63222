import type { AppErrorKind } from '../model/error';
import type { SyncRequest } from '../model/source';
import type { SyncResult } from '../model/sync';
import type { SearchBodiesResult } from './searchBodies';
import type { BodyRequest, BodyResult } from './storedBody';
import type { DownloadItem, DownloadOutcome, DownloadProgress } from '../model/download';

/** Work the page hands to the ingest worker. Everything here is plain data. */
export type Job =
  /** Opens the database, so the first real job does not wait for it. */
  | { type: 'open' }
  | { type: 'sync'; source: SyncRequest }
  | { type: 'add-url'; url: string }
  /** The file's bytes: its declared or sniffed encoding decides the text, as for a download. */
  | { type: 'add-file'; name: string; bytes: Uint8Array }
  | { type: 'remove'; sourceId: string }
  | { type: 'body'; request: BodyRequest }
  | { type: 'download'; queue: DownloadItem[]; feedUrls: Record<string, string>; concurrency?: number }
  | { type: 'remove-copies'; keys: string[] }
  /** Store the search index's body parts the device lacks. */
  | { type: 'search-bodies' };

/** What each job answers with. */
export interface JobResults {
  open: true;
  sync: SyncResult;
  'add-url': SyncResult;
  'add-file': SyncResult;
  remove: number;
  body: BodyResult;
  download: DownloadOutcome;
  'remove-copies': number;
  'search-bodies': SearchBodiesResult;
}

export type JobResult = JobResults[Job['type']];

/** A job, or the cancelling of a running one (only downloads listen). */
export type WorkerRequest = { id: number; job: Job } | { id: number; cancel: true };

export type WorkerReply =
  | { id: number; ok: true; result: JobResult }
  | { id: number; ok: false; kind: AppErrorKind; message: string }
  | { id: number; progress: DownloadProgress };

/** One write per source at a time across tabs and workers; a second waits, then finds little to do. */
export const syncLockName = (sourceId: string): string => `folio-sync:${sourceId}`;

/** One body download at a time across tabs, so two tabs resuming the same job never fetch twice. */
export const DOWNLOAD_LOCK = 'folio-download';
