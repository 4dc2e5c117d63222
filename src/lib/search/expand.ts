/**
 * What each query word matches in the index: the word itself, and while it is typed its commonest
 * completions, and on the typo pass the index words within its edit budget, each a weighted variant
 * with its document frequencies and postings located in every segment.
 */
import type { ParsedQuery } from './query';
import { idf, type Stats } from './bm25';
import { slotOf, type Slot, type Variant } from './slot';
import type { TermPlaces } from './places';
import { typoBudget, type Vocabulary } from './vocabulary';

const PREFIX_WEIGHT = 0.75;
const TYPO_WEIGHT = [1, 0.5, 0.3] as const;

/**
 * How many completions a prefix expands to, the most frequent first. One or two letters say little
 * of the word and are typed past at once, yet their 40 commonest completions cover nearly every
 * document: at 100k, 60–190 ms a keystroke, which the next keystroke's search then waits behind.
 */
export function completionLimit(prefix: string): number {
  const letters = [...prefix].length;
  return letters <= 1 ? 4 : letters === 2 ? 10 : 40;
}

const TYPO_LIMIT = 12;

/**
 * Which words a pass matches with typos. Words the index lacks come first: a correct word's
 * near neighbours ("guides" for "guide") are read only when correcting the others finds too few.
 */
export type TypoWords = 'none' | 'unknown' | 'all';

const MAX_SLOTS = 32;

/** The index's words and where they are, as the searcher holds them: both change only with its segments. */
export class QueryWords {
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly places: TermPlaces,
  ) {}

  /** Doc frequency of a term in each part kind, summed over segments, and its postings in each. */
  private variant(term: string, weight: number, exact: boolean, stats: Stats): Variant {
    const { metaDf, bodyDf, at } = this.places.locate(term);
    return { term, weight, exact, metaDf, bodyDf, at, metaIdf: idf(metaDf, stats.docs), bodyIdf: idf(bodyDf, stats.bodyDocs) };
  }

  /**
   * Completions of a prefix share one idf, that of all of them together: a rare completion
   * ("cachecommand" for "cache") must not outscore the common word the reader is typing.
   */
  private completions(term: string, stats: Stats): Variant[] {
    const out = this.vocabulary.prefixed(term, completionLimit(term)).filter((t) => t !== term).map((t) => this.variant(t, PREFIX_WEIGHT, true, stats));
    const metaIdf = idf(Math.min(stats.docs, out.reduce((n, v) => n + v.metaDf, 0)), stats.docs);
    const bodyIdf = idf(Math.min(stats.bodyDocs, out.reduce((n, v) => n + v.bodyDf, 0)), stats.bodyDocs);
    for (const v of out) {
      v.metaIdf = Math.min(v.metaIdf, metaIdf);
      v.bodyIdf = Math.min(v.bodyIdf, bodyIdf);
    }
    return out;
  }

  slots(q: ParsedQuery, typos: TypoWords, stats: Stats): Slot[] {
    return q.required.slice(0, MAX_SLOTS).map(({ term, prefix }) => {
      const variants: Variant[] = [];
      const known = this.vocabulary.df(term) > 0;
      if (known) variants.push(this.variant(term, 1, true, stats));
      if (prefix) variants.push(...this.completions(term, stats));
      if (typos === 'all' || (typos === 'unknown' && !known && !prefix)) {
        for (const s of this.vocabulary.similar(term, typoBudget(term), TYPO_LIMIT)) {
          variants.push(this.variant(s.term, TYPO_WEIGHT[s.distance] ?? 0.2, false, stats));
        }
      }
      return slotOf(variants);
    });
  }
}
