import { afterEach, describe, expect, it, vi } from 'vitest';
import { IngestClient } from '../../../src/lib/ingest/client';
import { runJob } from '../../../src/lib/ingest/runJob';
import { startIngestWorker, takeIngestWorker } from '../../../src/lib/ingest/spawn';
import { openTestDb } from '../helpers/testDb';

describe('warming the ingest worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the open job opens the database, so the first sync does not wait for it', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const db = openTestDb();
    expect(db.isOpen()).toBe(false);
    expect(await runJob(db, { type: 'open' })).toBe(true);
    expect(db.isOpen()).toBe(true);
  });

  it('without worker support, warming loads nothing and runs nothing', () => {
    const db = openTestDb();
    expect(typeof Worker).toBe('undefined');
    new IngestClient(db).warm();
    expect(db.isOpen()).toBe(false);
  });

  it('a worker started ahead by the entry is the one the client takes, once', () => {
    const made: FakeWorker[] = [];
    class FakeWorker {
      onerror: ((event: { preventDefault(): void }) => void) | null = null;
      onmessage: unknown = null;
      terminated = false;
      readonly sent: unknown[] = [];
      constructor() {
        made.push(this);
      }
      postMessage(message: unknown): void {
        this.sent.push(message);
      }
      terminate(): void {
        this.terminated = true;
      }
    }
    vi.stubGlobal('Worker', FakeWorker);
    startIngestWorker();
    startIngestWorker();
    expect(made).toHaveLength(1);
    new IngestClient(openTestDb()).warm();
    expect(made).toHaveLength(1);
    expect(made[0]?.sent).toEqual([{ id: 1, job: { type: 'open' } }]);
    // Taken: the next client starts its own.
    expect(takeIngestWorker()?.worker).toBe(made[1]);
    expect(made).toHaveLength(2);

    // A script that failed before anyone took it is dropped, not handed on.
    startIngestWorker();
    made[2]?.onerror?.({ preventDefault: () => undefined });
    expect(made[2]?.terminated).toBe(true);
    expect(takeIngestWorker()?.worker).toBe(made[3]);
  });

  describe('a first visit’s sync, started with the worker', () => {
    const source = { id: 'default', kind: 'folio' as const, feedUrl: 'https://example.test/feed/' };
    const result = { sourceId: 'default', title: 'Field Notes', added: 3, removed: 0, refreshed: 0, shardsFetched: 1, articleCount: 3, syncedAt: 1 };
    class MessagingWorker extends EventTarget {
      static made: MessagingWorker[] = [];
      onerror: ((event: { preventDefault(): void }) => void) | null = null;
      onmessage: ((event: MessageEvent) => void) | null = null;
      readonly sent: { id: number; job: { type: string } }[] = [];
      constructor() {
        super();
        MessagingWorker.made.push(this);
      }
      postMessage(message: { id: number; job: { type: string } }): void {
        this.sent.push(message);
      }
      terminate(): void {}
      /** A reply from the worker, to every listener, as a browser delivers it. */
      reply(data: unknown): void {
        const event = new MessageEvent('message', { data });
        this.dispatchEvent(event);
        this.onmessage?.(event);
      }
    }
    const syncs = (worker: MessagingWorker | undefined) => worker?.sent.filter((m) => m.job.type === 'sync') ?? [];

    it('posts the sync as the worker starts, and the client’s first sync of that source takes its answer', async () => {
      MessagingWorker.made = [];
      vi.stubGlobal('Worker', MessagingWorker);
      startIngestWorker(source);
      const worker = MessagingWorker.made[0];
      expect(worker?.sent).toEqual([{ id: 0, job: { type: 'sync', source } }]);
      const client = new IngestClient(openTestDb());
      client.warm();
      const synced = client.sync(source);
      worker?.reply({ id: 0, ok: true, result });
      expect(await synced).toEqual(result);
      // No second sync was asked of the worker; a later one is, as usual.
      expect(syncs(worker)).toHaveLength(1);
      void client.sync(source);
      expect(syncs(worker).map((m) => m.id)).toEqual([0, 2]);
    });

    it('a sync of another source, or one after a failed start, is the client’s own', async () => {
      MessagingWorker.made = [];
      vi.stubGlobal('Worker', MessagingWorker);
      startIngestWorker(source);
      const worker = MessagingWorker.made[0];
      const client = new IngestClient(openTestDb());
      void client.sync({ ...source, id: 'other' });
      expect(syncs(worker).map((m) => m.id)).toEqual([0, 1]);
      const synced = client.sync(source);
      worker?.reply({ id: 0, ok: false, kind: 'offline', message: 'Could not reach the feed' });
      await vi.waitFor(() => expect(syncs(worker).map((m) => m.id)).toEqual([0, 1, 2]));
      worker?.reply({ id: 2, ok: true, result });
      expect(await synced).toEqual(result);
    });
  });
});
