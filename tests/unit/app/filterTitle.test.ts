import { describe, expect, it } from 'vitest';
import { describeDates, filterTitle } from '../../../src/app/shared/filterTitle';
import { DEFAULT_PARAMS, type ListParams } from '../../../src/lib/list/params';
import { parseRoute, topicsHref } from '../../../src/lib/router/routes';
import { topicIndex } from '../../../src/lib/list/topics';

const names: Record<string, string> = { kubernetes: 'Kubernetes', rust: 'Rust', go: 'Go' };
const title = (p: Partial<ListParams>) => filterTitle({ ...DEFAULT_PARAMS, ...p }, (s) => names[s] ?? s, (id) => `Blog ${id}`);

describe('the words for a filtered list', () => {
  it('name the topics and dates: the heading and the back link', () => {
    expect(title({})).toBe('All articles');
    expect(title({ topics: ['kubernetes'], from: '2026-03-01', to: '2026-03-31' })).toBe('Kubernetes · March 2026');
    expect(title({ topics: ['rust', 'go'] })).toBe('Rust or Go');
    expect(title({ topics: ['rust', 'go'], match: 'all' })).toBe('Rust and Go');
    expect(title({ state: 'unread', offline: true, source: 'a' })).toBe('From Blog a · Unread · Available offline');
  });

  it('format dates as readers read them', () => {
    expect(describeDates('2026-03-09', '2026-03-09')).toBe('March 9, 2026');
    expect(describeDates('2026-02-01', '2026-02-28')).toBe('February 2026');
    expect(describeDates('2024-02-01', '2024-02-29')).toBe('February 2024');
    expect(describeDates('2025-01-01', '2025-12-31')).toBe('2025');
    expect(describeDates('2026-03-02', '2026-03-31')).toBe('March 2, 2026 – March 31, 2026');
    expect(describeDates('2026-03-09', null)).toBe('Since March 9, 2026');
    expect(describeDates(null, '2026-03-09')).toBe('Until March 9, 2026');
    expect(describeDates(null, null)).toBeNull();
  });
});

describe('the topics page', () => {
  it('has its own route', () => {
    expect(parseRoute(new URL('https://x.test/app/topics'), '/app/').name).toBe('topics');
    expect(topicsHref('/app/')).toBe('/app/topics');
  });

  it('lists topics A–Z by letter, narrowed by word starts', () => {
    const t = (name: string, count = 1) => ({ slug: name.toLowerCase().replace(/\s+/g, '-'), name, count, unread: 0 });
    const all = [t('Zero Trust'), t('rust'), t('Rust Async'), t('AI', 9), t('5G'), t('Édition')];
    expect(topicIndex(all, '').map((g) => [g.letter, g.topics.map((x) => x.name)])).toEqual([
      ['#', ['5G']],
      ['A', ['AI']],
      ['E', ['Édition']],
      ['R', ['rust', 'Rust Async']],
      ['Z', ['Zero Trust']],
    ]);
    expect(topicIndex(all, 'rust').flatMap((g) => g.topics.map((x) => x.name))).toEqual(['rust', 'Rust Async']);
    expect(topicIndex(all, 'nothing')).toEqual([]);
  });
});
