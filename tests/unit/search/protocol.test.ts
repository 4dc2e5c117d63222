import { describe, expect, it } from 'vitest';
import { packResponse, transfers, type FoundResponse } from '../../../src/lib/finder/protocol';

const found: FoundResponse = {
  // Keys hold whatever a feed's ids hold; only the chunk and row of each hit cross.
  hits: [
    { key: 'blog/posts/a/b', chunk: 'blog/2026-03@h1', row: 4, score: 12.5, typos: 0 },
    { key: 'rss/line\nbreak', chunk: 'rss/all@h2', row: 0, score: 3.25, typos: 1 },
    { key: 'blog/c', chunk: 'blog/2026-03@h1', row: 826, score: 1e-9, typos: 2 },
    { key: 'blog/🦀 crab', chunk: 'blog/~overlay@r7', row: 1, score: 0, typos: 0 },
  ],
  total: 5_454,
  coverage: 'partial',
  terms: ['kubernetes'],
  suggestions: [],
};

describe('search answers between the threads', () => {
  it('name each hit by its chunk (each chunk once) and row, in rank order, with the rest as found', () => {
    const { hits, ...rest } = packResponse(found);
    expect(hits.chunks).toEqual(['blog/2026-03@h1', 'rss/all@h2', 'blog/~overlay@r7']);
    expect(Array.from(hits.chunkOf)).toEqual([0, 1, 0, 2]);
    expect(Array.from(hits.rows)).toEqual([4, 0, 826, 1]);
    expect(rest).toEqual({ total: 5_454, coverage: 'partial', terms: ['kubernetes'], suggestions: [] });
    expect(packResponse({ ...found, hits: [] }).hits).toEqual({ chunks: [], chunkOf: new Uint32Array(), rows: new Uint32Array() });
  });

  it('cross as two typed arrays, which move rather than copy', () => {
    const packed = packResponse(found);
    const moved = transfers(packed);
    expect(moved).toHaveLength(2);
    const clone = structuredClone(packed, { transfer: moved });
    expect(packed.hits.rows.byteLength).toBe(0);
    expect(Array.from(clone.hits.rows)).toEqual([4, 0, 826, 1]);
    expect(clone.hits.chunks).toEqual(['blog/2026-03@h1', 'rss/all@h2', 'blog/~overlay@r7']);
  });
});
