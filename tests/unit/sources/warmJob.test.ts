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
    expect(takeIngestWorker()).toBe(made[1]);
    expect(made).toHaveLength(2);

    // A script that failed before anyone took it is dropped, not handed on.
    startIngestWorker();
    made[2]?.onerror?.({ preventDefault: () => undefined });
    expect(made[2]?.terminated).toBe(true);
    expect(takeIngestWorker()).toBe(made[3]);
  });
});
