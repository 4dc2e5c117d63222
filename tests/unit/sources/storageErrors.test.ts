import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../../src/lib/ingest/errors';

describe('storage failures as the reader reads them', () => {
  it('a write whose transaction aborted on a failing disk is a storage error, not a cancelled fetch', () => {
    const failed = new Dexie.AbortError('Transaction aborted', new DOMException('Internal error committing transaction.', 'UnknownError'));
    const error = toAppError(failed, 'the article');
    expect(error.kind).toBe('storage');
    expect(error.message).toMatch(/could not save the articles: its storage may be full or failing/);
  });

  it('a quota error inside an aborted transaction is storage full', () => {
    const full = new Dexie.AbortError('Transaction aborted', new DOMException('full', 'QuotaExceededError'));
    expect(toAppError(full, 'the article').kind).toBe('storage-full');
  });

  it('a fetch cancelled by its signal is still a cancellation', () => {
    expect(toAppError(new DOMException('The operation was aborted.', 'AbortError'), 'the article')).toMatchObject({
      kind: 'timeout',
      message: 'Fetching the article was cancelled.',
    });
  });
});
