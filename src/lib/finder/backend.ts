/**
 * The page's side of search: `createSearchBackend()` costs nothing until the first query, which
 * starts the search worker (its code, the index and Dexie's reads load only then).
 */
import type { SearchBackend, SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';
import type { FinderReply, FinderRequest } from './protocol';

interface Port {
  postMessage(message: FinderRequest): void;
  onmessage: ((event: MessageEvent<FinderReply>) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
}

const spawnWorker = (): Port => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'folio-search' });

/**
 * Searches go to the worker one at a time, and a search still waiting when its `signal` aborts
 * (the reader typed on and nothing shows its answer any more) is never sent: a fast typist's
 * keystrokes do not queue up stale searches ahead of the one on screen.
 */
export function createSearchBackend(spawn: () => Port = spawnWorker): SearchBackend {
  let port: Port | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const waitingSearches: { request: SearchRequest; signal: AbortSignal | undefined; resolve: (value: SearchResponse) => void; reject: (error: Error) => void }[] = [];
  let searching = false;

  const call = (message: Omit<FinderRequest, 'id'>): Promise<unknown> => {
    if (!port) {
      port = spawn();
      port.onmessage = ({ data }) => {
        const waiting = pending.get(data.id);
        pending.delete(data.id);
        if (!waiting) return;
        if (data.ok) waiting.resolve(data.result);
        else waiting.reject(new Error(`Search failed: ${data.message}`));
      };
      // A worker that cannot start or dies fails what waits on it; the next call starts a new one.
      port.onerror = (event) => {
        event.preventDefault();
        for (const waiting of pending.values()) waiting.reject(new Error(`Search stopped: ${event.message || 'the search worker failed'}`));
        pending.clear();
        port = null;
      };
    }
    const id = nextId++;
    const target = port;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ ...message, id } as FinderRequest);
    });
  };

  const nextSearch = (): void => {
    if (searching) return;
    const next = waitingSearches.shift();
    if (!next) return;
    if (next.signal?.aborted) {
      next.reject(abortError());
      nextSearch();
      return;
    }
    searching = true;
    const done = () => {
      searching = false;
      nextSearch();
    };
    (call({ method: 'search', request: next.request }) as Promise<SearchResponse>).then(next.resolve, next.reject).finally(done);
  };

  return {
    search: (request: SearchRequest, signal?: AbortSignal) =>
      new Promise<SearchResponse>((resolve, reject) => {
        waitingSearches.push({ request, signal, resolve, reject });
        nextSearch();
      }),
    snippets: (request: SnippetRequest) => call({ method: 'snippets', request }) as Promise<Record<string, Snippet | null>>,
  };
}

const abortError = (): Error => new DOMException('A newer search replaced this one', 'AbortError');
