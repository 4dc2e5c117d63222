import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedArbitraries } from '../../corpus/arbitraries';
import { checkRefusal, checkSaneFeed, readCase } from '../../corpus/check';
import { fileCases, largeCases, loadCorpus, sampledCases, type CorpusCase } from '../../corpus/index';

/** The contract: parsed into a sane feed, or refused with a FeedParseError that says what is wrong. */
function check({ text, expect: expected }: Pick<CorpusCase, 'text' | 'expect'>): void {
  const outcome = readCase(text);
  if (outcome.kind === 'parsed') {
    checkSaneFeed(outcome.feed);
    if (expected === 'reject') throw new Error(`expected a refusal, but it parsed: ${outcome.feed.articles.length} articles`);
  } else {
    checkRefusal(outcome.error);
    if (expected === 'parse') throw new Error(`expected it to parse, but: ${outcome.error.message}`);
  }
}

describe('corpus', () => {
  it('holds at least 200 hand-written cases, for every format, with small files', () => {
    const cases = fileCases();
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const format of ['rss', 'atom', 'jsonfeed', 'hugo', 'other']) {
      expect(cases.filter((c) => c.name.startsWith(`files/${format}/`)).length, format).toBeGreaterThanOrEqual(20);
    }
    for (const c of cases) expect(c.text.length, c.name).toBeLessThan(100_000);
    expect(loadCorpus({ samplesPerFormat: 3 }).length).toBe(cases.length + 12);
  });
});

describe('every hand-written case parses sanely or is refused with a FeedParseError', () => {
  it.each(fileCases().map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});

describe('sampled generated cases', () => {
  it.each(sampledCases(25).map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});

describe('properties: generated hostile feeds of every format', () => {
  for (const [format, arbitrary] of Object.entries(feedArbitraries())) {
    it(`${format}`, { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          check({ text });
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('large generated cases', () => {
  // Built once, here, at run time: 100k-item feeds of each format and inputs of 21 MB and 50 MB.
  for (const c of largeCases()) {
    it(c.name, { timeout: 120_000 }, () => {
      const outcome = readCase(c.text);
      if (c.expect === 'parse') {
        if (outcome.kind !== 'parsed') throw new Error(`expected it to parse, but: ${outcome.error.message}`);
        checkSaneFeed(outcome.feed);
        expect(outcome.feed.articles).toHaveLength(c.articles ?? 100_000);
      } else {
        if (outcome.kind !== 'rejected') throw new Error('expected a refusal');
        checkRefusal(outcome.error);
        expect(outcome.error.message).toMatch(c.message ?? /^The feed is too large: \d+(\.\d)? MB, over the 20 MB limit\.$/);
      }
    });
  }
});
