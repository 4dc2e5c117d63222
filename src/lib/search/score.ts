/**
 * Scores one segment for a query: BM25F inside each part (meta fields weighted, body on its own),
 * the parts' scores summed. Works on flat typed arrays, one slot per required query word.
 */
import { BODY_WEIGHT, bodyFactors, metaFactors, scoreBody, scoreMeta, sink, type RunningFloor, type Stats } from './bm25';
import type { PostingRange } from './postings';
import { decoded, type SegmentPart } from './segment';
import type { Slot, Variant } from './slot';
import { checkTurn, take, work, type Arena } from './work';

export interface SegmentView {
  meta: SegmentPart;
  body: SegmentPart | null;
  /** The segment's slot in each variant's `at`. */
  at: number;
}

/** Reused for every variant read: a range object per read was a query's commonest garbage. */
const range: PostingRange = { p: new Uint8Array(0), start: 0, end: 0 };

/** A segment's length factors for this query's statistics (bm25.ts), read by every variant. */
interface Factors {
  meta: Float32Array;
  body: Float32Array | null;
}

/**
 * Scores one variant's postings in both parts into the sink as it is set (bm25.ts), listing the docs
 * it touched first in `work.touched`; returns how many.
 */
function scoreVariant(seg: SegmentView, v: Variant, factors: Factors, floor: RunningFloor): number {
  const o = seg.at * 4;
  const at = v.at;
  const metaLength = at[o + 1] as number;
  const bodyLength = seg.body ? (at[o + 3] as number) : 0;
  let count = 0;
  if (metaLength > 0) count = scoreMeta(seg.meta.postingRange(range, at[o] as number, metaLength), factors.meta, v.metaIdf * v.weight, floor, count);
  if (seg.body && factors.body && bodyLength > 0) {
    count = scoreBody(seg.body.postingRange(range, at[o + 2] as number, bodyLength), factors.body, v.bodyIdf * v.weight * BODY_WEIGHT, floor, count);
  }
  return count;
}

/** Where the next variant read puts its scores (bm25.ts Sink). */
function aimSink(target: Float64Array, offset: number, seen: Int32Array, token: number): void {
  sink.target = target;
  sink.offset = offset;
  sink.seen = seen;
  sink.token = token;
}

/** Points the sink at `work.acc`, under a token no doc holds: a variant's own sums, for its caller to read. */
const sinkToAcc = (): void => aimSink(work.acc, 0, work.seen, work.freshToken());

/** Docs of the segment that contain any of `terms`. */
export function docsWith(seg: SegmentView, terms: readonly Uint8Array[]): Uint8Array {
  const hit = new Uint8Array(seg.meta.header.docCount);
  for (const t of terms) {
    for (const part of [seg.meta, seg.body]) {
      const info = part?.lookup(t);
      if (!part || !info) continue;
      const n = part.decode(info);
      for (let i = 0; i < n; i++) hit[decoded.docs[i] as number] = 1;
    }
  }
  return hit;
}

/** Receives each matching doc of a segment; returns nothing, keeps what it wants. */
export type Offer = (doc: number, score: number, typos: number) => void;

/** The bytes of postings a slot would read in this segment: 0 when no variant is there. */
function cost(seg: SegmentView, slot: Slot): number {
  let bytes = 0;
  const o = seg.at * 4;
  const variants = slot.variants;
  for (let i = 0; i < variants.length; i++) {
    const at = (variants[i] as Variant).at;
    bytes += (at[o + 1] as number) + (seg.body ? (at[o + 3] as number) : 0);
  }
  return bytes;
}

/**
 * The slots, cheapest first; null when some slot has no postings here. Plain loops (an insertion sort
 * of a few words): this runs for every segment, and the array methods' closures showed in profiles.
 */
function readingOrder(seg: SegmentView, slots: readonly Slot[]): number[] | null {
  const costs: number[] = [];
  const order: number[] = [];
  for (let s = 0; s < slots.length; s++) {
    const c = cost(seg, slots[s] as Slot);
    if (c === 0) return null;
    costs.push(c);
    let at = order.length;
    while (at > 0 && (costs[order[at - 1] as number] as number) > c) at--;
    order.splice(at, 0, s);
  }
  return order;
}

/**
 * One slot: each live doc's best variant (an exact one if any matched, else the best typo) and
 * its score, into bests/scores at `s * n`; marks the docs that matched as in the running for the
 * next slot. Returns how many matched, listed in `matchedBy(slot)`. A slot of one variant is
 * scored straight into its place, its marks being the sink's first touches; its `bests` are not
 * written (see `bestOf`).
 */
function scoreSlot(seg: SegmentView, slot: Slot, factors: Factors, s: number, first: boolean, stage: number, into: { bests: Int32Array; scores: Float64Array }): number {
  const n = seg.meta.header.docCount;
  const { acc, touched } = work;
  const marks = work.stage;
  const next = stage + 1;
  const floor = first ? 0 : stage;
  const { variants, exact } = slot;
  const survivors = work.survivors;
  if (variants.length === 1) {
    aimSink(into.scores, s * n, marks, next);
    return scoreVariant(seg, variants[0] as Variant, factors, floor);
  }
  let count = 0;
  for (let i = 0; i < variants.length; i++) {
    sinkToAcc();
    const hit = scoreVariant(seg, variants[i] as Variant, factors, floor);
    const isExact = exact[i] as number;
    for (let t = 0; t < hit; t++) {
      const doc = touched[t] as number;
      const score = acc[doc] as number;
      const at = s * n + doc;
      if (marks[doc] !== next) {
        marks[doc] = next;
        survivors[count++] = doc;
        into.bests[at] = i;
        into.scores[at] = score;
        continue;
      }
      const currentExact = exact[into.bests[at] as number] as number;
      if (isExact > currentExact || (isExact === currentExact && score > (into.scores[at] as number))) {
        into.scores[at] = score;
        into.bests[at] = i;
      }
    }
  }
  return count;
}

