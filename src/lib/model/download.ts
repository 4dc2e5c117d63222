import type { AppErrorKind } from './error';

/** One body to fetch: where it lives, which hash it is stored under, and its size from the feed. */
export interface DownloadItem {
  key: string;
  sourceId: string;
  href: string;
  hash: string;
  bytes: number;
  /** The article's address, against which the body's relative links resolve (absent in jobs saved by older releases). */
  url?: string;
}

export interface DownloadProgress {
  /** Items stored (or found already stored). */
  done: number;
  total: number;
  /** Bytes actually received; may differ a little from the feed's sizes in bytesTotal. */
  bytesDone: number;
  bytesTotal: number;
  /** Items the server did not have (e.g. 404); the run goes on without them. */
  failed: number;
}

export interface DownloadOutcome {
  status: 'complete' | 'cancelled' | 'failed';
  done: number;
  failed: number;
  /** Plain data, not an Error: outcomes cross from the worker, where an Error would lose its kind. */
  error?: { kind: AppErrorKind; message: string };
}
