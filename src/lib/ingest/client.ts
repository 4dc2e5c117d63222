import { AppError } from '../model/error';
import type { SyncRequest } from '../model/source';
import type { SyncResult } from '../model/sync';
import type { FolioDb } from '../store/FolioDb';
import type { BodyRequest, BodyResult } from './storedBody';
import type { DownloadItem, DownloadOutcome, DownloadProgress } from '../model/download';
import type { Job, JobResult, WorkerReply } from './protocol';
import type { JobContext } from './runJob';
import type { SearchBodiesResult } from './searchBodies';
import { takeIngestWorker } from './spawn';

interface Pending {
  resolve: (result: JobResult) => void;
  reject: (error: AppError) => void;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadRequest {
  queue: readonly DownloadItem[];
  feedUrls: Record<string, string>;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * Sends every write that needs the network (syncs, imports, body fetches and downloads) and
 * source removals to a Web Worker, so parsing and storing never block the page; the page sees
 * the changes through Dexie's change notifications. Without worker support the same code runs
 * in the page, loaded only then. The worker starts on the first job or on `warm()`, never on import,
 * unless the entry started it ahead (spawn.ts).
 */
export class IngestClient {
  readonly #db: FolioDb;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  /**
   * Starts the worker and opens its database now, so the first sync does not wait for either. The
   * app calls it as it starts, after the first paint; without worker support it does nothing.
   */
  warm(): void {
    if (typeof Worker === 'undefined') return;
    void this.#run({ type: 'open' }).catch(() => undefined);
  }

  sync(source: SyncRequest): Promise<SyncResult> {
    const { id, kind, feedUrl, seen, textFirst, article } = source;
    const hints = { ...(seen ? { seen } : {}), ...(textFirst ? { textFirst } : {}), ...(article === undefined ? {} : { article }) };
    return this.#run({ type: 'sync', source: { id, kind, feedUrl, ...hints } }) as Promise<SyncResult>;
  }

  addUrl(url: string): Promise<SyncResult> {
    return this.#run({ type: 'add-url', url }) as Promise<SyncResult>;
  }

  addFile(name: string, bytes: Uint8Array): Promise<SyncResult> {
    return this.#run({ type: 'add-file', name, bytes }) as Promise<SyncResult>;
  }

  remove(sourceId: string): Promise<number> {
    return this.#run({ type: 'remove', sourceId }) as Promise<number>;
  }

  loadBody(request: BodyRequest): Promise<BodyResult> {
    const { key, bodyHref, bodyHash, url, feedUrl } = request;
    return this.#run({ type: 'body', request: { key, bodyHref, bodyHash, url, feedUrl } }) as Promise<BodyResult>;
  }

  download(request: DownloadRequest): Promise<DownloadOutcome> {
    const { queue, feedUrls, concurrency, signal, onProgress } = request;
    return this.#run({ type: 'download', queue: [...queue], feedUrls, concurrency }, { signal, onProgress }) as Promise<DownloadOutcome>;
  }

  removeCopies(keys: readonly string[]): Promise<number> {
    return this.#run({ type: 'remove-copies', keys: [...keys] }) as Promise<number>;
  }

  storeSearchBodies(): Promise<SearchBodiesResult> {
    return this.#run({ type: 'search-bodies' }) as Promise<SearchBodiesResult>;
  }

  #run(job: Job, context: JobContext = {}): Promise<JobResult> {
    const worker = this.#ensureWorker();
    if (!worker) return import('./runJob').then(({ runJob }) => runJob(this.#db, job, context));
    const id = this.#nextId++;
    context.signal?.addEventListener('abort', () => worker.postMessage({ id, cancel: true }), { once: true });
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress: context.onProgress });
      worker.postMessage({ id, job });
    });
  }

  #ensureWorker(): Worker | null {
    if (this.#worker) return this.#worker;
    const worker = takeIngestWorker();
    if (!worker) return null;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll(new AppError('unknown', `The background worker stopped: ${event.message || 'unknown error'}`));
      this.#worker = null;
    };
    this.#worker = worker;
    return worker;
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if ('progress' in reply) return pending.onProgress?.(reply.progress);
    this.#pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new AppError(reply.kind, reply.message));
  }

  #failAll(error: AppError): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
