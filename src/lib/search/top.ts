/** The best `limit` hits across segments: a bounded heap, so 100,000 matches cost no sort. */

export interface Hit {
  source: string;
  /** The segment the doc is in. */
  key: string;
  /** The article id. */
  id: string;
  score: number;
  /** Query words this doc matched only through a typo: such hits rank below exact ones. */
  typos: number;
  /** The index terms it matched, one per query word, for highlighting. */
  terms: string[];
}

interface Entry extends Hit {
  doc: number;
  resolved: boolean;
}

/** True when a ranks below b: more typos, then lower score, then later id. */
function worse(a: Entry, b: Entry): boolean {
  if (a.typos !== b.typos) return a.typos > b.typos;
  if (a.score !== b.score) return a.score < b.score;
  return a.id > b.id;
}

export class TopHits {
  /** Min-heap on rank: the root is the worst kept hit. */
  private readonly heap: Entry[] = [];
  total = 0;

  constructor(readonly limit: number) {}

  offer(source: string, key: string, id: string, doc: number, score: number, typos: number): void {
    this.total++;
    if (this.limit <= 0) return;
    const root = this.heap[0];
    // Most matches lose to the worst kept hit: reject them before allocating anything.
    if (this.heap.length === this.limit && root && (typos > root.typos || (typos === root.typos && score < root.score))) return;
    const entry: Entry = { source, key, id, doc, score, typos, terms: [], resolved: false };
    if (this.heap.length < this.limit) {
      this.heap.push(entry);
      this.up(this.heap.length - 1);
    } else if (worse(this.heap[0] as Entry, entry)) {
      this.heap[0] = entry;
      this.down(0);
    }
  }

  /** Fills in the matched terms of the kept hits of one segment, once it is scored. */
  resolveTerms(source: string, key: string, termsOf: (doc: number) => string[]): void {
    for (const e of this.heap) {
      if (!e.resolved && e.source === source && e.key === key) {
        e.terms = termsOf(e.doc);
        e.resolved = true;
      }
    }
  }

  hits(): Hit[] {
    return [...this.heap]
      .sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0))
      .map(({ source, key, id, score, typos, terms }) => ({ source, key, id, score, typos, terms }));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(h[i] as Entry, h[parent] as Entry)) return;
      [h[i], h[parent]] = [h[parent] as Entry, h[i] as Entry];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(h[l] as Entry, h[m] as Entry)) m = l;
      if (r < h.length && worse(h[r] as Entry, h[m] as Entry)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
      i = m;
    }
  }
}
