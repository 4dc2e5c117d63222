import { describe, expect, it } from 'vitest';
import { packResponse, transfers, unpackResponse } from '../../../src/lib/finder/protocol';
import type { SearchResponse } from '../../../src/lib/model/search';

const response: SearchResponse = {
  // Keys hold whatever a feed's ids hold: slashes, new lines, emoji, nothing after the source.
  hits: [
    { key: 'blog/posts/a/b', score: 12.5, typos: 0 },
    { key: 'rss/line\nbreak', score: 3.25, typos: 1 },
    { key: 'x/🦀 crab', score: 1e-9, typos: 2 },
    { key: 'y/', score: 0, typos: 0 },
  ],
  total: 5_454,
  coverage: 'partial',
  terms: ['kubernetes'],
  suggestions: [],
};

describe('search answers between the threads', () => {
  it('unpack gives back exactly what was packed', () => {
    const packed = packResponse(response);
    expect(unpackResponse(packed)).toEqual(response);
    // The same after a structured clone, as postMessage makes one.
    expect(unpackResponse(structuredClone(packed))).toEqual(response);
    expect(unpackResponse(packResponse({ ...response, hits: [] })).hits).toEqual([]);
  });

  it('crosses as one string and three typed arrays, which move rather than copy', () => {
    const packed = packResponse(response);
    expect(typeof packed.hits.keys).toBe('string');
    expect(Array.from(packed.hits.ends)).toEqual([14, 28, 37, 39]);
    const moved = transfers(packed);
    expect(moved).toHaveLength(3);
    const clone = structuredClone(packed, { transfer: moved });
    expect(packed.hits.scores.byteLength).toBe(0);
    expect(unpackResponse(clone)).toEqual(response);
  });
});
