import type { FolioDb } from '../store/FolioDb';
import type { SourceRef } from './sources';
import type { SyncJob, SyncJobResults, SyncReply } from './protocol';
import { SyncError } from '../model/error';
import type { SyncResult } from '../model/sync';

type Pending = { resolve: (result: SyncJobResults[SyncJob['type']]) => void; reject: (error: SyncError) => void };

/**
 * Sends syncs, imports and removals to a Web Worker, so parsing and storing never block the
 * page; the page sees the changes through Dexie's change notifications. Without worker support
 * the same code runs in the page, loaded only then.
 */
export class SyncClient {
  readonly #db: FolioDb;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  sync(source: SourceRef): Promise<SyncResult> {
    return this.#run({ type: 'sync', source: { id: source.id, kind: source.kind, feedUrl: source.feedUrl } }) as Promise<SyncResult>;
  }

  addUrl(url: string): Promise<SyncResult> {
    return this.#run({ type: 'add-url', url }) as Promise<SyncResult>;
  }

  addFile(name: string, text: string): Promise<SyncResult> {
    return this.#run({ type: 'add-file', name, text }) as Promise<SyncResult>;
  }

  remove(sourceId: string): Promise<number> {
    return this.#run({ type: 'remove', sourceId }) as Promise<number>;
  }

  #run(job: SyncJob): Promise<SyncJobResults[SyncJob['type']]> {
    const worker = this.#ensureWorker();
    if (!worker) return import('./runJob').then(({ runJob }) => runJob(this.#db, job));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  #ensureWorker(): Worker | null {
    if (this.#worker || typeof Worker === 'undefined') return this.#worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'folio-sync' });
    worker.onmessage = (event: MessageEvent<SyncReply>) => this.#settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll(new SyncError('unknown', `The sync worker stopped: ${event.message || 'unknown error'}`));
      this.#worker = null;
    };
    this.#worker = worker;
    return worker;
  }

  #settle(reply: SyncReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new SyncError(reply.kind, reply.message));
  }

  #failAll(error: SyncError): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
