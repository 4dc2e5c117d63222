import type { FolioDb } from '../store/FolioDb';
import { removeOfflineCopies } from '../store/bodies';
import { removeSource } from '../store/sources';
import { syncAnySource } from './adapters';
import type { DownloadProgress } from '../model/download';
import { articleTexts } from './articleTexts';
import { fetchBodyAhead } from './bodyFile';
import { browserEnvironment } from './environment';
import { DOWNLOAD_LOCK, syncLockName, type Job, type JobResult } from './protocol';
import { storeSearchBodies } from './searchBodies';

// A feed by URL or file and a body from the web bring their parsers and sanitiser: loaded by the
// first such job, so the worker a first sync waits for compiles only the feed folder's code.
const sources = () => import('./sources');
const webBodies = () => import('./bodies');
/** The sanitiser, which the bodies' code imports: asked for beside it, not once it has loaded. */
const cleaner = () => import('../html/clean');
const downloads = () => import('./download');

function locked<T>(name: string, run: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks.request(name, run) : run();
}

/** How a running job reports back: downloads send progress and stop when cancelled. */
export interface JobContext {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

/** Runs one job against the database: in the ingest worker, or in the page where workers are missing. */
export async function runJob(db: FolioDb, job: Job, context: JobContext = {}): Promise<JobResult> {
  const env = browserEnvironment();
  switch (job.type) {
    case 'open':
      return db.open().then(() => true as const);
    case 'sync':
      return locked(syncLockName(job.source.id), () => syncAnySource(db, job.source, env));
    case 'add-url':
      return sources().then(({ addSourceByUrl }) => addSourceByUrl(db, job.url, env));
    case 'add-file': {
      const [{ addSourceFromFile }, { decodeFeedBytes }] = await Promise.all([sources(), import('../feed/formats/decode')]);
      return addSourceFromFile(db, job.name, decodeFeedBytes(job.bytes), env.now());
    }
    case 'remove':
      return locked(syncLockName(job.sourceId), () => removeSource(db, job.sourceId));
    case 'body': {
      // The file, the stored copy and both chunks of code at once: one after another, they kept a
      // reader who opened an article during a first sync waiting through each in turn.
      const ended = articleTexts.started();
      try {
        const ahead = fetchBodyAhead(job.request);
        const [{ loadBody }] = await Promise.all([webBodies(), cleaner()]);
        return await loadBody(db, job.request, fetch, ahead);
      } finally {
        ended();
      }
    }
    case 'download':
      return locked(DOWNLOAD_LOCK, async () => {
        const { downloadBodies } = await downloads();
        return downloadBodies(db, job.queue, { feedUrls: job.feedUrls, concurrency: job.concurrency, signal: context.signal, onProgress: context.onProgress });
      });
    case 'remove-copies':
      return removeOfflineCopies(db, job.keys);
    case 'search-bodies':
      return locked(DOWNLOAD_LOCK, () => storeSearchBodies(db, env));
  }
}
