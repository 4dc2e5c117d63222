/**
 * How every engine's queries are timed, the same way in Node and in Chromium: the mix once cold,
 * then up to WARM_ROUNDS more. A query's steady time is the median of its warm rounds, so one slow
 * timing (code still being compiled, the machine busy for a moment) does not decide a p95 of 40.
 */
import { quantile } from '../report';

export interface Latency {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

export interface Timed {
  kind: string;
  ms: number;
}

export interface QueryLatency {
  /** Steady state: per query, the median of its warm rounds. */
  all: Latency;
  byKind: Record<string, Latency>;
  /** The second round alone, each query timed once: the measure of runs before 2026-12-07 midday. */
  secondRound: Latency;
  cold: Latency;
  firstQueryMs: number;
  /** Warm rounds timed (0: the cold round took over the budget and is the one used). */
  warmRounds: number;
}

const WARM_ROUNDS = 5;
/** The warm rounds of a slow engine stop once about this much time has gone to them. */
const WARM_BUDGET_MS = 60_000;

export function percentiles(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN, samples: s.length };
}

/** How many warm rounds to run after a cold round that took `coldMs`. */
export function warmRoundsAfter(coldMs: number): number {
  return Math.max(0, Math.min(WARM_ROUNDS, Math.floor(WARM_BUDGET_MS / Math.max(coldMs, 1))));
}

/** The latency figures from a cold round and the warm rounds after it (the same queries in each). */
export function queryLatency(cold: readonly Timed[], warm: readonly (readonly Timed[])[]): QueryLatency {
  const steady: Timed[] = warm.length === 0 ? [...cold] : cold.map((q, i) => ({ kind: q.kind, ms: quantile(warm.map((round) => (round[i] as Timed).ms), 0.5) }));
  const byKind: Record<string, number[]> = {};
  for (const s of steady) (byKind[s.kind] ??= []).push(s.ms);
  return {
    all: percentiles(steady.map((s) => s.ms)),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentiles(v)])),
    secondRound: percentiles((warm[0] ?? cold).map((s) => s.ms)),
    cold: percentiles(cold.map((s) => s.ms)),
    firstQueryMs: cold[0]?.ms ?? NaN,
    warmRounds: warm.length,
  };
}
