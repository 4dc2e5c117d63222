import { describe, expect, it } from 'vitest';
import { fold, forEachTerm, MAX_TERM_LENGTH, stem, terms, tokenize } from '../../../src/lib/search/tokenize';
import { parseQuery } from '../../../src/lib/search/query';

/** A small seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

// ASCII letters, digits, apostrophes and splitters, then the cases the scan hands to the long way:
// a curly apostrophe, diacritics (precomposed and combining), Kelvin sign, dotted I, fullwidth, Greek,
// Han and kana, an astral letter, lone surrogate halves, a non-breaking and an ideographic space.
const PIECES = ['a', 'Z', 'q', '7', "'", ' ', '.', '-', '_', '\n', 'é', 'e\u0301', '\u2019', '\u212A', 'İ', 'Ｆ', 'λ', '分布', 'ガイ', '\u{1D400}', '\uD800', '\uDC00', '\u00A0', '\u3000', 'x'.repeat(MAX_TERM_LENGTH), 'ß'];

describe('forEachTerm', () => {
  it('emits exactly the terms tokenize finds, on text of every kind', () => {
    const next = random(7);
    for (let round = 0; round < 400; round++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      for (const options of [{}, { stem: true }]) {
        const emitted: string[] = [];
        forEachTerm(text, (t) => void emitted.push(t), options);
        expect(emitted, JSON.stringify(text)).toEqual(tokenize(text, options).map((t) => t.term));
      }
    }
  });

  it('drops a plain word over the length limit and keeps one at it', () => {
    const emitted: string[] = [];
    forEachTerm(`${'a'.repeat(MAX_TERM_LENGTH)} ${'b'.repeat(MAX_TERM_LENGTH + 1)} it's`, (t) => void emitted.push(t));
    expect(emitted).toEqual(['a'.repeat(MAX_TERM_LENGTH), 'its']);
  });
});

describe('tokenize', () => {
  it('folds case, diacritics and compatibility forms', () => {
    expect(terms('Café CRÈME Ｆｕｌｌｗｉｄｔｈ naïve Ångström')).toEqual(['cafe', 'creme', 'fullwidth', 'naive', 'angstrom']);
    expect(fold('Straße')).toBe('straße');
  });

  it('keeps Japanese voiced kana, which are marks outside the Latin diacritics', () => {
    expect(fold('ガイド')).toBe('ガイド');
  });

  it('splits Chinese and Japanese into words with Intl.Segmenter', () => {
    const zh = terms('分布式系统设计指南');
    expect(zh.length).toBeGreaterThan(1);
    expect(zh.join('')).toBe('分布式系统设计指南');
    const ja = terms('Kubernetesの使い方');
    expect(ja[0]).toBe('kubernetes');
    expect(ja.length).toBeGreaterThan(2);
  });

  it('splits on dots and underscores, drops apostrophes inside words', () => {
    expect(terms("node.js it's snake_case don’t")).toEqual(['node', 'js', 'its', 'snake', 'case', 'dont']);
  });

  it('gives offsets into the original text', () => {
    const text = 'Hello, Wörld! 你好世界';
    for (const t of tokenize(text)) expect(fold(text.slice(t.start, t.end))).toBe(t.term);
  });

  it('stems plurals only', () => {
    expect(['caches', 'queries', 'class', 'classes', 'status', 'analysis', 'bus', 'run'].map(stem)).toEqual([
      'cache',
      'query',
      'class',
      'class',
      'status',
      'analysis',
      'bus',
      'run',
    ]);
  });
});

describe('parseQuery', () => {
  it('makes the last word a prefix only while it is typed', () => {
    expect(parseQuery('redis clus').required).toEqual([
      { term: 'redis', prefix: false },
      { term: 'clus', prefix: true },
    ]);
    expect(parseQuery('redis clus ').required.at(-1)?.prefix).toBe(false);
  });

  it('reads phrases, exclusions and excluded phrases', () => {
    const q = parseQuery('"event sourcing" cqrs -kafka -"message queue"');
    expect(q.phrases).toEqual([['event', 'sourcing']]);
    expect(q.required.map((r) => r.term)).toEqual(['event', 'sourcing', 'cqrs']);
    expect(q.excluded).toEqual(['kafka']);
    expect(q.excludedPhrases).toEqual([['message', 'queue']]);
    expect(q.required.some((r) => r.prefix)).toBe(false);
  });

  it('treats an unclosed quote at the end as a phrase being typed', () => {
    const q = parseQuery('"load bal');
    expect(q.phrases).toEqual([['load', 'bal']]);
    expect(q.required.at(-1)).toEqual({ term: 'bal', prefix: true });
  });
});
