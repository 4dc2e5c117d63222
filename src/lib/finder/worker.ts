/** The search worker: queries never run on the page's thread. A thin adapter over Finder. */
import type { SearchCoverage } from '../model/search';
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

/**
 * How long the reader must leave the box before a body part is fetched: longer than a pause between
 * keys, shorter than a look at the results.
 */
const QUIET_MS = 400;

/** While online, fetches the body parts the index lacks: one round at a time. */
function fetchMissing(coverage: SearchCoverage): void {
  if (coverage === 'full' || !navigator.onLine || fetching) return;
  // Each part joins between searches: one arriving mid-search would make it start again.
  const attach = (key: string, chunk: string, bytes: Uint8Array) => searches.between(() => finder.segments.attachBody(key, chunk, bytes));
  const ready = () => searches.quiet(QUIET_MS);
  fetching = fetchMissingBodies(finder.segments, db, fetch, attach, ready).finally(() => (fetching = null));
}

/** Loads the index ahead of the first search; a failure is left for that search to report. */
async function prepare(): Promise<null> {
  await finder.segments.refresh().then(() => fetchMissing(finder.segments.coverage()), () => undefined);
  return null;
}

async function answer(message: Exclude<FinderRequest, { method: 'cancel' }>): Promise<{ reply: FinderReply; transfer?: Transferable[] } | null> {
  try {
    if (message.method === 'prepare') {
      searches.expectSearches();
      return await prepare();
    }
    if (message.method === 'snippets') return { reply: { id: message.id, ok: true, result: await finder.snippets(message.request) } };
    const asked = performance.now();
    const result = await searches.run(message.id, (pause) => finder.search(message.request, pause));
    // Each search as the worker saw it, answered or cancelled: its end is when the quiet before a download starts.
    performance.measure('folio:worker-search', { start: asked });
    if (result === null) return null;
    fetchMissing(result.coverage);
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
