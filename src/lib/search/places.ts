/**
 * Where query terms are in each loaded segment, kept between queries: typing "rust asy" then
 * "rust asyn" looks "rust" up in every segment once. Emptied by any change to the segments, so it
 * never answers from a replaced or removed one.
 */
import { utf8 } from './bytes';
import type { SegmentPart } from './segment';

export interface Loaded {
  meta: SegmentPart;
  body: SegmentPart | null;
  /** Docs left out of answers (1), when some are: rows another segment now holds (SearchIndex.hide). */
  hidden?: Uint8Array;
}

/** A term's doc frequencies, and its postings in each segment (see Variant.at). */
export interface Located {
  metaDf: number;
  bodyDf: number;
  /** 4 numbers per segment, in `order()`: meta offset and length, body offset and length (0: absent). */
  at: Uint32Array;
}

/** Terms kept: 16 bytes per segment each, so about 1 MB at 121 segments. */
export const LOCATED_LIMIT = 512;

export class TermPlaces {
  private ordered: Loaded[] | null = null;
  /**
   * Each term's places and when it was last asked for: moving a prefix's forty completions to the
   * Map's end on every keystroke cost a twentieth of its query.
   */
  private readonly located = new Map<string, { found: Located; used: number }>();
  private clock = 0;

  constructor(private readonly segments: () => Iterable<Loaded>) {}

  /** Call on every change to the segments or their body parts. */
  clear(): void {
    this.ordered = null;
    this.located.clear();
  }

  /** The segments in the order `Located.at` uses, fixed until the next change. */
  order(): Loaded[] {
    return (this.ordered ??= [...this.segments()]);
  }

  /** From the cache (the least recently used dropped when full), else looked up in every segment once. */
  locate(term: string): Located {
    const cached = this.located.get(term);
    if (cached) {
      cached.used = ++this.clock;
      return cached.found;
    }
    const bytes = utf8.encode(term);
    const order = this.order();
    const at = new Uint32Array(order.length * 4);
    let metaDf = 0;
    let bodyDf = 0;
    for (const [i, { meta, body }] of order.entries()) {
      const m = meta.lookup(bytes);
      const b = body?.lookup(bytes);
      if (m) {
        metaDf += m.df;
        at.set([m.offset, m.length], i * 4);
      }
      if (b) {
        bodyDf += b.df;
        at.set([b.offset, b.length], i * 4 + 2);
      }
    }
    const found = { metaDf, bodyDf, at };
    if (this.located.size >= LOCATED_LIMIT) this.dropLeastRecent();
    this.located.set(term, { found, used: ++this.clock });
    return found;
  }

  private dropLeastRecent(): void {
    let oldest: string | null = null;
    let least = Infinity;
    for (const [term, { used }] of this.located) {
      if (used < least) {
        least = used;
        oldest = term;
      }
    }
    if (oldest !== null) this.located.delete(oldest);
  }
}
