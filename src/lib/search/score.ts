/**
 * Scores one segment for a query: BM25F inside each part (meta fields weighted, body on its own),
 * the parts' scores summed. Works on flat typed arrays, one slot per required query word.
 */
import type { SegmentPart, TermInfo } from './segment';

/** Field weights and length normalisation: title and topics count above the body. */
export const META_WEIGHTS = [3, 2.5, 1, 1.5] as const; // title, topics, author, summary
export const META_B = [0.5, 0.5, 0.3, 0.75] as const;
export const BODY_WEIGHT = 1;
export const BODY_B = 0.75;
export const K1 = 1.2;

/** Idf with BM25's +1 inside the log, so it never goes negative for very common words. */
export function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** Global statistics, summed over every loaded segment. */
export interface Stats {
  docs: number;
  bodyDocs: number;
  /** Average length per meta field. */
  metaAvg: number[];
  bodyAvg: number;
}

/** One way a query word can match: the word itself, a longer word (prefix) or a typo. */
export interface Variant {
  term: string;
  bytes: Uint8Array;
  /** Below 1 for prefix and typo matches. */
  weight: number;
  /** False for typo matches: they rank below exact ones. */
  exact: boolean;
  /** Doc frequencies summed over segments, per part kind. */
  metaDf: number;
  bodyDf: number;
  metaIdf: number;
  bodyIdf: number;
  /** Its postings in each segment, 4 numbers per segment: meta offset, length, body offset, length (0: absent). */
  at: Uint32Array;
}

export interface Slot {
  variants: Variant[];
}

export interface SegmentView {
  meta: SegmentPart;
  body: SegmentPart | null;
  /** The segment's slot in each variant's `at`. */
  at: number;
}

export interface Candidate {
  doc: number;
  score: number;
  /** Query words matched only through a typo. */
  typos: number;
  terms: string[];
}

function saturate(tf: number): number {
  return (tf * (K1 + 1)) / (tf + K1);
}

/** Adds each doc's score for one variant into `acc`, listing the docs it touched. */
function scoreVariant(seg: SegmentView, v: Variant, stats: Stats, acc: Float64Array, touched: number[]): void {
  const add = (doc: number, s: number) => {
    if (acc[doc] === 0) touched.push(doc);
    acc[doc] = (acc[doc] as number) + s;
  };
  const o = seg.at * 4;
  const metaLength = v.at[o + 1] as number;
  if (metaLength > 0) scanMeta(seg.meta, { df: 0, offset: v.at[o] as number, length: metaLength }, v.metaIdf * v.weight, stats, add);
  const bodyLength = v.at[o + 3] as number;
  if (seg.body && bodyLength > 0) {
    const body = { df: 0, offset: v.at[o + 2] as number, length: bodyLength };
    const lengths = seg.body.lengths;
    const scale = v.bodyIdf * v.weight * BODY_WEIGHT;
    seg.body.scan(body, (doc, tfs) => {
      const norm = 1 - BODY_B + (BODY_B * (lengths[doc] as number)) / (stats.bodyAvg || 1);
      add(doc, scale * saturate((tfs[0] as number) / norm));
    });
  }
}

function scanMeta(part: SegmentPart, info: TermInfo, scale: number, stats: Stats, add: (doc: number, s: number) => void): void {
  const fields = META_WEIGHTS.length;
  part.scan(info, (doc, tfs) => {
    let tf = 0;
    for (let f = 0; f < fields; f++) {
      const raw = tfs[f] as number;
      if (raw === 0) continue;
      const b = META_B[f] as number;
      const norm = 1 - b + (b * (part.lengths[doc * fields + f] as number)) / ((stats.metaAvg[f] as number) || 1);
      tf += ((META_WEIGHTS[f] as number) * raw) / norm;
    }
    add(doc, scale * saturate(tf));
  });
}

/** Docs of the segment that contain any of `terms`. */
export function docsWith(seg: SegmentView, terms: readonly Uint8Array[]): Uint8Array {
  const hit = new Uint8Array(seg.meta.header.docCount);
  for (const t of terms) {
    for (const part of [seg.meta, seg.body]) {
      const info = part?.lookup(t);
      if (part && info) part.scan(info, (doc) => (hit[doc] = 1));
    }
  }
  return hit;
}

/** Receives each matching doc of a segment; returns nothing, keeps what it wants. */
export type Offer = (doc: number, score: number, typos: number) => void;

/** The slot's best variant per doc: an exact one if any matched, else the best typo. */
function scoreSlot(seg: SegmentView, slot: Slot, stats: Stats, acc: Float64Array): { best: Int32Array; score: Float64Array } {
  const n = acc.length;
  const best = new Int32Array(n).fill(-1);
  const score = new Float64Array(n);
  for (const [i, v] of slot.variants.entries()) {
    const touched: number[] = [];
    scoreVariant(seg, v, stats, acc, touched);
    for (const doc of touched) {
      const s = acc[doc] as number;
      acc[doc] = 0;
      const current = best[doc] as number;
      const currentExact = current !== -1 && (slot.variants[current] as Variant).exact;
      if (current === -1 || (v.exact && !currentExact) || (v.exact === currentExact && s > (score[doc] as number))) {
        score[doc] = s;
        best[doc] = i;
      }
    }
  }
  return { best, score };
}

/**
 * Offers every doc that matches all slots and no excluded term, with its score and typo count;
 * returns a function giving the terms a doc matched (for highlighting), only asked for the top hits.
 */
export function scoreSegment(seg: SegmentView, slots: readonly Slot[], excluded: readonly Uint8Array[], stats: Stats, offer: Offer): (doc: number) => string[] {
  const n = seg.meta.header.docCount;
  const total = new Float64Array(n);
  const matched = new Uint8Array(n);
  const typos = new Uint8Array(n);
  const acc = new Float64Array(n);
  const bests: Int32Array[] = [];
  for (const [s, slot] of slots.entries()) {
    const { best, score } = scoreSlot(seg, slot, stats, acc);
    for (let d = 0; d < n; d++) {
      const b = best[d] as number;
      if (b === -1 || matched[d] !== s) continue;
      matched[d] = s + 1;
      total[d] = (total[d] as number) + (score[d] as number);
      if (!(slot.variants[b] as Variant).exact) typos[d] = (typos[d] as number) + 1;
    }
    bests.push(best);
  }
  const drop = excluded.length > 0 ? docsWith(seg, excluded) : null;
  for (let d = 0; d < n; d++) {
    if (matched[d] === slots.length && !drop?.[d]) offer(d, total[d] as number, typos[d] as number);
  }
  return (doc) => slots.map((slot, s) => (slot.variants[(bests[s] as Int32Array)[doc] as number] as Variant).term);
}
