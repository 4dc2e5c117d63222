import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../src/lib/db/records';
import { buildCatalog } from '../../../src/lib/list/catalog';
import { DEFAULT_PARAMS, type ListParams } from '../../../src/lib/list/params';
import { neighbours, pageOf, pageWindow, queryList } from '../../../src/lib/list/query';

function row(id: string, date: string | null, topics: string[]): ArticleRecord {
  return {
    key: `s/${id}`, sourceId: 's', id, slug: id, url: '', title: id, date: date === null ? null : Date.parse(date),
    topics, author: null, summary: '', summaryTruncated: false, words: 1, readingMinutes: 1,
    bodyHref: null, bodyHash: null, bodyBytes: 0, shard: 's/x',
  };
}

const catalog = buildCatalog([
  row('a', '2024-01-15T10:00:00Z', ['rust']),
  row('b', '2024-03-01T00:00:00Z', ['rust', 'db']),
  row('c', '2024-03-31T23:59:59Z', ['db']),
  row('d', '2025-06-10T08:00:00Z', ['css']),
  row('e', null, ['rust']),
  row('f', '2025-12-31T12:00:00Z', ['db', 'css']),
]);

// Bodies on the device: only these pass the `offline=1` filter; every other filter ignores them.
const stored: ReadonlySet<string> = new Set(['s/b', 's/d', 's/e', 's/gone']);
const q = (p: Partial<ListParams>) => queryList(catalog, { ...DEFAULT_PARAMS, ...p }, stored);
const ids = (p: Partial<ListParams>) => q(p).items.map((a) => a.id);

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
    expect([r.total, r.pageCount, r.page, r.items.map((a) => a.id)]).toEqual([6, 2, 2, ['e']]);
    expect(q({ size: 5, page: 99 }).page).toBe(2);
    expect(q({ topics: ['none'] })).toMatchObject({ total: 0, pageCount: 1, items: [] });
  });

  it('counts topics within the date range, independent of chosen topics with "any"', () => {
    const counts = q({ topics: ['css'], from: '2024-01-01', to: '2024-12-31' }).topicCounts;
    expect(counts).toEqual([
      { slug: 'db', count: 2 },
      { slug: 'rust', count: 2 },
    ]);
    expect(q({ topics: ['db'], match: 'all' }).topicCounts).toEqual([
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

  it('keeps only stored articles with offline=1, and combines that with topics and dates', () => {
    expect(ids({ offline: true })).toEqual(['d', 'b', 'e']);
    expect(ids({ offline: true, topics: ['rust'] })).toEqual(['b', 'e']);
    expect(ids({ offline: true, from: '2024-01-01', to: '2024-12-31' })).toEqual(['b']);
    expect(queryList(catalog, { ...DEFAULT_PARAMS, offline: true }, new Set()).total).toBe(0);
  });

  it('counts topics and builds the archive over the stored articles only with offline=1', () => {
    const r = q({ offline: true });
    expect(r.total).toBe(3);
    expect(r.topicCounts).toEqual([
      { slug: 'rust', count: 2 },
      { slug: 'css', count: 1 },
      { slug: 'db', count: 1 },
    ]);
    expect(r.archive).toEqual([
      { year: 2025, count: 1, months: [{ month: 6, count: 1 }] },
      { year: 2024, count: 1, months: [{ month: 3, count: 1 }] },
    ]);
  });
});

describe('neighbours and pagination helpers', () => {
  it('finds previous and next within the filtered, sorted list', () => {
    const n = neighbours(catalog, { ...DEFAULT_PARAMS, topics: ['db'] }, 's/c', stored);
    expect([n.previous?.id, n.next?.id, n.position, n.total]).toEqual(['f', 'b', 2, 3]);
    expect(neighbours(catalog, { ...DEFAULT_PARAMS, topics: ['css'] }, 's/a', stored)).toMatchObject({ position: null, previous: null });
    expect(pageOf(6, 5)).toBe(2);
  });

  it('steps over articles not stored when the list is offline-only', () => {
    const n = neighbours(catalog, { ...DEFAULT_PARAMS, offline: true }, 's/b', stored);
    expect([n.previous?.id, n.next?.id, n.position, n.total]).toEqual(['d', 'e', 2, 3]);
    expect(neighbours(catalog, { ...DEFAULT_PARAMS, offline: true }, 's/c', stored).position).toBeNull();
  });

  it('shows first, last and the pages around the current one', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(6, 12)).toEqual([1, 'gap', 5, 6, 7, 'gap', 12]);
    expect(pageWindow(3, 12)).toEqual([1, 2, 3, 4, 'gap', 12]);
    expect(pageWindow(12, 12)).toEqual([1, 'gap', 11, 12]);
  });
});
