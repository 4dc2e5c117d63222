/**
 * The ingest worker's script is most of what a sync waits for as the app starts: the entry starts
 * it right after the first paint, while the app's own code loads, and the client takes it over.
 */
let ahead: Worker | null = null;

const spawn = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'folio-ingest' });

/** Starts the worker before the app needs it; nothing without worker support or with one waiting. */
export function startIngestWorker(): void {
  if (typeof Worker === 'undefined' || ahead) return;
  const worker = spawn();
  // A script that failed to load before the client took it over is not handed on: the client starts its own.
  worker.onerror = (event) => {
    event.preventDefault();
    if (ahead === worker) ahead = null;
    worker.terminate();
  };
  ahead = worker;
}

/** The worker started ahead, or a new one; null without worker support. */
export function takeIngestWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  const worker = ahead ?? spawn();
  ahead = null;
  return worker;
}
