import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type ListParams } from '../../../src/lib/list/params';
import { neighbours } from '../../../src/lib/list/neighbours';
import { NO_MARKS } from '../../../src/lib/list/masks';
import { ListQuery, queryList } from '../../../src/lib/list/query';
import { catalogOf, type Row } from '../helpers/catalog';

const row = (id: string, date: string | null, topics: string[]): Row => ({ id, date, topics });

// Split over shards out of date order, as several sources or overflow shards would be.
const catalog = catalogOf({
  '2024': [row('c', '2024-03-31T23:59:59Z', ['db']), row('b', '2024-03-01T00:00:00Z', ['rust', 'db']), row('a', '2024-01-15T10:00:00Z', ['rust'])],
  undated: [row('e', null, ['rust'])],
  '2025': [row('f', '2025-12-31T12:00:00Z', ['db', 'css']), row('d', '2025-06-10T08:00:00Z', ['css'])],
});

const q = (p: Partial<ListParams>) => queryList(catalog, { ...DEFAULT_PARAMS, ...p });
const ids = (p: Partial<ListParams>) => q(p).keys.map((key) => key.slice(2));

describe('queryList', () => {
  it('sorts newest first with undated last, and oldest first with undated still last', () => {
    expect(ids({})).toEqual(['f', 'd', 'c', 'b', 'a', 'e']);
    expect(ids({ sort: 'oldest' })).toEqual(['a', 'b', 'c', 'd', 'f', 'e']);
  });

  it('combines topics with "any" or "all"', () => {
    expect(ids({ topics: ['rust', 'css'] })).toEqual(['f', 'd', 'b', 'a', 'e']);
    expect(ids({ topics: ['rust', 'db'], match: 'all' })).toEqual(['b']);
  });

  it('filters inclusive UTC days and drops undated articles under a date filter', () => {
    expect(ids({ from: '2024-03-01', to: '2024-03-31' })).toEqual(['c', 'b']);
    expect(ids({ to: '2024-02-01' })).toEqual(['a']);
    expect(ids({ from: '2025-12-31' })).toEqual(['f']);
  });

  it('pages and clamps a page past the end', () => {
    const r = q({ size: 5, page: 2 });
    expect([r.total, r.pageCount, r.page, r.keys.map((key) => key.slice(2))]).toEqual([6, 2, 2, ['e']]);
    expect(q({ size: 5, page: 99 }).page).toBe(2);
    expect(q({ topics: ['none'] })).toMatchObject({ total: 0, pageCount: 1, keys: [] });
  });

  it('counts topics within the date range, independent of chosen topics with "any"', () => {
    const counts = q({ topics: ['css'], from: '2024-01-01', to: '2024-12-31' }).topicCounts.map(({ slug, count }) => ({ slug, count }));
    expect(counts).toEqual([
      { slug: 'db', count: 2 },
      { slug: 'rust', count: 2 },
    ]);
    expect(q({ topics: ['db'], match: 'all' }).topicCounts.map(({ slug, count }) => ({ slug, count }))).toEqual([
      { slug: 'db', count: 3 },
      { slug: 'css', count: 1 },
      { slug: 'rust', count: 1 },
    ]);
  });

  it('builds the year → month archive of the topic-filtered list, ignoring the date filter', () => {
    expect(q({ topics: ['db'], from: '2025-01-01' }).archive).toEqual([
      { year: 2025, count: 1, months: [{ month: 12, count: 1 }] },
      { year: 2024, count: 2, months: [{ month: 3, count: 2 }] },
    ]);
  });
});

describe('queryList with offline=1', () => {
  it('follows the stored-keys set, even when the filter is the same as the last one', () => {
    const params = { ...DEFAULT_PARAMS, offline: true };
    const stored = (keys: string[]) => ({ ...NO_MARKS, stored: new Set(keys) });
    expect(queryList(catalog, params, stored(['s/a', 's/f'])).keys).toEqual(['s/f', 's/a']);
    expect(queryList(catalog, params, stored(['s/d'])).keys).toEqual(['s/d']);
    expect(queryList(catalog, { ...params, page: 2, size: 5 }, stored(['s/d'])).page).toBe(1);
  });
});

