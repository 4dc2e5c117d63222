/** Search results in words and marked text, for titles, snippets and article bodies. */
import type { SearchCoverage, Snippet } from '../model/search';
import { excerpt } from '../search/snippet';
import { tokenize } from '../search/tokenize';

/** A run of text, highlighted or not; shown as text nodes and `<mark>`, never as HTML. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/**
 * [start, end) ranges of the words of `text` that are among `terms` (folded index terms). The
 * text is split and folded exactly as the index was, so "Café" matches "cafe" and CJK words match.
 */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0 || text === '') return [];
  const wanted = new Set(terms);
  return tokenize(text).flatMap((t) => (wanted.has(t.term) ? [[t.start, t.end] as [number, number]] : []));
}

/** `text` cut into plain and marked parts; ranges out of bounds, reversed or overlapping are tidied. */
export function markedParts(text: string, ranges: readonly (readonly [number, number])[]): TextPart[] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const last = parts.at(-1);
    if (start < at && last?.mark) {
      // Overlapping ranges make one mark.
      last.text += text.slice(at, end);
      at = end;
      continue;
    }
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    parts.push({ text: text.slice(from, end), mark: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/**
 * A card's snippet where the device stores no body: its summary around the matched words, cut on
 * the page as the worker cuts a body's.
 */
export const summarySnippet = (summary: string, terms: readonly string[]): Snippet | null => excerpt(summary, terms);

/** The matched words of `text` marked. */
export function highlight(text: string, terms: readonly string[]): TextPart[] {
  return markedParts(text, matchRanges(text, terms));
}

/** The list's heading while searching: `12 results for “kubernetes”`; with nothing found, whether filters narrowed it. */
export function resultsHeading(total: number, query: string, filtered = false): string {
  const shown = query.trim();
  if (total === 0) return `No results for “${shown}”${filtered ? ' with these filters' : ''}`;
  return `${total.toLocaleString('en-US')} result${total === 1 ? '' : 's'} for “${shown}”`;
}

/** Said of a search asked while a first sync is still storing articles: it looked only at those stored so far. */
export function storingNote(found: boolean): string {
  return found
    ? 'Articles are still being stored: these results cover those stored so far, and more may join them as the rest arrive.'
    : 'Articles are still being stored: this search covers those stored so far, and its results fill in as the rest arrive.';
}

/** What the reader should know about a search that could not look at every article's text. */
export function coverageNote(coverage: SearchCoverage): string | null {
  switch (coverage) {
    case 'full':
      return null;
    case 'partial':
      return 'Some articles’ text is not indexed on this device yet: for those, these results cover titles and summaries only.';
    case 'titles-and-summaries':
      return 'These results cover titles and summaries only: the articles’ text is not indexed on this device yet.';
  }
}
