import { describe, expect, it } from 'vitest';
import { checkFolderCase, folderCases } from '../../corpus/folders';

describe('hostile feed folders: read sanely or refused with a FeedFormatError', () => {
  it.each(folderCases().map((c) => [c.name, c] as const))('%s', { timeout: 30_000 }, (_name, c) => {
    expect(checkFolderCase(c)).toBe(c.expect === 'parse' ? 'parsed' : 'rejected');
  });
});
