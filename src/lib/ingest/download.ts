import type { DownloadItem, DownloadOutcome, DownloadProgress } from '../model/download';
import type { AppError } from '../model/error';
import type { FolioDb } from '../store/FolioDb';
import { readBody, storeBody } from '../store/bodies';
import { cleanBody } from '../html/clean';
import { fetchBody } from './bodyFile';
import { toAppError } from './errors';
import type { Fetch } from './fetchLimited';

export interface DownloadOptions {
  /** Source id → its feed folder's address, against which body hrefs resolve. */
  feedUrls: Readonly<Record<string, string>>;
  fetcher?: Fetch;
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

const encoder = new TextEncoder();

/**
 * Fetches and stores bodies, each written as soon as it arrives so a reload or a dropped
 * network keeps what came in. Workers share one cursor, so each item is fetched at most once.
 * Cancelling (the signal) starts nothing new and lets the bodies already on their way arrive
 * and be stored, so a cancelled run followed by a new one never requests a body twice.
 * Resolves (never rejects): cancelled via the signal, failed on a network or storage error.
 */
export async function downloadBodies(db: FolioDb, items: readonly DownloadItem[], options: DownloadOptions): Promise<DownloadOutcome> {
  const { feedUrls, fetcher = fetch, signal, onProgress } = options;
  const queue = uniqueByKey(items);
  const progress: DownloadProgress = {
    done: 0,
    total: queue.length,
    bytesDone: 0,
    bytesTotal: queue.reduce((sum, item) => sum + item.bytes, 0),
    failed: 0,
  };
  // Aborted by the first fatal error only, so the other in-flight fetches stop too.
  const run = new AbortController();
  const stopped = () => run.signal.aborted || signal?.aborted === true;
  // An object, so the check after the workers sees what they wrote.
  const state: { fatal: AppError | null } = { fatal: null };

  // Every request of this run carries the run's signal next to fetchBody's own timeout.
  const runFetch: Fetch = (input, init) =>
    fetcher(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, run.signal]) : run.signal });

  const report = () => onProgress?.({ ...progress });

  async function fetchOne(item: DownloadItem): Promise<void> {
    // Opened in the reader (or another tab) since the plan was made: do not fetch it again.
    const stored = await readBody(db, item.key);
    if (stored?.hash === item.hash) {
      progress.done += 1;
      progress.bytesDone += encoder.encode(stored.html).byteLength;
      return;
    }
    const html = await fetchBody(runFetch, new URL(item.href, feedUrls[item.sourceId] ?? ''));
    await storeBody(db, item.key, item.hash, cleanBody(html, item.url ?? ''));
    progress.done += 1;
    progress.bytesDone += encoder.encode(html).byteLength;
  }

  let next = 0;
  async function worker(): Promise<void> {
    while (!stopped() && next < queue.length) {
      const item = queue[next++];
      if (item === undefined) break;
      try {
        await fetchOne(item);
      } catch (error) {
        // Errors caused by another worker's fatal error are not failures of their own.
        if (run.signal.aborted) return;
        const syncError = toAppError(error, 'the article');
        if (syncError.kind === 'http') {
          progress.failed += 1;
        } else {
          state.fatal = syncError;
          run.abort(syncError);
          return;
        }
      }
      report();
    }
  }

  report();
  const workers = Math.max(1, Math.min(Math.floor(options.concurrency ?? 4), queue.length));
  if (queue.length > 0) await Promise.all(Array.from({ length: workers }, () => worker()));

  const { done, failed } = progress;
  if (state.fatal !== null) return { status: 'failed', done, failed, error: { kind: state.fatal.kind, message: state.fatal.message } };
  if (signal?.aborted && next < queue.length) return { status: 'cancelled', done, failed };
  return { status: 'complete', done, failed };
}

function uniqueByKey(items: readonly DownloadItem[]): DownloadItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.key)) return false;
    seen.add(item.key);
    return true;
  });
}
