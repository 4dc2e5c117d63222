import { describe, expect, it } from 'vitest';
import { workerPool } from '../../../cli/buildPool';
import { StaleOutput, type MonthTask } from '../../../cli/monthTask';

const month = (oldShards: MonthTask['oldShards'], posts: MonthTask['posts']): MonthTask => ({ type: 'month', month: '2026-04', posts, oldShards, changes: false, root: '/nowhere', termsFile: null, defaultAuthor: null });

// Starting workers that load TypeScript takes seconds on a busy machine.
describe('the worker pool', { timeout: 60_000 }, () => {
  it('gives a file system error back with its code, and a stale folder as StaleOutput', async () => {
    const pool = workerPool(1);
    try {
      const missing = pool.run(month([{ file: '/nowhere/index/2026-04.json', key: '2026-04', href: 'index/2026-04.json', hash: '0' }], [{ id: 'a' }]));
      await expect(missing).rejects.toMatchObject({ code: 'ENOENT' });
      const stale = pool.run(month([], [{ id: 'a' }]));
      await expect(stale).rejects.toBeInstanceOf(StaleOutput);
    } finally {
      await pool.close();
    }
  });
});
