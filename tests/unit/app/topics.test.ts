import { describe, expect, it } from 'vitest';
import { noTopicsText, pickTopics } from '../../../src/lib/list/topics';

const names: Record<string, string> = { rust: 'Rust', 'web-design': 'Web Design', css: 'CSS', databases: 'Databases' };
const nameOf = (slug: string): string => names[slug] ?? slug.toUpperCase();
const counts = [
  { slug: 'rust', count: 9, unread: 9 },
  { slug: 'web-design', count: 5, unread: 0 },
  { slug: 'css', count: 3, unread: 1 },
  { slug: 'databases', count: 1, unread: 1 },
];

describe('pickTopics', () => {
  it('puts chosen topics first, even with no articles, then the most used up to the limit', () => {
    const { shown, hidden } = pickTopics(counts, ['css', 'gone'], '', 3, nameOf);
    expect(shown.map((t) => [t.slug, t.name, t.count])).toEqual([
      ['css', 'CSS', 3],
      ['gone', 'GONE', 0],
      ['rust', 'Rust', 9],
    ]);
    expect(hidden).toBe(2);
  });

  it('searches names and slugs', () => {
    expect(pickTopics(counts, [], 'design', 10, nameOf).shown.map((t) => t.slug)).toEqual(['web-design']);
    expect(pickTopics(counts, [], 'DATA', 10, nameOf).shown.map((t) => t.slug)).toEqual(['databases']);
    expect(pickTopics(counts, [], 'data', 10).shown.map((t) => t.slug)).toEqual(['databases']);
  });

  it('looks names up only for the topics it shows, unless a search needs them all', () => {
    const asked: string[] = [];
    const naming = (slug: string) => (asked.push(slug), nameOf(slug));
    const { shown, hidden } = pickTopics(counts, ['css'], '', 2, naming);
    expect(shown.map((t) => t.name)).toEqual(['CSS', 'Rust']);
    expect(hidden).toBe(2);
    expect(asked.sort()).toEqual(['css', 'rust']);
    asked.length = 0;
    expect(pickTopics(counts, [], 'design', 10, naming).shown.map((t) => t.name)).toEqual(['Web Design']);
    expect(asked).toHaveLength(counts.length);
  });
});

describe('noTopicsText', () => {
  it('names the topic search that found nothing', () => {
    expect(noTopicsText(' web ', '')).toBe('No topic matches “web”.');
    expect(noTopicsText('web', 'rust')).toBe('No topic matches “web”.');
  });
  it('without a topic search, says the listed articles have no topics, never quoting an empty search', () => {
    expect(noTopicsText('', 'zzqx')).toBe('No topics among the results.');
    expect(noTopicsText('  ', '')).toBe('No topics among these articles.');
  });
});
