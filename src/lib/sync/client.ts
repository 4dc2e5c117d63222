import type { FolioDb } from '../db/FolioDb';
import { SyncError } from './syncError';
import type { SyncReply } from './protocol';
import type { SourceTarget, SyncResult } from './types';

type Pending = { resolve: (result: SyncResult) => void; reject: (error: SyncError) => void };

/**
 * Sends syncs to a Web Worker, so parsing and storing never block the page; the page sees the
 * new articles through Dexie's change notifications. Without worker support it syncs in place.
 */
export class SyncClient {
  readonly #db: FolioDb;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  sync(source: SourceTarget): Promise<SyncResult> {
    const worker = this.#ensureWorker();
    // Without workers, sync in the page; the code loads only then.
    if (!worker) return import('./syncSource').then(({ syncSource }) => syncSource(this.#db, source));
    const id = this.#nextId++;
    return new Promise<SyncResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, source: { id: source.id, feedUrl: source.feedUrl } });
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
