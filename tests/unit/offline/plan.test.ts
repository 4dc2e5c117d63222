import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/lib/display/bytes';
import type { DownloadItem } from '../../../src/lib/model/download';
import { planItems } from '../../../src/lib/offline/plan';

const item = (id: string, bytes: number, hash = 'h1'): DownloadItem => ({ key: `default/${id}`, sourceId: 'default', href: `bodies/${id}.${hash}.html`, hash, bytes });

describe('planItems', () => {
  const a = item('a', 100);
  const b = item('b', 200, 'h2');
  const c = item('c', 300);
  const storedAs = (stored: Map<string, string>) => (i: DownloadItem) => stored.get(i.key) === i.hash;

  it('queues everything when nothing is stored', () => {
    const plan = planItems([a, b, c], storedAs(new Map()));
    expect(plan.queue.map((i) => i.key)).toEqual(['default/a', 'default/b', 'default/c']);
    expect(plan).toMatchObject({ articles: 3, alreadyStored: 0, bytesToFetch: 600, bytesTotal: 600 });
  });

  it('skips bodies stored with the current hash and re-queues a stale one', () => {
    const plan = planItems([a, b, c], storedAs(new Map([['default/a', 'h1'], ['default/b', 'h1']])));
    expect(plan.queue.map((i) => i.key)).toEqual(['default/b', 'default/c']);
    expect(plan).toMatchObject({ articles: 3, alreadyStored: 1, bytesToFetch: 500, bytesTotal: 600 });
  });

  it('counts an item listed twice once', () => {
    expect(planItems([a, a], storedAs(new Map()))).toMatchObject({ articles: 1, bytesTotal: 100, queue: [expect.anything()] });
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
