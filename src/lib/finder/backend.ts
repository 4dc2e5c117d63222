/**
 * The page's side of search: `createSearchBackend()` costs nothing until the first query, or the
 * search box's focus (`prepare`), starts the search worker (its code, the index and Dexie's reads
 * load only then).
 */
import type { SearchBackend, SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';
import type { FinderReply, FinderRequest } from './protocol';

interface Port {
  postMessage(message: FinderRequest): void;
  onmessage: ((event: MessageEvent<FinderReply>) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
}

const spawnWorker = (): Port => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'folio-search' });

type Call = { method: 'search'; request: SearchRequest } | { method: 'snippets'; request: SnippetRequest } | { method: 'cancel'; search: number };

/**
 * Searches go to the worker one at a time. One whose `signal` aborts (the reader typed on and
 * nothing shows its answer any more) is dropped: never sent if it still waits here, and cancelled
 * in the worker if it runs there, which abandons it at its next pause. So a fast typist's last
 * words are searched at once, not after every stale search before them.
 */
export function createSearchBackend(spawn: () => Port = spawnWorker): SearchBackend {
  let port: Port | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const waitingSearches: { request: SearchRequest; signal: AbortSignal | undefined; resolve: (value: SearchResponse) => void; reject: (error: Error) => void }[] = [];
  let searching = false;

  const connect = (): Port => {
    if (port) return port;
    const started = spawn();
    started.onmessage = ({ data }) => {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if (!waiting) return;
      if (data.ok) waiting.resolve(data.result);
      else waiting.reject(new Error(`Search failed: ${data.message}`));
    };
    // A worker that cannot start or dies fails what waits on it; the next call starts a new one.
    started.onerror = (event) => {
      event.preventDefault();
      for (const waiting of pending.values()) waiting.reject(new Error(`Search stopped: ${event.message || 'the search worker failed'}`));
      pending.clear();
      port = null;
    };
    return (port = started);
  };

  /** Sends a call; its answer settles `promise`, unless `drop` is called first. */
  const call = (message: Call) => {
    const target = connect();
    const id = nextId++;
    let drop = (): void => undefined;
    const promise = new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      drop = () => {
        if (!pending.delete(id)) return;
        target.postMessage({ id: nextId++, method: 'cancel', search: id });
        reject(abortError());
      };
      target.postMessage({ ...message, id });
    });
    return { promise, drop };
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
    const { promise, drop } = call({ method: 'search', request: next.request });
    next.signal?.addEventListener('abort', drop, { once: true });
    (promise as Promise<SearchResponse>).then(next.resolve, next.reject).finally(() => {
      next.signal?.removeEventListener('abort', drop);
      searching = false;
      nextSearch();
    });
  };

  return {
    search: (request: SearchRequest, signal?: AbortSignal) =>
      new Promise<SearchResponse>((resolve, reject) => {
        waitingSearches.push({ request, signal, resolve, reject });
        nextSearch();
      }),
    snippets: (request: SnippetRequest) => call({ method: 'snippets', request }).promise as Promise<Record<string, Snippet | null>>,
    prepare: () => connect().postMessage({ id: nextId++, method: 'prepare' }),
  };
}

const abortError = (): Error => new DOMException('A newer search replaced this one', 'AbortError');
