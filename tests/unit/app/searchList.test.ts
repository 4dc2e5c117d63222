import { describe, expect, it } from 'vitest';
import { neighbours } from '../../../src/lib/list/neighbours';
import { DEFAULT_PARAMS, type ListParams } from '../../../src/lib/list/params';
import { ListQuery, queryList } from '../../../src/lib/list/query';
import type { SearchHits } from '../../../src/lib/list/search';
import { catalogOf, type Row } from '../helpers/catalog';
import { searchHits } from '../helpers/hits';

const row = (id: string, date: string | null, topics: string[]): Row => ({ id, date, topics });

const catalog = catalogOf({
  '2024': [row('c', '2024-03-31T23:59:59Z', ['db']), row('b', '2024-03-01T00:00:00Z', ['rust', 'db']), row('a', '2024-01-15T10:00:00Z', ['rust'])],
  undated: [row('e', null, ['rust'])],
  '2025': [row('f', '2025-12-31T12:00:00Z', ['db', 'css']), row('d', '2025-06-10T08:00:00Z', ['css'])],
});

// Best first, as a search backend answers; "gone" is not in the catalogue (a source just removed).
const hits: SearchHits = searchHits(catalog, 'x', ['s/b', 's/gone', 's/e', 's/f', 's/a']);
const searching = (p: Partial<ListParams>): ListParams => ({ ...DEFAULT_PARAMS, q: 'x', sort: 'relevance', ...p });
const ids = (p: Partial<ListParams>, h: SearchHits | null = hits) => queryList(catalog, searching(p), undefined, h).keys.map((k) => k.slice(2));

describe('a search combined with the list filters', () => {
  it('keeps only hits, ranked by the hits order with relevance', () => {
    expect(ids({})).toEqual(['b', 'e', 'f', 'a']);
    expect(queryList(catalog, searching({}), undefined, hits).total).toBe(4);
  });

  it('orders the same hits by date when newest or oldest is chosen', () => {
    expect(ids({ sort: 'newest' })).toEqual(['f', 'b', 'a', 'e']);
    expect(ids({ sort: 'oldest' })).toEqual(['a', 'b', 'f', 'e']);
  });

  it('intersects the hits with topics (any and all) and dates', () => {
    expect(ids({ topics: ['rust'] })).toEqual(['b', 'e', 'a']);
    expect(ids({ topics: ['rust', 'db'], match: 'all' })).toEqual(['b']);
    expect(ids({ topics: ['css', 'rust'] })).toEqual(['b', 'e', 'f', 'a']);
    expect(ids({ from: '2024-01-01', to: '2024-12-31' })).toEqual(['b', 'a']);
    expect(ids({ topics: ['rust'], from: '2024-02-01', to: '2024-12-31' })).toEqual(['b']);
  });

  it('intersects the hits with source, offline and reading state', () => {
    const marks = { stored: new Set(['s/a', 's/c']), read: new Set(['s/b']), saved: new Set(['s/e']) };
    const with_ = (p: Partial<ListParams>) => queryList(catalog, searching(p), marks, hits).keys.map((k) => k.slice(2));
    expect(with_({ offline: true })).toEqual(['a']);
    expect(with_({ state: 'unread' })).toEqual(['e', 'f', 'a']);
    expect(with_({ state: 'saved' })).toEqual(['e']);
    expect(with_({ source: 's' })).toEqual(['b', 'e', 'f', 'a']);
    expect(with_({ source: 'other' })).toEqual([]);
    expect(queryList(catalog, searching({}), marks, hits).unread).toBe(3);
  });

  it('counts topics and archive months over the hits only', () => {
    const result = queryList(catalog, searching({}), undefined, hits);
    expect(result.topicCounts.map(({ slug, count }) => [slug, count])).toEqual([['rust', 3], ['db', 2], ['css', 1]]);
    expect(result.archive).toEqual([
      { year: 2025, count: 1, months: [{ month: 12, count: 1 }] },
      { year: 2024, count: 2, months: [{ month: 3, count: 1 }, { month: 1, count: 1 }] },
    ]);
    // Without the search, the same filter counts every article.
    expect(queryList(catalog, DEFAULT_PARAMS).topicCounts.find((t) => t.slug === 'db')?.count).toBe(3);
  });

  it('with a date range, counts the archive over every hit, whatever its date, and no article that missed', () => {
    const result = queryList(catalog, searching({ from: '2025-01-01', to: '2025-12-31' }), undefined, hits);
    expect(result.keys.map((k) => k.slice(2))).toEqual(['f']);
    expect(result.archive).toEqual([
      { year: 2025, count: 1, months: [{ month: 12, count: 1 }] },
      { year: 2024, count: 2, months: [{ month: 3, count: 1 }, { month: 1, count: 1 }] },
    ]);
    // With "any" topics, a topic's count is over the hits in the dates, not over the topic's own.
    const anyTopic = queryList(catalog, searching({ topics: ['css', 'rust'], from: '2024-01-01', to: '2024-12-31' }), undefined, hits);
    expect(anyTopic.topicCounts.map(({ slug, count }) => [slug, count])).toEqual([['rust', 2], ['db', 1]]);
  });

  it('finds nothing when the search matched nothing, and applies no search without a query', () => {
    expect(ids({}, searchHits(catalog, 'x', []))).toEqual([]);
    expect(queryList(catalog, searching({}), undefined, searchHits(catalog, 'x', [])).topicCounts).toEqual([]);
    expect(queryList(catalog, DEFAULT_PARAMS, undefined, hits).total).toBe(6);
  });

  it('recomputes when new hits arrive for the same parameters, and pages through them', () => {
    const lists = new ListQuery();
    expect(lists.run(catalog, searching({ size: 5 }), undefined, hits).keys).toHaveLength(4);
    const next: SearchHits = searchHits(catalog, 'x', ['s/d', 's/c', 's/b', 's/a', 's/f', 's/e']);
    expect(lists.run(catalog, searching({ size: 5, page: 2 }), undefined, next).keys).toEqual(['s/e']);
    expect(lists.keys(catalog, searching({}), undefined, next)).toEqual(['s/d', 's/c', 's/b', 's/a', 's/f', 's/e']);
  });

  it('reuses the last result for the next keystroke while it shows the last answer, and refilters for its own', () => {
    const lists = new ListQuery();
    const first = lists.run(catalog, searching({ q: 'ru' }), undefined, hits);
    const typed = lists.run(catalog, searching({ q: 'rus' }), undefined, hits);
    // The same hits give the same list: the counts are the very arrays already made.
    expect(typed.topicCounts).toBe(first.topicCounts);
    expect(typed.archive).toBe(first.archive);
    const own: SearchHits = searchHits(catalog, 'rus', ['s/a', 's/e']);
    const answered = lists.run(catalog, searching({ q: 'rus' }), undefined, own);
    expect(answered.keys).toEqual(['s/a', 's/e']);
    expect(answered.topicCounts.map(({ slug, count }) => [slug, count])).toEqual([['rust', 2]]);
    // No query any more: the whole list, whatever hits are passed.
    expect(lists.run(catalog, { ...DEFAULT_PARAMS }, undefined, own).total).toBe(6);
  });

  it('gives previous and next within the ranked hits', () => {
    expect(neighbours(catalog, searching({}), 's/e', undefined, hits)).toEqual({ previous: 's/b', next: 's/f', position: 2, total: 4 });
    expect(neighbours(catalog, searching({}), 's/c', undefined, hits).position).toBeNull();
  });
});
