import { describe, expect, it } from 'vitest';
import { MAX_TOPICS_PER_ARTICLE } from '../../../src/lib/feed/limits';
import { articleTopics, topicSlugs } from '../../../src/lib/feed/topics';

const slugsOf = (terms: string[]) => [...articleTopics(terms.map((term) => ({ term }))).names.keys()];

describe('topicSlugs', () => {
  it('gives the slugs articleTopics gives, in order, each once', () => {
    const cases = [
      ['Rust', 'rust', 'ru\u200Bst', 'ｒｕｓｔ', 'Go'],
      ['', '   ', 'Web Dev', 'web-dev', 'C++', 'C#'],
      ['__proto__', 'constructor', 'hasOwnProperty'],
      ['rуst', 'rust', 'Rust'],
    ];
    for (const terms of cases) expect(topicSlugs(terms, new Map()).slugs, terms.join('|')).toEqual(slugsOf(terms));
  });

  it(`keeps the first ${MAX_TOPICS_PER_ARTICLE} and counts the terms it did not read`, () => {
    const terms = Array.from({ length: MAX_TOPICS_PER_ARTICLE + 10 }, (_, i) => `topic ${i}`);
    const { slugs, ignored } = topicSlugs(['topic 0', ...terms], new Map());
    expect(slugs).toEqual(slugsOf(terms).slice(0, MAX_TOPICS_PER_ARTICLE));
    expect(ignored).toBe(10);
    expect(articleTopics(['topic 0', ...terms].map((term) => ({ term }))).ignored).toBe(10);
  });

  it('makes each term’s slug once per memo', () => {
    const memo = new Map<string, string>();
    topicSlugs(['Rust', 'Go'], memo);
    memo.set('Go', 'remembered');
    expect(topicSlugs(['Go', 'Rust'], memo).slugs).toEqual(['remembered', 'rust']);
    expect([...memo.keys()]).toEqual(['Rust', 'Go']);
  });
});
