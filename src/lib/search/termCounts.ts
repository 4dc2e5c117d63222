/**
 * A text's terms and how often each occurs, as an index part needs them. The feed builder counts
 * every body (about 3,400 words, 400 of them distinct), and a Map keyed by each word's freshly cut
 * string was two thirds of that. Here a plain ASCII word is looked up by its characters in an
 * open-addressing table, so a repeated one (nine in ten) is counted without making its string.
 */
import { forEachTerm, MAX_TERM_LENGTH, runTerms, scanRuns, type TokenizeOptions } from './tokenize';

/** A text's terms, counted once, in the order they first appear. */
export interface TermCounts {
  /** Terms in the text: the field's length. */
  length: number;
  terms: string[];
  tfs: number[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** An ASCII unit lower-cased. */
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

function hashOf(term: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < term.length; k++) h = Math.imul(h ^ term.charCodeAt(k), FNV_PRIME);
  return h;
}

/** One counting at a time; reused from text to text so its table is allocated once. */
class TermCounter {
  /** Entry number + 1 per slot, 0 when empty; its size a power of two, at most half full. */
  private table = new Int32Array(1024);
  private readonly used: number[] = [];
  private hashes: number[] = [];
  private counts: TermCounts = { length: 0, terms: [], tfs: [] };

  count(text: string, options: TokenizeOptions): TermCounts {
    this.counts = { length: 0, terms: [], tfs: [] };
    this.hashes = [];
    for (const slot of this.used) this.table[slot] = 0;
    this.used.length = 0;
    const add = (term: string) => this.add(term);
    // Stemming needs each word's string, so a stemmed count takes the long way.
    if (options.stem) forEachTerm(text, add, options);
    else scanRuns(text, (start, end) => this.addPlain(text, start, end), (run) => runTerms(run, add, options));
    return this.counts;
  }

  /** A plain ASCII word, text[start, end): its term is those units lower-cased. */
  private addPlain(text: string, start: number, end: number): void {
    if (end - start > MAX_TERM_LENGTH) return;
    let h = FNV_OFFSET;
    for (let k = start; k < end; k++) h = Math.imul(h ^ lower(text.charCodeAt(k)), FNV_PRIME);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.table[slot] as number) - 1;
      if (entry < 0) return this.insert(slot, h, text.slice(start, end).toLowerCase());
      const term = this.counts.terms[entry] as string;
      if (this.hashes[entry] === h && term.length === end - start && sameLowered(text, start, term)) return this.hit(entry);
    }
  }

  private add(term: string): void {
    const h = hashOf(term);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.table[slot] as number) - 1;
      if (entry < 0) return this.insert(slot, h, term);
      if (this.hashes[entry] === h && this.counts.terms[entry] === term) return this.hit(entry);
    }
  }

  private hit(entry: number): void {
    this.counts.tfs[entry] = (this.counts.tfs[entry] as number) + 1;
    this.counts.length++;
  }

  private insert(slot: number, h: number, term: string): void {
    const entry = this.counts.terms.length;
    this.counts.terms.push(term);
    this.counts.tfs.push(1);
    this.counts.length++;
    this.hashes.push(h);
    this.table[slot] = entry + 1;
    this.used.push(slot);
    if ((entry + 1) * 2 > this.table.length) this.grow();
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.used.length = 0;
    const mask = this.table.length - 1;
    this.hashes.forEach((h, entry) => {
      let slot = h & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = entry + 1;
      this.used.push(slot);
    });
  }
}

/** Whether text[start, start + term.length) lower-cased is `term` (plain ASCII). */
function sameLowered(text: string, start: number, term: string): boolean {
  for (let k = 0; k < term.length; k++) if (lower(text.charCodeAt(start + k)) !== term.charCodeAt(k)) return false;
  return true;
}

const counter = new TermCounter();

/** A text's terms and how often each occurs, in the order they first appear. */
export function countTerms(text: string, options: TokenizeOptions): TermCounts {
  return counter.count(text, options);
}
