/**
 * Every term of every loaded segment once, with its summed doc frequency: where prefixes, typos
 * and "did you mean" look for words, so that 100 segments are not scanned 100 times.
 * Updated per segment on add and remove. The sorted view and the length buckets take new terms in
 * as they come (a body part fetched on demand adds thousands while the reader types: rebuilding
 * either view from every term after each part cost the next typo or prefix query most of its time);
 * a term that leaves, rarer, drops both views to be rebuilt on their next use.
 */

export interface Similar {
  term: string;
  distance: number;
  df: number;
}

/** Typos allowed for a word: 1 from 4 letters, 2 from 8 (in UTF-16 units: CJK words get none). */
export function typoBudget(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, the commonest
 * typo), or max + 1 as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Three reused rows: this runs for thousands of words per typo query.
  if (rows[0].length <= n) rows = [new Int32Array(n + 16), new Int32Array(n + 16), new Int32Array(n + 16)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n] as number, max + 1);
}

/** Terms of one length, with a letter signature each for a cheap pre-check. */
interface Bucket {
  terms: string[];
  signatures: number[];
}

/** A bit per character (code mod 32): one edit adds or removes at most one of them. */
function signature(term: string): number {
  let sig = 0;
  for (let i = 0; i < term.length; i++) sig |= 1 << (term.charCodeAt(i) & 31);
  return sig;
}

function addToBucket(buckets: Bucket[], term: string): void {
  const bucket = (buckets[term.length] ??= { terms: [], signatures: [] });
  bucket.terms.push(term);
  bucket.signatures.push(signature(term));
}

function bits(n: number): number {
  let count = 0;
  for (let v = n; v !== 0; v &= v - 1) count++;
  return count;
}

/** Answers kept per kind (prefixes, typos): a reader's next keystrokes ask the same words again. */
const REMEMBERED = 64;

/** A bounded map that forgets its oldest entry first. */
function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (cache.size >= REMEMBERED) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** Two sorted lists as one, in the same order as `Array.prototype.sort` gives strings. */
function merge(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as string) <= (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
}

export class Vocabulary {
  private readonly counts = new Map<string, number>();
  /** Every term in order once built; terms added since wait in `unsorted` for the next prefix lookup. */
  private sorted: string[] | null = null;
  private unsorted: string[] = [];
  private byLength: Bucket[] | null = null;
  private readonly prefixes = new Map<string, string[]>();
  private readonly typos = new Map<string, Similar[]>();

  get size(): number {
    return this.counts.size;
  }

  add(term: string, df: number): void {
    const had = this.counts.get(term);
    this.counts.set(term, (had ?? 0) + df);
    if (had === undefined) {
      if (this.sorted) this.unsorted.push(term);
      if (this.byLength) addToBucket(this.byLength, term);
    }
    this.forgetAnswers();
  }

  remove(term: string, df: number): void {
    const left = (this.counts.get(term) ?? 0) - df;
    if (left > 0) this.counts.set(term, left);
    else if (this.counts.delete(term)) {
      this.sorted = this.byLength = null;
      this.unsorted = [];
    }
    this.forgetAnswers();
  }

  /** Kept answers carry frequencies, and miss new terms: any change empties them. */
  private forgetAnswers(): void {
    if (this.prefixes.size > 0) this.prefixes.clear();
    if (this.typos.size > 0) this.typos.clear();
  }

  private sortedTerms(): string[] {
    if (!this.sorted) {
      this.sorted = [...this.counts.keys()].sort();
      this.unsorted = [];
    } else if (this.unsorted.length > 0) {
      this.sorted = merge(this.sorted, this.unsorted.sort());
      this.unsorted = [];
    }
    return this.sorted;
  }

  df(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** Terms that start with `prefix` (itself included), the most frequent `limit` of them. */
  prefixed(prefix: string, limit: number): string[] {
    return remember(this.prefixes, `${limit}\u0000${prefix}`, () => this.findPrefixed(prefix, limit));
  }

  private findPrefixed(prefix: string, limit: number): string[] {
    const terms = this.sortedTerms();
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((terms[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < terms.length && (terms[end] as string).startsWith(prefix)) end++;
    if (end - lo <= limit) return terms.slice(lo, end);
    // The most frequent `limit`, ties in dictionary order: one pass keeping a short sorted list.
    const dfs = Float64Array.from({ length: end - lo }, (_, k) => this.df(terms[lo + k] as string));
    const best: number[] = [];
    for (let i = 0; i < dfs.length; i++) {
      const df = dfs[i] as number;
      if (best.length === limit && df <= (dfs[best[limit - 1] as number] as number)) continue;
      let at = best.length;
      while (at > 0 && (dfs[best[at - 1] as number] as number) < df) at--;
      best.splice(at, 0, i);
      if (best.length > limit) best.pop();
    }
    return best.map((i) => terms[lo + i] as string);
  }

  /** Terms within `max` edits of `term` (not itself), closest then most frequent first. */
  similar(term: string, max: number, limit = 20): Similar[] {
    if (max <= 0) return [];
    return remember(this.typos, `${max}\u0000${limit}\u0000${term}`, () => this.findSimilar(term, max, limit));
  }

  private findSimilar(term: string, max: number, limit: number): Similar[] {
    this.byLength ??= this.bucketByLength();
    const out: Similar[] = [];
    const sig = signature(term);
    for (let length = Math.max(1, term.length - max); length <= term.length + max; length++) {
      const bucket = this.byLength[length];
      if (!bucket) continue;
      for (let i = 0; i < bucket.terms.length; i++) {
        const other = bucket.signatures[i] as number;
        if (bits(sig & ~other) > max || bits(other & ~sig) > max) continue;
        const candidate = bucket.terms[i] as string;
        if (candidate === term) continue;
        const distance = editDistance(term, candidate, max);
        if (distance <= max) out.push({ term: candidate, distance, df: this.df(candidate) });
      }
    }
    return out.sort((a, b) => a.distance - b.distance || b.df - a.df).slice(0, limit);
  }

  private bucketByLength(): Bucket[] {
    const buckets: Bucket[] = [];
    for (const term of this.counts.keys()) addToBucket(buckets, term);
    return buckets;
  }
}
