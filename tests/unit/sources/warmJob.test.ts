import { afterEach, describe, expect, it, vi } from 'vitest';
import { IngestClient } from '../../../src/lib/ingest/client';
import { runJob } from '../../../src/lib/ingest/runJob';
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
});