describe('queryList with state=', () => {
  const marks = { ...NO_MARKS, read: new Set(['s/f', 's/b']), saved: new Set(['s/c']) };

  it('lists unread, read or saved articles, combined with topics', () => {
    expect(queryList(catalog, { ...DEFAULT_PARAMS, state: 'read' }, marks).keys).toEqual(['s/f', 's/b']);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, state: 'unread' }, marks).keys).toEqual(['s/d', 's/c', 's/a', 's/e']);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, state: 'unread', topics: ['db'] }, marks).keys).toEqual(['s/c']);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, state: 'saved' }, marks).keys).toEqual(['s/c']);
  });

  it('counts unread articles per topic and in the list', () => {
    const result = queryList(catalog, DEFAULT_PARAMS, marks);
    expect(result.unread).toBe(4);
    expect(result.topicCounts.find((t) => t.slug === 'db')).toEqual({ slug: 'db', count: 3, unread: 1 });
    expect(result.topicCounts.find((t) => t.slug === 'rust')).toEqual({ slug: 'rust', count: 3, unread: 2 });
  });

  it('follows new marks even when the filter is the same', () => {
    const lists = new ListQuery();
    const params = { ...DEFAULT_PARAMS, state: 'unread' as const };
    expect(lists.run(catalog, params, marks).total).toBe(4);
    expect(lists.run(catalog, params, { ...marks, read: new Set([...marks.read, 's/a']) }).total).toBe(3);
  });
});

describe('ListQuery', () => {
  it('answers like queryList, and reuses the filtered result across pages until the filter or catalogue changes', () => {
    const lists = new ListQuery();
    const params = { ...DEFAULT_PARAMS, topics: ['db'], size: 5 as const };
    const first = lists.run(catalog, params);
    expect(first).toEqual(queryList(catalog, params));
    const second = lists.run(catalog, { ...params, page: 2 });
    // Same filter: the counts are the very same arrays, not recomputed.
    expect(second.topicCounts).toBe(first.topicCounts);
    expect(lists.run(catalog, { ...params, topics: ['css'] }).topicCounts).not.toBe(first.topicCounts);
    const other = catalogOf({ '2026-01': [{ id: 'z', date: '2026-01-01T00:00:00Z', topics: ['db'] }] });
    expect(lists.run(other, params).keys).toEqual(['s/z']);
  });

  it('keeps the two most recently used filters, and none of another catalogue', () => {
    const lists = new ListQuery();
    const db = { ...DEFAULT_PARAMS, topics: ['db'] };
    const css = { ...DEFAULT_PARAMS, topics: ['css'] };
    const first = lists.run(catalog, db);
    const cssFirst = lists.run(catalog, css);
    expect(lists.run(catalog, db).topicCounts).toBe(first.topicCounts);
    expect(lists.run(catalog, css).topicCounts).toBe(cssFirst.topicCounts);
    // A third filter pushes out the least recently used (db).
    lists.run(catalog, DEFAULT_PARAMS);
    expect(lists.run(catalog, css).topicCounts).toBe(cssFirst.topicCounts);
    expect(lists.run(catalog, db).topicCounts).not.toBe(first.topicCounts);
    const other = catalogOf({ '2026-01': [{ id: 'z', date: '2026-01-01T00:00:00Z', topics: ['db'] }] });
    lists.run(other, db);
    expect(lists.run(catalog, css).topicCounts).not.toBe(cssFirst.topicCounts);
  });
});

describe('neighbours', () => {
  it('finds previous and next within the filtered, sorted list', () => {
    const n = neighbours(catalog, { ...DEFAULT_PARAMS, topics: ['db'] }, 's/c');
    expect([n.previous, n.next, n.position, n.total]).toEqual(['s/f', 's/b', 2, 3]);
    expect(neighbours(catalog, { ...DEFAULT_PARAMS, topics: ['css'] }, 's/a')).toMatchObject({ position: null, previous: null });
  });
});
