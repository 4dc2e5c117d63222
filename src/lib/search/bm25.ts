/**
 * BM25F for one term of one segment part: the weights, and the term's postings read and scored in
 * one pass (postings.ts writes their format). Each varint of one byte, most of them, is read in line,
 * the rest by `longVarint`: postings decoded into buffers and scored from those, or read through a call
 * per varint, took a sixth to a third longer at 100k (performance log, 2026-12-06, late afternoon).
 */
import { longVarint, longVarintEnd, type PostingRange } from './postings';
import { work } from './work';

/** Field weights and length normalisation: title and topics count above the body. */
const META_WEIGHTS = [3, 2.5, 1, 1.5] as const; // title, topics, author, summary
const META_FIELDS = META_WEIGHTS.length;
const META_B = [0.5, 0.5, 0.3, 0.75] as const;
export const BODY_WEIGHT = 1;
const BODY_B = 0.75;
const K1 = 1.2;

/** Idf with BM25's +1 inside the log, so it never goes negative for very common words. */
export function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** Global statistics, summed over every loaded segment. */
export interface Stats {
  docs: number;
  bodyDocs: number;
  /** Average length per meta field (1 where a field is empty everywhere, so it never divides by 0). */
  metaAvg: number[];
  bodyAvg: number;
}

/** BM25's term-frequency saturation. */
function saturate(tf: number): number {
  return (tf * (K1 + 1)) / (tf + K1);
}

/**
 * A part's per-doc length factors for the current average lengths (meta: each field's weight over
 * its length norm; body: K1 × its norm), worked out once per part until the averages change with
 * the loaded segments, rather than per posting read. Single precision: at 100k the half as many
 * bytes to read made queries a few per cent faster than doubles, and ranking needs no more digits.
 */
interface LengthFactors {
  avg: readonly number[];
  factors: Float32Array;
}

const factorsOf = new WeakMap<Uint32Array, LengthFactors>();

const sameAvg = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function lengthFactors(lengths: Uint32Array, avg: readonly number[], make: (lengths: Uint32Array, avg: readonly number[]) => Float32Array): Float32Array {
  const known = factorsOf.get(lengths);
  if (known && sameAvg(known.avg, avg)) return known.factors;
  const factors = make(lengths, avg);
  factorsOf.set(lengths, { avg: [...avg], factors });
  return factors;
}

/** Meta: factors[doc * 4 + f] = the field's weight over its length norm (BM25F). */
export const metaFactors = (lengths: Uint32Array, stats: Stats): Float32Array =>
  lengthFactors(lengths, stats.metaAvg, (l, avg) => {
    const out = new Float32Array(l.length);
    for (let i = 0; i < l.length; i++) {
      const f = i % META_FIELDS;
      const b = META_B[f] as number;
      out[i] = (META_WEIGHTS[f] as number) / (1 - b + (b * (l[i] as number)) / (avg[f] as number));
    }
    return out;
  });

/** Body: factors[doc] = K1 × the doc's length norm. */
export const bodyFactors = (lengths: Uint32Array, stats: Stats): Float32Array =>
  lengthFactors(lengths, [stats.bodyAvg], (l, [avg]) => Float32Array.from(l, (length) => K1 * (1 - BODY_B + (BODY_B * length) / (avg as number))));

/**
 * The lowest mark of a doc still in the running: 0 at the first slot, where every doc is; after it,
 * the slot's stage (docs marked by the earlier slots, or by this one already). Marks only grow within
 * a search and none above this slot's is written yet, so one comparison tells (work.ts).
 */
export type RunningFloor = number;

/** Postings that overran their end are damaged: refused, as a read past the part's end is. */
function checkEnd(at: number, end: number): void {
  if (at !== end) throw new RangeError('search segment: postings overrun their term');
}

/**
 * Where a term's scores go: `target[offset + doc]`, set at a doc's first touch (when `seen[doc]` is
 * not yet `token`, which it then becomes) and added to after. Written in place, so a word that
 * matches itself alone is scored straight into its slot with no second pass (score.ts); one object,
 * reused, as a range is.
 */
export interface Sink {
  target: Float64Array;
  offset: number;
  seen: Int32Array;
  token: number;
}

