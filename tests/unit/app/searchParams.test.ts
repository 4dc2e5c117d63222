import { describe, expect, it } from 'vitest';
import { clearFilters, DEFAULT_PARAMS, MAX_QUERY_LENGTH, parseListParams, toQueryString, withFilter, withQuery } from '../../../src/lib/list/params';
import { articleHref, listHref } from '../../../src/lib/router/routes';

const parse = (query: string) => parseListParams(new URLSearchParams(query));

describe('the search query in the URL (?q=)', () => {
  it('reads q as typed, keeping a trailing space and dropping leading ones', () => {
    expect(parse('q=kubernetes').q).toBe('kubernetes');
    expect(parse('q=%20%20union+find+').q).toBe('union find ');
    expect(parse('q=%22exact+phrase%22+-word').q).toBe('"exact phrase" -word');
    expect(parse('q=+++').q).toBe('');
    expect(parse('q=a%00b%0Ac').q).toBe('a b c');
    expect(parse(`q=${'x'.repeat(500)}`).q).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('defaults to relevance while searching; newest and oldest stay available', () => {
    expect(parse('q=rust').sort).toBe('relevance');
    expect(parse('q=rust&sort=newest').sort).toBe('newest');
    expect(parse('q=rust&sort=oldest').sort).toBe('oldest');
    expect(parse('q=rust&sort=relevance').sort).toBe('relevance');
  });

  it('offers no relevance without a query', () => {
    expect(parse('sort=relevance').sort).toBe('newest');
    expect(toQueryString({ ...DEFAULT_PARAMS, sort: 'relevance' })).toBe('');
  });

  it('writes q first and leaves the sort out when it is the default for the query', () => {
    const params = { ...DEFAULT_PARAMS, q: 'rust async', sort: 'relevance' as const, topics: ['go'] };
    expect(toQueryString(params)).toBe('?q=rust+async&topic=go');
    expect(toQueryString({ ...params, sort: 'newest' })).toBe('?q=rust+async&topic=go&sort=newest');
    for (const p of [params, { ...params, sort: 'newest' as const }, { ...params, sort: 'oldest' as const, from: '2024-01-01', to: '2024-12-31', page: 2, size: 50 as const, state: 'unread' as const, offline: true, source: 's1' }]) {
      expect(parseListParams(new URLSearchParams(toQueryString(p)))).toEqual(p);
    }
  });

  it('starts a search at page 1 with relevance, and keeps a sort the reader chose', () => {
    const start = { ...DEFAULT_PARAMS, page: 3, topics: ['k8s'] };
    expect(withQuery(start, 'kube')).toMatchObject({ q: 'kube', sort: 'relevance', page: 1, topics: ['k8s'] });
    expect(withQuery({ ...start, sort: 'oldest' }, 'kube').sort).toBe('oldest');
    expect(withQuery({ ...start, q: 'kube', sort: 'newest' }, 'kubernetes').sort).toBe('newest');
    expect(withQuery({ ...start, q: 'kube', sort: 'relevance' }, '')).toMatchObject({ q: '', sort: 'newest' });
    expect(withQuery({ ...start, q: 'kube', sort: 'oldest' }, '').sort).toBe('oldest');
  });

  it('is carried by every list and article link, and kept when filters change or clear', () => {
    const params = { ...DEFAULT_PARAMS, q: 'café', sort: 'relevance' as const };
    expect(listHref('/', withFilter(params, { from: '2025-01-01' }))).toBe('/?q=caf%C3%A9&from=2025-01-01');
    expect(articleHref('/', 'default/post-1', params)).toBe('/read/default/post-1?q=caf%C3%A9');
    expect(clearFilters({ ...params, topics: ['x'], offline: true })).toEqual(params);
  });
});
