/** Runs syncs and downloads off the main thread: fetching, parsing and storing never freeze the list. */
import { FolioDb } from '../store/FolioDb';
import type { DownloadProgress } from '../model/download';
import { toAppError } from './errors';
import type { WorkerReply, WorkerRequest } from './protocol';
import { runJob } from './runJob';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const db = new FolioDb();
const running = new Map<number, AbortController>();

async function run(id: number, request: Extract<WorkerRequest, { job: unknown }>): Promise<WorkerReply> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const onProgress = (progress: DownloadProgress) => scope.postMessage({ id, progress });
    return { id, ok: true, result: await runJob(db, request.job, { signal: controller.signal, onProgress }) };
  } catch (error) {
    const failure = toAppError(error, 'the feed');
    return { id, ok: false, kind: failure.kind, message: failure.message };
  } finally {
    running.delete(id);
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if ('cancel' in request) running.get(request.id)?.abort();
  else void run(request.id, request).then((reply) => scope.postMessage(reply));
};