/** The docs that matched the slot scored last, in the order they were first touched. */
const matchedBy = (slot: Slot): Int32Array => (slot.variants.length === 1 ? work.touched : work.survivors);

/** The variant a matching doc matched a slot by: the only one, or the best that scoreSlot kept. */
const bestOf = (slot: Slot, bests: Int32Array, at: number): number => (slot.variants.length === 1 ? 0 : (bests[at] as number));

/**
 * A query of one word that matches itself alone (most one-word queries): each doc's sum is its
 * score, offered as it is read, with none of the per-slot bookkeeping. Offers come in the order the
 * postings touched the docs, which the best hits do not depend on (TopHits keeps ties).
 */
function offerOneVariant(seg: SegmentView, slot: Slot, factors: Factors, offer: Offer): (doc: number) => string[] {
  const variant = slot.variants[0] as Variant;
  work.begin(seg.meta.header.docCount, 1);
  sinkToAcc();
  const hit = scoreVariant(seg, variant, factors, 0);
  const typos = slot.exact[0] === 1 ? 0 : 1;
  const { acc, touched } = work;
  for (let t = 0; t < hit; t++) {
    const doc = touched[t] as number;
    offer(doc, acc[doc] as number, typos);
  }
  const terms = [variant.term];
  return () => terms;
}

/**
 * How a matching doc's typos are counted: only where a slot has typo variants (most queries have
 * none). A slot whose only variant is a typo adds one to every doc; the others are read per doc.
 */
function typoCounting(slots: readonly Slot[]): { typosOfAll: number; typoSlots: number[]; typoExact: Uint8Array[] } {
  let typosOfAll = 0;
  const typoSlots: number[] = [];
  const typoExact: Uint8Array[] = [];
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s] as Slot;
    if (!slot.typos) continue;
    if (slot.variants.length === 1) typosOfAll++;
    else {
      typoSlots.push(s);
      typoExact.push(slot.exact);
    }
  }
  return { typosOfAll, typoSlots, typoExact };
}

/**
 * Offers every doc that matches all slots and no excluded term, with its score and typo count;
 * returns a function giving the terms a doc matched (for highlighting), only asked for the top
 * hits. The slots are read rarest first, and later ones only score the docs still in the running;
 * a segment where some word has no postings is not read at all.
 */
export function scoreSegment(seg: SegmentView, slots: readonly Slot[], excluded: readonly Uint8Array[], stats: Stats, arena: Arena, offer: Offer): (doc: number) => string[] {
  const none = () => [];
  const order = readingOrder(seg, slots);
  if (order === null) return none;
  const n = seg.meta.header.docCount;
  const factors = { meta: metaFactors(seg.meta.lengths, stats), body: seg.body ? bodyFactors(seg.body.lengths, stats) : null };
  const only = slots.length === 1 && excluded.length === 0 ? (slots[0] as Slot) : null;
  if (only?.variants.length === 1) {
    checkTurn(arena);
    return offerOneVariant(seg, only, factors, offer);
  }
  // Every entry read below is written first in this call: no clearing needed.
  const into = take(arena, slots.length * n);
  const base = work.begin(n, slots.length);
  let matched = 0;
  for (let k = 0; k < order.length; k++) {
    const s = order[k] as number;
    matched = scoreSlot(seg, slots[s] as Slot, factors, s, k === 0, base + k, into);
    if (matched === 0) return none;
  }
  // The docs still in the running after the last slot, not every doc of the segment: offered in
  // the order they matched it, which the best hits do not depend on (as in offerOneVariant).
  const docs = matchedBy(slots[order[order.length - 1] as number] as Slot);
  const drop = excluded.length > 0 ? docsWith(seg, excluded) : null;
  // Scores summed in query order: the same floating-point sums as one pass would give.
  // Plain indexed loops: this runs for every matching doc, 100,000 for a common word at 100k.
  const { scores, bests } = into;
  const slotCount = slots.length;
  const { typosOfAll, typoSlots, typoExact } = typoCounting(slots);
  for (let m = 0; m < matched; m++) {
    const d = docs[m] as number;
    if (drop !== null && drop[d] === 1) continue;
    let total = 0;
    for (let s = 0; s < slotCount; s++) total += scores[s * n + d] as number;
    let typos = typosOfAll;
    for (let k = 0; k < typoSlots.length; k++) if ((typoExact[k] as Uint8Array)[bests[(typoSlots[k] as number) * n + d] as number] === 0) typos++;
    offer(d, total, typos);
  }
  return (doc) => slots.map((slot, s) => (slot.variants[bestOf(slot, into.bests, s * n + doc)] as Variant).term);
}
