import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  clearFilters,
  DEFAULT_PARAMS,
  hasFilters,
  parseDay,
  parseListParams,
  serializeListParams,
  toggleTopic,
  toQueryString,
  withFilter,
} from '../../../src/lib/list/params';

const parse = (query: string) => parseListParams(new URLSearchParams(query));

describe('list params in the URL', () => {
  it('reads every parameter of the documented example', () => {
    expect(parse('topic=backend&topic=rust&from=2026-01-01&to=2026-03-31&sort=newest&page=2&size=5')).toEqual({
      q: '',
      topics: ['backend', 'rust'],
      match: 'any',
      from: '2026-01-01',
      to: '2026-03-31',
      sort: 'newest',
      page: 2,
      size: 5,
      offline: false,
      source: null,
      state: 'all',
    });
  });

  it('writes the same parameters alike each time, and a copy that differs as itself', () => {
    const params = { ...DEFAULT_PARAMS, topics: ['go'], page: 3 };
    expect(toQueryString(params)).toBe('?topic=go&page=3');
    expect(toQueryString(params)).toBe('?topic=go&page=3');
    expect(toQueryString({ ...params, page: 1 })).toBe('?topic=go');
    expect(toQueryString(withFilter(params, { size: 50 }))).toBe('?topic=go&size=50');
  });

  it('reads state=unread|read|saved and writes it back; anything else is all', () => {
    expect(parse('state=unread&topic=go').state).toBe('unread');
    expect(parse('state=saved').state).toBe('saved');
    for (const value of ['', 'UNREAD', 'starred']) expect(parse(`state=${value}`).state).toBe('all');
    expect(toQueryString({ ...DEFAULT_PARAMS, state: 'saved', topics: ['go'] })).toBe('?topic=go&state=saved');
    expect(toQueryString({ ...DEFAULT_PARAMS, state: 'all' })).toBe('');
  });

  it('reads source=<id> and writes it back; an empty one is no filter', () => {
    expect(parse('source=s-abc').source).toBe('s-abc');
    expect(parse('source=').source).toBeNull();
    expect(toQueryString({ ...DEFAULT_PARAMS, source: 's-abc' })).toBe('?source=s-abc');
  });

  it('reads offline=1 as "available offline only"; any other value is off', () => {
    expect(parse('offline=1').offline).toBe(true);
    for (const value of ['0', 'true', 'yes', '']) expect(parse(`offline=${value}`).offline).toBe(false);
    expect(toQueryString({ ...DEFAULT_PARAMS, offline: true, topics: ['go'] })).toBe('?topic=go&offline=1');
    expect(toQueryString({ ...DEFAULT_PARAMS, offline: false })).toBe('');
  });

  it('counts offline=1 as a filter, and clearing the filters turns it off', () => {
    const offline = { ...DEFAULT_PARAMS, offline: true, page: 3 };
    expect(hasFilters(offline)).toBe(true);
    expect(hasFilters(DEFAULT_PARAMS)).toBe(false);
    expect(clearFilters(offline)).toEqual(DEFAULT_PARAMS);
  });

  it('counts each filter the list shows a chip for, the reading state included', () => {
    expect(activeFilterCount(DEFAULT_PARAMS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_PARAMS, q: 'rust', sort: 'oldest', page: 2 })).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_PARAMS, topics: ['go', 'rust'], state: 'unread' })).toBe(3);
    expect(activeFilterCount({ ...DEFAULT_PARAMS, from: '2026-01-01', to: '2026-02-01', source: 's', offline: true })).toBe(3);
    expect(hasFilters({ ...DEFAULT_PARAMS, state: 'saved' })).toBe(true);
  });

  it('falls back to defaults for malformed values', () => {
    expect(parse('page=-3&size=7&sort=sideways&from=2026-02-30&to=yesterday&match=most&offline=on')).toEqual(DEFAULT_PARAMS);
  });

  it('swaps a reversed date range and dedupes topics', () => {
    const p = parse('from=2026-03-31&to=2026-01-01&topic=Rust&topic=rust&topic=');
    expect([p.from, p.to]).toEqual(['2026-01-01', '2026-03-31']);
    expect(p.topics).toEqual(['rust']);
  });

  it('round-trips through the query string and leaves defaults out', () => {
    const params = { ...DEFAULT_PARAMS, topics: ['a', 'b'], match: 'all' as const, to: '2025-12-31', sort: 'oldest' as const, page: 3, size: 50 as const, offline: true };
    expect(parseListParams(serializeListParams(params))).toEqual(params);
    expect(toQueryString(DEFAULT_PARAMS)).toBe('');
    expect(toQueryString({ ...DEFAULT_PARAMS, topics: ['x'], match: 'all' })).toBe('?topic=x');
  });

  it('goes back to page 1 when a filter changes', () => {
    const on = toggleTopic({ ...DEFAULT_PARAMS, page: 4 }, 'rust');
    expect(on).toMatchObject({ topics: ['rust'], page: 1 });
    expect(toggleTopic(on, 'rust').topics).toEqual([]);
    expect(clearFilters({ ...on, from: '2024-01-01', size: 20 })).toMatchObject({ topics: [], from: null, size: 20, page: 1 });
  });

  it('accepts only real calendar days', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-13-01')).toBeNull();
  });
});
