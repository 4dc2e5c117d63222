/** The search worker: queries never run on the page's thread. A thin adapter over Finder. */
import { FolioDb } from '../store/FolioDb';
import { Finder } from './finder';
import { fetchMissingBodies } from './onDemand';
import type { FinderReply, FinderRequest } from './protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<FinderRequest>) => void) | null;
  postMessage(message: FinderReply): void;
}

const scope = self as unknown as WorkerScope;
const db = new FolioDb();
const finder = new Finder(db);
let fetching: Promise<number> | null = null;

async function answer(message: FinderRequest): Promise<FinderReply> {
  try {
    if (message.method === 'snippets') return { id: message.id, ok: true, result: await finder.snippets(message.request) };
    const result = await finder.search(message.request);
    if (result.coverage !== 'full' && navigator.onLine && !fetching) {
      fetching = fetchMissingBodies(finder, db, fetch).finally(() => (fetching = null));
    }
    return { id: message.id, ok: true, result };
  } catch (error) {
    return { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

scope.onmessage = (event) => {
  void answer(event.data).then((reply) => scope.postMessage(reply));
};
