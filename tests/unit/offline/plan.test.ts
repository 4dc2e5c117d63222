import { describe, expect, it } from 'vitest';
import { formatBytes, planDownload } from '../../../src/lib/offline/plan';
import { bodyArticle } from '../helpers/offline';

describe('planDownload', () => {
  const a = bodyArticle('a', { bodyBytes: 100 });
  const b = bodyArticle('b', { bodyBytes: 200, bodyHash: 'h2' });
  const c = bodyArticle('c', { bodyBytes: 300 });
  const linkOnly = bodyArticle('l', { bodyHref: null, bodyHash: null, bodyBytes: 0 });

  it('queues everything with a body when nothing is stored', () => {
    const plan = planDownload([a, b, c], new Map());
    expect(plan.queue.map((i) => i.key)).toEqual(['default/a', 'default/b', 'default/c']);
    expect(plan.queue[1]).toEqual({ key: 'default/b', sourceId: 'default', href: 'bodies/b.h2.html', hash: 'h2', bytes: 200 });
    expect(plan).toMatchObject({ articles: 3, alreadyStored: 0, bytesToFetch: 600, bytesTotal: 600 });
  });

  it('skips bodies stored with the current hash and re-queues a stale one', () => {
    const plan = planDownload([a, b, c], new Map([['default/a', 'h1'], ['default/b', 'h1']]));
    expect(plan.queue.map((i) => i.key)).toEqual(['default/b', 'default/c']);
    expect(plan).toMatchObject({ articles: 3, alreadyStored: 1, bytesToFetch: 500, bytesTotal: 600 });
  });

  it('leaves link-only articles out of every count', () => {
    const plan = planDownload([linkOnly, a], new Map());
    expect(plan).toEqual({ queue: [expect.objectContaining({ key: 'default/a' })], articles: 1, alreadyStored: 0, bytesToFetch: 100, bytesTotal: 100 });
    expect(planDownload([linkOnly], new Map())).toEqual({ queue: [], articles: 0, alreadyStored: 0, bytesToFetch: 0, bytesTotal: 0 });
  });

  it('counts an article listed twice once', () => {
    expect(planDownload([a, a], new Map())).toMatchObject({ articles: 1, bytesTotal: 100, queue: [expect.anything()] });
  });
});

describe('formatBytes', () => {
  it('uses decimal units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 KB');
    expect(formatBytes(12_345)).toBe('12.3 KB');
    expect(formatBytes(4_500_000)).toBe('4.5 MB');
    expect(formatBytes(1_234_567_890)).toBe('1.2 GB');
  });

  it('does not show "1000.0 KB" and treats nonsense as zero', () => {
    expect(formatBytes(999_960)).toBe('1.0 MB');
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});
