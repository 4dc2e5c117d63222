/** The search worker: queries never run on the page's thread. A thin adapter over Finder. */
import { FolioDb } from '../store/FolioDb';
import { Finder } from './finder';
import { fetchMissingBodies } from './onDemand';
import { packResponse, transfers, type FinderReply, type FinderRequest } from './protocol';
import { SearchQueue } from './queue';

interface WorkerScope {
  onmessage: ((event: MessageEvent<FinderRequest>) => void) | null;
  postMessage(message: FinderReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const db = new FolioDb();
const finder = new Finder(db);
const searches = new SearchQueue();
let fetching: Promise<number> | null = null;

async function answer(message: Exclude<FinderRequest, { method: 'cancel' }>): Promise<{ reply: FinderReply; transfer?: Transferable[] } | null> {
  try {
    if (message.method === 'snippets') return { reply: { id: message.id, ok: true, result: await finder.snippets(message.request) } };
    const result = await searches.run(message.id, (pause) => finder.search(message.request, pause));
    if (result === null) return null;
    if (result.coverage !== 'full' && navigator.onLine && !fetching) {
      // Each part joins between searches: one arriving mid-search would make it start again.
      const attach = (key: string, chunk: string, bytes: Uint8Array) => searches.between(() => finder.attachBody(key, chunk, bytes));
      fetching = fetchMissingBodies(finder, db, fetch, attach).finally(() => (fetching = null));
    }
    const packed = packResponse(result);
    return { reply: { id: message.id, ok: true, result: packed }, transfer: transfers(packed) };
  } catch (error) {
    return { reply: { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) } };
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.method === 'cancel') return searches.cancel(message.search);
  void answer(message).then((answered) => answered && scope.postMessage(answered.reply, answered.transfer));
};
