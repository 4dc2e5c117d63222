import { describe, expect, it } from 'vitest';
import { pickTopics } from '../../../src/lib/list/topics';

const counts = [
  { slug: 'rust', name: 'Rust', count: 9, unread: 9 },
  { slug: 'web-design', name: 'Web Design', count: 5, unread: 0 },
  { slug: 'css', name: 'CSS', count: 3, unread: 1 },
  { slug: 'databases', name: 'Databases', count: 1, unread: 1 },
];

describe('pickTopics', () => {
  it('puts chosen topics first, even with no articles, then the most used up to the limit', () => {
    const { shown, hidden } = pickTopics(counts, ['css', 'gone'], '', 3, (s) => s.toUpperCase());
    expect(shown.map((t) => [t.slug, t.name, t.count])).toEqual([
      ['css', 'CSS', 3],
      ['gone', 'GONE', 0],
      ['rust', 'Rust', 9],
    ]);
    expect(hidden).toBe(2);
  });

  it('searches names and slugs', () => {
    expect(pickTopics(counts, [], 'design', 10).shown.map((t) => t.slug)).toEqual(['web-design']);
    expect(pickTopics(counts, [], 'DATA', 10).shown.map((t) => t.slug)).toEqual(['databases']);
  });
});
