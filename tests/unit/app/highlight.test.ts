import { describe, expect, it } from 'vitest';
import { coverageNote, highlight, markedParts, matchRanges, resultsHeading, storingNote, summarySnippet } from '../../../src/lib/display/search';

const marked = (text: string, terms: string[]) => highlight(text, terms).filter((p) => p.mark).map((p) => p.text);

describe('search highlights', () => {
  it('marks whole words whose folded form is a matched term, in any case or accent', () => {
    expect(marked('Kubernetes in production: KUBERNETES operators', ['kubernetes'])).toEqual(['Kubernetes', 'KUBERNETES']);
    expect(marked('Un café à Zürich', ['cafe', 'zurich'])).toEqual(['café', 'Zürich']);
    expect(marked('Node.js and it’s cache', ['node', 'its'])).toEqual(['Node', 'it’s']);
    // A word inside another is not a match.
    expect(matchRanges('rusty rust', ['rust'])).toEqual([[6, 10]]);
  });

  it('marks CJK words with their UTF-16 offsets', () => {
    const title = '東京の天気と大阪';
    const ranges = matchRanges(title, ['東京', '大阪']);
    expect(ranges.map(([s, e]) => title.slice(s, e))).toEqual(['東京', '大阪']);
    expect(marked('カタカナのテスト', ['テスト'])).toEqual(['テスト']);
    // Offsets count UTF-16 units: an astral emoji before the word shifts it by two.
    const emoji = '😀 Rust';
    expect(matchRanges(emoji, ['rust'])).toEqual([[3, 7]]);
  });

  it('keeps every character of the text, in order, split into plain and marked parts', () => {
    const text = 'Ranking with BM25: ranking, again';
    const parts = highlight(text, ['ranking']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts).toEqual([
      { text: 'Ranking', mark: true },
      { text: ' with BM25: ', mark: false },
      { text: 'ranking', mark: true },
      { text: ', again', mark: false },
    ]);
    expect(highlight('nothing here', ['else'])).toEqual([{ text: 'nothing here', mark: false }]);
    expect(highlight('', ['x'])).toEqual([{ text: '', mark: false }]);
  });

  it('tidies ranges from elsewhere (a snippet): overlapping, reversed or past the end', () => {
    const parts = markedParts('abcdefgh', [[6, 20], [0, 2], [1, 3], [5, 4]]);
    expect(parts).toEqual([
      { text: 'abc', mark: true },
      { text: 'def', mark: false },
      { text: 'gh', mark: true },
    ]);
  });

  it('leaves markup in feed text as text', () => {
    const parts = highlight('<img src=x onerror=alert(1)> xss', ['xss', 'img']);
    expect(parts.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)> xss');
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['img', 'xss']);
  });

  it('cuts a summary around its matched words for a card with no stored body, as the worker cuts a body', () => {
    const summary = `${'Lead-in words about other things. '.repeat(8)}Then kubernetes operators reconcile state, ${'and more text follows here. '.repeat(6)}`;
    const cut = summarySnippet(summary, ['kubernetes']);
    expect(cut?.cutStart).toBe(true);
    expect(cut?.cutEnd).toBe(true);
    const [start, end] = cut?.highlights[0] ?? [0, 0];
    expect(cut?.text.slice(start, end)).toBe('kubernetes');
    expect(cut?.text.length).toBeLessThanOrEqual(180);
    // A short summary is shown whole, marked where it matches; a blank one gives nothing to show.
    expect(summarySnippet('Kubernetes, briefly.', ['kubernetes'])).toEqual({ text: 'Kubernetes, briefly.', highlights: [[0, 10]], cutStart: false, cutEnd: false });
    expect(summarySnippet('  ', ['kubernetes'])).toBeNull();
  });

  it('says a search during a first sync covers only the articles stored so far, found or not', () => {
    expect(storingNote(true)).toBe('Articles are still being stored: these results cover those stored so far, and more may join them as the rest arrive.');
    expect(storingNote(false)).toBe('Articles are still being stored: this search covers those stored so far, and its results fill in as the rest arrive.');
  });
  it('says what was searched and how much it covered', () => {
    expect(resultsHeading(12, 'kubernetes ')).toBe('12 results for “kubernetes”');
    expect(resultsHeading(1, 'rust')).toBe('1 result for “rust”');
    expect(resultsHeading(0, 'zzz')).toBe('No results for “zzz”');
    expect(resultsHeading(0, 'zzz', true)).toBe('No results for “zzz” with these filters');
    expect(resultsHeading(3, 'zzz', true)).toBe('3 results for “zzz”');
    expect(resultsHeading(1234, 'a')).toBe('1,234 results for “a”');
    expect(coverageNote('full')).toBeNull();
    expect(coverageNote('titles-and-summaries')).toMatch(/titles and summaries only/);
    expect(coverageNote('partial')).toMatch(/titles and summaries only/);
  });
});
