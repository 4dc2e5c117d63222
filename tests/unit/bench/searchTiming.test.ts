import { describe, expect, it } from 'vitest';
import { percentiles, queryLatency, warmRoundsAfter, type Timed } from '../../../bench/search/timing';

const round = (...ms: number[]): Timed[] => ms.map((m, i) => ({ kind: i % 2 === 0 ? 'one-word' : 'typo', ms: m }));

describe('search peers timing', () => {
  it('takes each query at the median of its warm rounds, so one slow timing does not set the p95', () => {
    const cold = round(50, 60, 70, 80);
    const warm = [round(1, 2, 3, 40), round(1, 2, 3, 4), round(9, 2, 3, 4)];
    const latency = queryLatency(cold, warm);
    expect(latency.all).toEqual({ p50: 2, p95: 4, max: 4, samples: 4 });
    expect(latency.secondRound.max).toBe(40);
    expect(latency.cold.max).toBe(80);
    expect(latency.firstQueryMs).toBe(50);
    expect(latency.warmRounds).toBe(3);
    expect(latency.byKind['typo']).toEqual({ p50: 2, p95: 4, max: 4, samples: 2 });
  });

  it('averages the middle two of an even number of rounds', () => {
    expect(queryLatency(round(9), [round(1), round(3)]).all.p50).toBe(2);
  });

  it('falls back to the cold round when no warm round fits the budget', () => {
    const cold = round(30_000, 40_000);
    const latency = queryLatency(cold, []);
    expect(latency.all).toEqual(latency.cold);
    expect(latency.secondRound).toEqual(latency.cold);
    expect(latency.warmRounds).toBe(0);
  });

  it('runs up to five warm rounds within about a minute', () => {
    expect(warmRoundsAfter(5)).toBe(5);
    expect(warmRoundsAfter(20_000)).toBe(3);
    expect(warmRoundsAfter(59_000)).toBe(1);
    expect(warmRoundsAfter(61_000)).toBe(0);
  });

  it('reads percentiles as the nearest rank', () => {
    const samples = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(percentiles(samples)).toEqual({ p50: 20, p95: 38, max: 40, samples: 40 });
  });
});
