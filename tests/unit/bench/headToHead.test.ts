import { describe, expect, it } from 'vitest';
import { fastestPeer, rematchOrder, summarise, type HeadToHeadRun } from '../../../bench/search/headToHead';

const run = (engine: HeadToHeadRun['engine'], p95: number): HeadToHeadRun => ({ engine, p50: p95 / 2, p95, speedMs: 250 });

describe('search peers head to head', () => {
  it('picks the Node peer with the lowest p95, never Folio or Pagefind, and none without a figure', () => {
    const results = [
      { engine: 'folio', p95: 0.1 },
      { engine: 'pagefind', p95: 0.01 },
      { engine: 'minisearch', p95: 4.8 },
      { engine: 'flexsearch', p95: 0.12 },
      { engine: 'fuse', p95: undefined },
    ];
    expect(fastestPeer(results)).toBe('flexsearch');
    expect(fastestPeer([{ engine: 'folio', p95: 0.1 }, { engine: 'fuse', p95: Number.NaN }])).toBeNull();
  });

  it('alternates which of the two runs first', () => {
    expect(rematchOrder('flexsearch', 3)).toEqual(['flexsearch', 'folio', 'folio', 'flexsearch', 'flexsearch', 'folio']);
    expect(rematchOrder('flexsearch', 0)).toEqual([]);
  });

  it('takes each engine’s median p95 over all its runs and counts the pairs Folio wins', () => {
    const runs = [run('folio', 0.24), run('flexsearch', 0.26), run('flexsearch', 0.1), run('folio', 0.22), run('folio', 0.3), run('flexsearch', 0.12)];
    const h = summarise('flexsearch', runs);
    expect(h.medianP95).toEqual({ folio: 0.24, peer: 0.12 });
    expect(h.pairs).toBe(3);
    expect(h.folioAhead).toBe(1);
    expect(h.runs).toHaveLength(6);
  });
});
