/** A plain-text excerpt around the best match in a doc's text, with ranges to highlight (no HTML). */
import { tokenize, type TokenizeOptions } from './tokenize';

export interface Snippet {
  text: string;
  /** [start, end) ranges in `text` to highlight. */
  highlights: [number, number][];
  /** Where `text` starts in the full text: the UI shows an ellipsis when it is above 0. */
  start: number;
  /** True when the full text goes on after the excerpt. */
  truncated: boolean;
}

export interface SnippetOptions extends TokenizeOptions {
  /** Target length in characters (default 180). */
  length?: number;
}

interface Match {
  start: number;
  end: number;
  term: string;
}

/** The window of at most `length` characters holding the most distinct terms, then the most matches. */
function bestWindow(matches: readonly Match[], length: number): [number, number] {
  let best: [number, number] = [0, 0];
  let bestScore = -1;
  let j = 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < matches.length; i++) {
    const first = matches[i] as Match;
    while (j < matches.length && (matches[j] as Match).end - first.start <= length) {
      const t = (matches[j] as Match).term;
      counts.set(t, (counts.get(t) ?? 0) + 1);
      j++;
    }
    const score = counts.size * 1000 + (j - i);
    if (score > bestScore) [best, bestScore] = [[i, j], score];
    const t = first.term;
    const left = (counts.get(t) ?? 1) - 1;
    if (left > 0) counts.set(t, left);
    else counts.delete(t);
  }
  return best;
}

/** Moves `at` back to just after the previous whitespace, unless that is too far. */
function snapStart(text: string, at: number): number {
  if (at <= 0) return 0;
  const space = text.lastIndexOf(' ', at);
  return space >= 0 && at - space < 20 ? space + 1 : at;
}

/**
 * An excerpt of `text` around the densest cluster of `terms` (index terms, as a hit's `terms`).
 * Without a match it is the text's beginning.
 */
export function makeSnippet(text: string, terms: readonly string[], options: SnippetOptions = {}): Snippet {
  const length = options.length ?? 180;
  const wanted = new Set(terms);
  const matches: Match[] = tokenize(text, options).filter((t) => wanted.has(t.term));
  let start = 0;
  // A text that fits is shown whole: cutting its first words would only hide them.
  if (matches.length > 0 && text.length > length) {
    const [i, j] = bestWindow(matches, length);
    const first = matches[i] as Match;
    const last = matches[j - 1] as Match;
    // Some context before the first match, as much as the window leaves.
    const context = Math.max(0, Math.min(40, length - (last.end - first.start)) >> 1);
    start = snapStart(text, first.start - context);
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  const highlights: [number, number][] = matches
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => [m.start - start, m.end - start]);
  return { text: text.slice(start, end), highlights, start, truncated: end < text.length };
}

/** An excerpt as a reader sees it: ellipses where the text was cut. Null for blank text. */
export interface Excerpt {
  text: string;
  highlights: [number, number][];
  cutStart: boolean;
  cutEnd: boolean;
}

/** `makeSnippet` for showing, from a stored body in the search worker or a summary on the page. */
export function excerpt(text: string | null, terms: readonly string[]): Excerpt | null {
  if (text === null || text.trim() === '') return null;
  const s = makeSnippet(text, terms);
  return { text: s.text, highlights: s.highlights, cutStart: s.start > 0, cutEnd: s.truncated };
}
