/**
 * The shape of a real blog, measured once on the model blog (1,263 Hugo posts built by the feed CLI,
 * martinuke0-blog at commit 446b60f) and baked in here so the generator needs nothing from ../shared.
 * Quantiles are at QUANTILE_POINTS; the generator samples between them linearly.
 */
import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export const QUANTILE_POINTS = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1] as const;

/** Title length in characters. */
export const TITLE_CHARS = [11, 37, 53, 61, 76, 88, 98, 105, 109, 116, 128] as const;
/** Words in the Hugo summary (the first paragraphs up to 70 words); 1,262 of 1,263 are truncated. */
export const SUMMARY_WORDS = [10, 71, 74, 76, 88, 111, 146, 180, 198, 233, 399] as const;
/** Summary length in characters, for checking the result (about 7.3 characters a word). */
export const SUMMARY_CHARS = [47, 484, 525, 551, 639, 814, 1083, 1354, 1494, 1742, 3261] as const;
/** Rendered body size in bytes; about 21% of it is code blocks, with 13 h2, 20 h3 and 4.6 tables a post. */
export const BODY_BYTES = [55, 6947, 9575, 11749, 20890, 26692, 30525, 34287, 37458, 52413, 106278] as const;
/** Words of the body (Hugo's count): about 11 bytes of HTML a word. */
export const BODY_WORDS = [10, 715, 886, 1152, 1921, 2394, 2738, 3137, 3391, 4662, 8544] as const;

/** Topics per article: 0 → 2 posts, 4 → 1, 5 → 1,089, 6 → 161, 7 → 7, 8 → 2, 9 → 1. */
export const TOPICS_PER_ARTICLE: readonly (readonly [count: number, weight: number])[] = [
  [0, 2],
  [4, 1],
  [5, 1089],
  [6, 161],
  [7, 7],
  [8, 2],
  [9, 1],
];

/**
 * Raw date strings in the front matter: 1,196 "2026-03-17T06:01:18.131" (no zone), 29 + 22 with an
 * offset ("+05:30", quoted or not), 13 with centiseconds, 1 with "Z". Hugo takes a zoneless time as UTC.
 */
export const DATE_STYLES: readonly (readonly [style: 'local-ms' | 'offset' | 'utc-z' | 'date-only', weight: number])[] = [
  ['local-ms', 1209],
  ['offset', 51],
  ['utc-z', 1],
  // The model blog has none; other Hugo blogs do, and the parser must take them.
  ['date-only', 3],
];

/** Distinct raw tag spellings (2,511 in the model blog) → 1,936 slugs; 411 slugs have several spellings. */
export const RAW_TAGS_TARGET = 2000;
/** The most used topic is on 16% of the articles (198 of 1,263). */
export const TOP_TOPIC_SHARE = 0.16;

export function seedFrom(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readInt32LE(0);
}

/** A seeded random source (xoroshiro128+ from pure-rand); never Math.random, so a seed gives the same bytes. */
export class Rng {
  private readonly gen;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed);
  }

  /** A random source of its own for a named part, independent of how much this one has been used. */
  static for(...parts: (string | number)[]): Rng {
    return new Rng(seedFrom(...parts));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.gen, from, to);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.float() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** A value drawn from a distribution given by its quantiles at QUANTILE_POINTS. */
  quantile(values: readonly number[]): number {
    return interpolateQuantile(values, this.float());
  }
}

export function interpolateQuantile(values: readonly number[], p: number): number {
  for (let i = 1; i < QUANTILE_POINTS.length; i++) {
    const hi = QUANTILE_POINTS[i] as number;
    if (p <= hi || i === QUANTILE_POINTS.length - 1) {
      const lo = QUANTILE_POINTS[i - 1] as number;
      const a = values[i - 1] as number;
      const b = values[i] as number;
      return a + ((b - a) * (p - lo)) / (hi - lo);
    }
  }
  return values[values.length - 1] as number;
}

/** The value at quantile p of a sample (nearest rank), for checking generated data against the constants. */
export function sampleQuantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] as number;
}