export const sink: Sink = { target: new Float64Array(0), offset: 0, seen: new Int32Array(0), token: 0 };

/**
 * Scores a meta part's postings of one term into the sink, listing each doc it touches first in
 * `work.touched`; returns how many are listed so far.
 * A posting is varint(delta × 16 + field mask), then each present field's tf.
 */
export function scoreMeta({ p, start, end }: PostingRange, factors: Float32Array, scale: number, floor: RunningFloor, touchedSoFar: number): number {
  const { touched, stage: marks } = work;
  const { target, offset, seen, token } = sink;
  let count = touchedSoFar;
  let at = start;
  let doc = -1;
  while (at < end) {
    let head = p[at++] as number;
    if (head < 0x80) doc += head >> 4;
    else {
      head = longVarint(p, at - 1);
      at = longVarintEnd.at;
      doc += Math.floor(head / 16);
    }
    // The four fields unrolled: a loop over them cost a tenth of a query's time.
    let tf0 = 0;
    if (head & 1) {
      tf0 = p[at++] as number;
      if (!(tf0 < 0x80)) {
        tf0 = longVarint(p, at - 1);
        at = longVarintEnd.at;
      }
    }
    let tf1 = 0;
    if (head & 2) {
      tf1 = p[at++] as number;
      if (!(tf1 < 0x80)) {
        tf1 = longVarint(p, at - 1);
        at = longVarintEnd.at;
      }
    }
    let tf2 = 0;
    if (head & 4) {
      tf2 = p[at++] as number;
      if (!(tf2 < 0x80)) {
        tf2 = longVarint(p, at - 1);
        at = longVarintEnd.at;
      }
    }
    let tf3 = 0;
    if (head & 8) {
      tf3 = p[at++] as number;
      if (!(tf3 < 0x80)) {
        tf3 = longVarint(p, at - 1);
        at = longVarintEnd.at;
      }
    }
    if ((marks[doc] as number) < floor) continue;
    // The fields summed in order, as a loop over them would.
    const l = doc * META_FIELDS;
    let tf = 0;
    if (tf0 !== 0) tf += tf0 * (factors[l] as number);
    if (tf1 !== 0) tf += tf1 * (factors[l + 1] as number);
    if (tf2 !== 0) tf += tf2 * (factors[l + 2] as number);
    if (tf3 !== 0) tf += tf3 * (factors[l + 3] as number);
    const score = scale * saturate(tf);
    if (seen[doc] !== token) {
      seen[doc] = token;
      touched[count++] = doc;
      target[offset + doc] = score;
    } else target[offset + doc] = (target[offset + doc] as number) + score;
  }
  checkEnd(at, end);
  return count;
}

/** Scores a body part's postings of one term, as scoreMeta does: varint(delta × 2 + (tf = 1)), then tf − 2 when tf > 1. */
export function scoreBody({ p, start, end }: PostingRange, factors: Float32Array, scale: number, floor: RunningFloor, touchedSoFar: number): number {
  const { touched, stage: marks } = work;
  const { target, offset, seen, token } = sink;
  let count = touchedSoFar;
  let at = start;
  let doc = -1;
  while (at < end) {
    let head = p[at++] as number;
    if (head < 0x80) doc += head >> 1;
    else {
      head = longVarint(p, at - 1);
      at = longVarintEnd.at;
      doc += Math.floor(head / 2);
    }
    let tf = 1;
    if ((head & 1) === 0) {
      let more = p[at++] as number;
      if (!(more < 0x80)) {
        more = longVarint(p, at - 1);
        at = longVarintEnd.at;
      }
      tf = more + 2;
    }
    if ((marks[doc] as number) < floor) continue;
    // saturate(tf / norm), as (K1 + 1) tf / (tf + K1 norm).
    const score = scale * ((tf * (K1 + 1)) / (tf + (factors[doc] as number)));
    if (seen[doc] !== token) {
      seen[doc] = token;
      touched[count++] = doc;
      target[offset + doc] = score;
    } else target[offset + doc] = (target[offset + doc] as number) + score;
  }
  checkEnd(at, end);
  return count;
}

