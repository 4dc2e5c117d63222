import type { SourceRef } from '../model/source';
import type { WorkerReply, WorkerRequest } from './protocol';

/** A sync the entry started before the app loaded: its reply, or null when the worker failed first. */
export interface HeadStart {
  sourceId: string;
  reply: Promise<Extract<WorkerReply, { ok: boolean }> | null>;
}

/** The worker, and the sync the entry started in it, if any. */
export interface StartedWorker {
  worker: Worker;
  headStart: HeadStart | null;
}

/**
 * The ingest worker's script is most of what a sync waits for as the app starts: the entry starts
 * it right after the first paint, while the app's own code loads, and the client takes it over.
 */
let ahead: StartedWorker | null = null;

/** The id of the sync the entry starts; the client numbers its own jobs after it. */
export const HEAD_START_JOB_ID = 0;

const spawn = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'folio-ingest' });

/** Posts the sync and listens for its answer beside whatever handler the client sets later. */
function headStart(worker: Worker, source: SourceRef): HeadStart {
  const reply = new Promise<Extract<WorkerReply, { ok: boolean }> | null>((resolve) => {
    const listen = (event: MessageEvent<WorkerReply>): void => {
      if (event.data.id !== HEAD_START_JOB_ID || 'progress' in event.data) return;
      worker.removeEventListener('message', listen);
      resolve(event.data);
    };
    worker.addEventListener('message', listen);
    worker.addEventListener('error', () => resolve(null), { once: true });
  });
  worker.postMessage({ id: HEAD_START_JOB_ID, job: { type: 'sync', source } } satisfies WorkerRequest);
  return { sourceId: source.id, reply };
}

/**
 * Starts the worker before the app needs it; nothing without worker support or with one waiting.
 * `sync`: a source to start syncing at once. A first visit, with nothing stored to compare with the
 * sources a reader knows, starts the bundled feed's sync this way rather than after the app has
 * loaded and read the empty store; the app's first sync of that source takes over its answer.
 */
export function startIngestWorker(sync?: SourceRef): void {
  if (typeof Worker === 'undefined' || ahead) return;
  const worker = spawn();
  const started: StartedWorker = { worker, headStart: sync ? headStart(worker, sync) : null };
  // A script that failed to load before the client took it over is not handed on: the client starts its own.
  worker.onerror = (event) => {
    event.preventDefault();
    if (ahead === started) ahead = null;
    worker.terminate();
  };
  ahead = started;
}

/** The worker started ahead, or a new one; null without worker support. */
export function takeIngestWorker(): StartedWorker | null {
  if (typeof Worker === 'undefined') return null;
  const started = ahead ?? { worker: spawn(), headStart: null };
  ahead = null;
  return started;
}
