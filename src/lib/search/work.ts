/**
 * The scorer's working memory, shared by every search in this thread and reused across segments
 * and searches: allocating typed arrays per segment was most of a query's cost at 100k.
 */

/**
 * Working arrays per doc, shared by every segment scored and grown to the largest: a query over
 * 121 segments allocated six arrays per segment and slot before, most of its garbage.
 * `stage[doc] === base + s` marks a doc still in the running at slot s of the current call.
 */
class Work {
  acc = new Float64Array(0);
  stage = new Int32Array(0);
  touched = new Int32Array(0);
  /** First touches of one variant's parts, `acc` being its sums (bm25.ts Sink): a new token per variant read. */
  seen = new Int32Array(0);
  private token = 0;
  /** The docs a slot of several variants matched (score.ts). */
  survivors = new Int32Array(0);
  base = 1;

  /** Readies the arrays for a segment of n docs and a query of `slots` words; returns the base. */
  begin(n: number, slots: number): number {
    if (this.acc.length < n) {
      this.acc = new Float64Array(n);
      this.stage = new Int32Array(n);
      this.touched = new Int32Array(n);
      this.seen = new Int32Array(n);
      this.survivors = new Int32Array(n);
    }
    if (this.base > 2 ** 30) {
      this.stage.fill(0);
      this.base = 1;
    }
    const base = this.base;
    this.base += slots + 1;
    return base;
  }

  /** A token for `seen` that no doc holds yet. */
  freshToken(): number {
    if (this.token > 2 ** 30) {
      this.seen.fill(0);
      this.token = 0;
    }
    return ++this.token;
  }

  /** The search under way (see Arena.token). */
  run = 0;
  bests = new Int32Array(0);
  scores = new Float64Array(0);
}

export const work = new Work();

/**
 * Where one search keeps, per segment, each doc's best variant and score for every query word until
 * its hits are chosen. One allocation reused by every search: allocating and first touching new
 * arrays per segment was the largest single cost of a query at 100k in Chromium.
 */
export interface Arena {
  token: number;
  bests: Int32Array;
  scores: Float64Array;
  used: number;
}

/** Kept between searches up to this size (3 words over 100,000 docs take 3.6 MB); larger ones are not kept. */
const ARENA_KEPT_BYTES = 8 * 2 ** 20;

/** A search's arena for `slots` words over `docs` docs in all; it must not be used after the next search starts. */
export function startArena(slots: number, docs: number): Arena {
  const size = slots * docs;
  work.run++;
  if (work.bests.length >= size) return { token: work.run, bests: work.bests, scores: work.scores, used: 0 };
  const arena = { token: work.run, bests: new Int32Array(size), scores: new Float64Array(size), used: 0 };
  if (size * 12 <= ARENA_KEPT_BYTES) ({ bests: work.bests, scores: work.scores } = arena);
  return arena;
}

/** Throws when another search has started since this one: the shared arrays are no longer its own. */
export function checkTurn(arena: Arena): void {
  if (arena.token !== work.run && arena.bests === work.bests) throw new Error('search: a search went on after another had started');
}

/** The next `size` entries of the arena, or new arrays when it is full. */
export function take(arena: Arena, size: number): { bests: Int32Array; scores: Float64Array } {
  checkTurn(arena);
  if (arena.used + size > arena.bests.length) return { bests: new Int32Array(size), scores: new Float64Array(size) };
  const start = arena.used;
  arena.used += size;
  return { bests: arena.bests.subarray(start, arena.used), scores: arena.scores.subarray(start, arena.used) };
}
