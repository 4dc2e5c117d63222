/**
 * The best `limit` hits across segments. Matches are kept as numbers in flat arrays and the best
 * are selected at the end (the candidates by plain numbers, a quickselect of those, then a sort of
 * the best only): the app asks for 2,000, where a heap of hit objects cost a third of a common
 * word's query time. Once twice `limit` are kept they are cut to those that can still be among the
 * best, and a later match below the cut is only counted: at 10k, limit 20, that took 6–9 % off the
 * query mix's p95, where keeping every match for the end had the selection pass over all of them.
 */

import type { IdList } from './ids';
import { RankedHit, type Hit } from './hit';
import { kthLargest } from './kth';

interface Segment {
  source: string;
  key: string;
  ids: IdList;
  termsOf: (doc: number) => string[];
}

interface Matches {
  score: Float64Array;
  typos: Uint8Array;
  seg: Int32Array;
  doc: Int32Array;
}

const matches = (n: number): Matches => ({ score: new Float64Array(n), typos: new Uint8Array(n), seg: new Int32Array(n), doc: new Int32Array(n) });

/**
 * The arrays of the last finished selection, for the next: a common word's 100,000 matches grew
 * them through a dozen copies on every keystroke, a tenth of the worker's time while typing.
 */
let spare: Matches | null = null;

/** Up to this many best hits are ranked by insertion (see TopHits.ranked). */
const INSERTION_SORT_MAX = 64;

/** The scores of one typo count while the best are chosen, kept for the next choice. */
let scratch = new Float64Array(0);
/** Matches per typo count, and the candidates chosen, likewise kept: their allocation showed in profiles of small queries. */
const perLevel = new Uint32Array(256);
let chosen = new Int32Array(64);

export class TopHits {
  /** Every match offered, kept or not. */
  total = 0;
  /** Matches kept in the arrays; at `room`, they are cut. */
  private kept = 0;
  private room: number;
  /** A match with more typos than `cutTypos`, or as many and a score below `cutScore`, cannot be among the best. */
  private cutTypos: number;
  private cutScore = -Infinity;
  private readonly segments: Segment[] = [];
  private score: Float64Array;
  private typos: Uint8Array;
  private seg: Int32Array;
  private doc: Int32Array;
  private best: Hit[] | null = null;
  private released = false;

  constructor(readonly limit: number) {
    ({ score: this.score, typos: this.typos, seg: this.seg, doc: this.doc } = spare ?? matches(64));
    spare = null;
    this.room = Math.max(64, 2 * limit);
    this.cutTypos = limit > 0 ? Number.POSITIVE_INFINITY : -1;
  }

  /** Selects the best hits and hands the arrays on to the next selection; only `hits()` and `total` stay. */
  release(): void {
    if (this.released) return;
    this.hits();
    this.handOn();
  }

  /**
   * Hands the arrays on without selecting, for a search abandoned part way: typing cancels most
   * searches, and each new one regrew its arrays from 64 entries (a sixteenth of the worker's time).
   * Does nothing after `release`; `hits()` is then empty.
   */
  discard(): void {
    if (this.released) return;
    this.best = [];
    this.handOn();
  }

  private handOn(): void {
    this.released = true;
    if (spare === null || spare.score.length < this.score.length) spare = { score: this.score, typos: this.typos, seg: this.seg, doc: this.doc };
  }

  /** Starts a segment's offers; `termsOf` may be given later, once the segment is scored. */
  segment(source: string, key: string, ids: IdList): number {
    this.segments.push({ source, key, ids, termsOf: () => [] });
    return this.segments.length - 1;
  }

  /** How to find the matched terms of a doc of the segment: only asked for the best hits. */
  resolveTerms(segment: number, termsOf: (doc: number) => string[]): void {
    (this.segments[segment] as Segment).termsOf = termsOf;
  }

  offer(segment: number, doc: number, score: number, typos: number): void {
    if (this.released) throw new Error('search: TopHits offered a match after release()');
    this.total++;
    if (typos > this.cutTypos || (typos === this.cutTypos && score < this.cutScore)) return;
    if (this.kept === this.room) this.cut();
    const i = this.kept++;
    if (i === this.score.length) this.grow();
    this.score[i] = score;
    this.typos[i] = typos;
    this.seg[i] = segment;
    this.doc[i] = doc;
    this.best = null;
  }

  /** Keeps only the matches that can still be among the best, in offer order; more room if ties keep many. */
  private cut(): void {
    const keep = this.candidates(this.limit);
    const { score, typos, seg, doc } = this;
    for (let j = 0; j < keep.length; j++) {
      const i = keep[j] as number;
      score[j] = score[i] as number;
      typos[j] = typos[i] as number;
      seg[j] = seg[i] as number;
      doc[j] = doc[i] as number;
    }
    this.kept = keep.length;
    if (this.kept * 2 > this.room) this.room *= 2;
  }

