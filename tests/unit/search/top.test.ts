import { describe, expect, it, vi } from 'vitest';
import { IdList } from '../../../src/lib/search/ids';
import { kthLargest } from '../../../src/lib/search/kth';
import { TopHits } from '../../../src/lib/search/top';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

describe('the best hits', () => {
  it('are those a full sort gives: fewer typos, then higher score, then earlier id', () => {
    const next = random(7);
    const segments = [0, 1, 2].map((s) => ({ key: `k${s}`, ids: Array.from({ length: 400 }, (_, d) => `id-${s}-${String(d).padStart(3, '0')}`) }));
    const all: { id: string; score: number; typos: number }[] = [];
    for (const limit of [1, 20, 64, 65, 333, 2000]) {
      const top = new TopHits(limit);
      all.length = 0;
      for (const s of segments) {
        const n = top.segment('blog', s.key, IdList.of(s.ids));
        for (let d = 0; d < s.ids.length; d += 1 + Math.floor(next() * 2)) {
          // Few distinct scores, so that ties fall to the id.
          const score = Math.floor(next() * 30) / 3;
          const typos = next() < 0.2 ? 1 : 0;
          top.offer(n, d, score, typos);
          all.push({ id: s.ids[d] as string, score, typos });
        }
        top.resolveTerms(n, (doc) => [`term-${s.key}-${doc}`]);
      }
      const expected = [...all].sort((a, b) => a.typos - b.typos || b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
      const hits = top.hits();
      expect(top.total).toBe(all.length);
      expect(hits.map(({ id, score, typos }) => ({ id, score, typos }))).toEqual(expected);
      expect(hits[0]?.terms).toEqual([`term-${hits[0]?.key}-${Number(hits[0]?.id.slice(-3))}`]);
    }
  });

  it('name each hit by its doc, and decode its id only when it is read', () => {
    const ids = IdList.of(['a', 'b', 'c']);
    const top = new TopHits(2);
    const n = top.segment('blog', '2026-03', ids);
    top.offer(n, 2, 5, 0);
    top.offer(n, 0, 9, 0);
    top.offer(n, 1, 1, 0);
    // Distinct scores: the ranking compares no ids, and the hits decode none until asked.
    const decode = vi.spyOn(ids, 'at');
    const hits = top.hits();
    expect(hits.map((h) => h.doc)).toEqual([0, 2]);
    expect(decode).not.toHaveBeenCalled();
    expect(hits.map((h) => h.id)).toEqual(['a', 'c']);
    expect(hits.map((h) => h.id)).toEqual(['a', 'c']);
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it('gives nothing when nothing was offered, and nothing beyond a limit of 0', () => {
    expect(new TopHits(20).hits()).toEqual([]);
    const top = new TopHits(0);
    top.offer(top.segment('blog', 'k', IdList.of(['a'])), 0, 1, 0);
    expect(top.hits()).toEqual([]);
    expect(top.total).toBe(1);
  });

  it('hand their arrays on when released: the next selection holds none of the last one’s matches', () => {
    const ids = Array.from({ length: 5000 }, (_, d) => `id-${String(d).padStart(4, '0')}`);
    const large = new TopHits(10);
    const seg = large.segment('blog', 'k', IdList.of(ids));
    for (let d = 0; d < ids.length; d++) large.offer(seg, d, d, 0);
    large.release();
    // Its answer stays; it takes no more matches.
    expect(large.hits().map((h) => h.id)).toEqual(ids.slice(-10).reverse());
    expect(() => large.offer(seg, 0, 1, 0)).toThrow('after release');
    const small = new TopHits(10);
    const next = small.segment('blog', 'k', IdList.of(ids));
    small.offer(next, 3, 0.5, 1);
    small.offer(next, 7, 0.25, 0);
    expect(small.total).toBe(2);
    expect(small.hits().map(({ id, typos }) => ({ id, typos }))).toEqual([
      { id: 'id-0007', typos: 0 },
      { id: 'id-0003', typos: 1 },
    ]);
  });
});

describe('a search abandoned part way', () => {
  it('hands its arrays on without selecting, and gives no hits after', () => {
    const ids = IdList.of(Array.from({ length: 5000 }, (_, d) => `id-${String(d).padStart(4, '0')}`));
    const abandoned = new TopHits(2000);
    const seg = abandoned.segment('blog', 'k', ids);
    // Rising scores: every match passes the cut, so the arrays grow to twice the limit.
    for (let d = 0; d < 5000; d++) abandoned.offer(seg, d, d, 0);
    abandoned.discard();
    expect(abandoned.hits()).toEqual([]);
    expect(() => abandoned.offer(seg, 0, 1, 0)).toThrow('after release');
    // The next selection starts with the abandoned one's grown arrays, not 64 entries.
    const next = new TopHits(10);
    const s2 = next.segment('blog', 'k', ids);
    next.offer(s2, 5, 1, 0);
    expect(next.total).toBe(1);
    expect(next.hits().map((h) => h.id)).toEqual(['id-0005']);
    expect((next as unknown as { score: Float64Array }).score.length).toBeGreaterThanOrEqual(4000);
  });
});

describe('the cut', () => {
  const kept = (top: TopHits) => (top as unknown as { kept: number }).kept;

  it('stores only matches that can still be among the best, and counts the rest', () => {
    const ids = IdList.of(Array.from({ length: 3000 }, (_, d) => `id-${String(d).padStart(4, '0')}`));
    const top = new TopHits(5);
    const seg = top.segment('blog', 'k', ids);
    // Falling scores: once 64 are kept and cut to 5, no later match is stored.
    for (let d = 0; d < 3000; d++) top.offer(seg, d, 3000 - d, d % 2);
    expect(top.total).toBe(3000);
    expect(kept(top)).toBeLessThan(64);
    expect(top.hits().map(({ id, typos }) => ({ id, typos }))).toEqual(
      [0, 2, 4, 6, 8].map((d) => ({ id: `id-${String(d).padStart(4, '0')}`, typos: 0 })),
    );
  });

  it('keeps every tie, so that ids still decide among equal scores', () => {
    const ids = Array.from({ length: 500 }, (_, d) => `id-${String(499 - d).padStart(3, '0')}`);
    const top = new TopHits(3);
    const seg = top.segment('blog', 'k', IdList.of(ids));
    for (let d = 0; d < ids.length; d++) top.offer(seg, d, 1, 0);
    expect(kept(top)).toBe(500);
    expect(top.hits().map((h) => h.id)).toEqual(['id-000', 'id-001', 'id-002']);
  });
});

describe('the k-th largest number', () => {
  it('is what a sort gives, ties and the ends included', () => {
    const next = random(11);
    for (const length of [1, 2, 7, 100, 1000]) {
      const values = Float64Array.from({ length }, () => Math.floor(next() * 50) / 7);
      const sorted = [...values].sort((a, b) => b - a);
      for (const k of [1, Math.ceil(length / 2), length]) expect(kthLargest(Float64Array.from(values), length, k)).toBe(sorted[k - 1]);
    }
    // Only the first `length` numbers count.
    expect(kthLargest(Float64Array.from([1, 5, 3, 99]), 3, 1)).toBe(5);
  });
});
