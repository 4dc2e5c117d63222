/** What a search is asked and what it answers, and how a stepped search is run at once. */
import type { ParsedQuery } from './query';
import type { Hit } from './hit';

export interface SearchOptions {
  /** Most hits returned (default 20). */
  limit?: number;
  /**
   * Typo tolerance (default true). Typo variants are looked for, in a later pass so that the common
   * case pays nothing for them, first of the words the index lacks, then of every word when fewer
   * than `typoBelow` docs (default 3) have been found.
   */
  typos?: boolean;
  typoBelow?: number;
}

export type Coverage = 'full' | 'partial' | 'titles-and-summaries';

export interface SearchResult {
  hits: Hit[];
  /** Matching docs in all segments (hits holds the best `limit`). */
  total: number;
  /** 'titles-and-summaries' when no loaded segment has its body part, 'partial' when some lack it. */
  coverage: Coverage;
  /** Every index term that matched, for highlighting beyond the hits' own terms. */
  terms: string[];
  /** Phrases the hits were not checked for yet: see filterPhrases. */
  query: ParsedQuery;
  /** When nothing matched: queries built from the index's own words that do match. */
  suggestions: string[];
}

/** Runs a stepped search to its end at once. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