  hits(): Hit[] {
    if (this.best) return this.best;
    const k = Math.min(this.limit, this.kept);
    const order = k > 0 && k < this.kept ? this.candidates(k) : Int32Array.from({ length: this.kept }, (_, i) => i);
    if (k < order.length) this.select(order, k);
    const top = this.ranked(order.subarray(0, k));
    this.best = top.map((i) => {
      const s = this.segments[this.seg[i] as number] as Segment;
      const doc = this.doc[i] as number;
      return new RankedHit(s.source, s.key, doc, this.score[i] as number, this.typos[i] as number, s.termsOf(doc), s.ids);
    });
    return this.best;
  }

  /**
   * The chosen matches best first: a page of results by insertion, the app's long lists by sort.
   * Twenty hits through Array.prototype.sort and its closure comparator were 4 % of the real blog's
   * query mix in a profile.
   */
  private ranked(chosen: Int32Array): number[] {
    if (chosen.length > INSERTION_SORT_MAX) return Array.from(chosen).sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
    const out: number[] = [];
    for (let j = 0; j < chosen.length; j++) {
      const i = chosen[j] as number;
      let at = out.length;
      while (at > 0 && this.before(i, out[at - 1] as number)) at--;
      out.splice(at, 0, i);
    }
    return out;
  }

  /**
   * The matches that can be among the best k: fewer typos than the k-th best, or as many and at
   * least its score. Found on plain numbers (a count per typo count, then the k-th score of the
   * level it falls in), so the selection by `before` that follows sorts about k of them, not every
   * match: a common word's 100,000 matches cost it a tenth of the query's time.
   */
  private candidates(k: number): Int32Array {
    const { typos, score, kept } = this;
    perLevel.fill(0);
    for (let i = 0; i < kept; i++) {
      const t = typos[i] as number;
      perLevel[t] = (perLevel[t] as number) + 1;
    }
    let level = 0;
    let above = 0;
    while (above + (perLevel[level] as number) < k) above += perLevel[level++] as number;
    const atLevel = perLevel[level] as number;
    if (scratch.length < atLevel) scratch = new Float64Array(atLevel);
    let n = 0;
    for (let i = 0; i < kept; i++) if (typos[i] === level) scratch[n++] = score[i] as number;
    const least = kthLargest(scratch, n, k - above);
    this.cutTypos = level;
    this.cutScore = least;
    if (chosen.length < kept) chosen = new Int32Array(kept);
    let count = 0;
    for (let i = 0; i < kept; i++) {
      const t = typos[i] as number;
      if (t < level || (t === level && (score[i] as number) >= least)) chosen[count++] = i;
    }
    return chosen.subarray(0, count);
  }

  /** True when match a ranks above b: fewer typos, then higher score, then earlier id. */
  private before(a: number, b: number): boolean {
    const ta = this.typos[a] as number;
    const tb = this.typos[b] as number;
    if (ta !== tb) return ta < tb;
    const sa = this.score[a] as number;
    const sb = this.score[b] as number;
    if (sa !== sb) return sa > sb;
    return this.idBefore(a, b);
  }

  /** Apart from `before`, which stays small enough to be inlined in the selection's loops. */
  private idBefore(a: number, b: number): boolean {
    const segments = this.segments;
    const ida = (segments[this.seg[a] as number] as Segment).ids;
    const idb = (segments[this.seg[b] as number] as Segment).ids;
    return ida.compare(this.doc[a] as number, idb, this.doc[b] as number) < 0;
  }

  /** Moves the best k matches to the front of `order`, in no particular order (Hoare's quickselect). */
  private select(order: Int32Array, k: number): void {
    let lo = 0;
    let hi = order.length - 1;
    while (lo < hi) {
      const pivot = order[lo + Math.floor(Math.random() * (hi - lo + 1))] as number;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (this.before(order[i] as number, pivot)) i++;
        while (this.before(pivot, order[j] as number)) j--;
        if (i <= j) {
          const t = order[i] as number;
          order[i++] = order[j] as number;
          order[j--] = t;
        }
      }
      if (k - 1 <= j) hi = j;
      else if (k - 1 >= i) lo = i;
      else return;
    }
  }

  private grow(): void {
    const next = matches(this.score.length * 2);
    next.score.set(this.score);
    next.typos.set(this.typos);
    next.seg.set(this.seg);
    next.doc.set(this.doc);
    ({ score: this.score, typos: this.typos, seg: this.seg, doc: this.doc } = next);
  }
}
