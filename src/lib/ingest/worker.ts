/** Runs syncs off the main thread: fetching, parsing and storing 100k articles never freezes the list. */
import { FolioDb } from '../store/FolioDb';
import { toSyncError } from './errors';
import type { SyncReply, SyncRequest } from './protocol';
import { runJob } from './runJob';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SyncRequest>) => void) | null;
  postMessage(message: SyncReply): void;
}

const scope = self as unknown as WorkerScope;
const db = new FolioDb();

async function run(request: SyncRequest): Promise<SyncReply> {
  try {
    return { id: request.id, ok: true, result: await runJob(db, request.job) };
  } catch (error) {
    const failure = toSyncError(error, 'the feed');
    return { id: request.id, ok: false, kind: failure.kind, message: failure.message };
  }
}

scope.onmessage = (event) => {
  void run(event.data).then((reply) => scope.postMessage(reply));
};
