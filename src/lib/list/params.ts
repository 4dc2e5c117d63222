/** The list view's state, as it appears in the URL query. */
import type { ReadingState } from '../model/readerState';

export const PAGE_SIZES = [5, 10, 20, 50] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
/** `relevance` ranks a search's hits best first; it exists only while `q` is set. */
export type SortOrder = 'newest' | 'oldest' | 'relevance';
export type TopicMatch = 'any' | 'all';

export interface ListParams {
  /** Full-text search words (`?q=`), as typed; empty for no search. */
  q: string;
  topics: string[];
  /** How several topics combine: articles with any of them, or with all of them. */
  match: TopicMatch;
  /** Inclusive UTC days, "YYYY-MM-DD". */
  from: string | null;
  to: string | null;
  sort: SortOrder;
  page: number;
  size: PageSize;
  /** Only articles whose text is stored on this device. */
  offline: boolean;
  /** One source's articles only (`?source=<id>`), or every source. */
  source: string | null;
  /** Unread, read or saved articles only (`?state=`), or all. */
  state: ReadingState;
}

const READING_STATES: readonly ReadingState[] = ['all', 'unread', 'read', 'saved'];

export const DEFAULT_PARAMS: ListParams = {
  q: '',
  topics: [],
  match: 'any',
  from: null,
  to: null,
  sort: 'newest',
  page: 1,
  size: 10,
  offline: false,
  source: null,
  state: 'all',
};

/** Longer queries are cut: no reader types more, and the URL stays sane. */
export const MAX_QUERY_LENGTH = 200;

/** Relevance while searching, newest first otherwise. */
export const defaultSort = (q: string): SortOrder => (q === '' ? 'newest' : 'relevance');

/**
 * A query as the URL keeps it: leading spaces and control characters dropped, blank means none.
 * A trailing space is kept: it says the last word is finished (no longer a prefix).
 */
export function cleanQuery(value: string | null): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const q = (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trimStart().slice(0, MAX_QUERY_LENGTH);
  return q.trim() === '' ? '' : q;
}

function parseSort(value: string | null, q: string): SortOrder {
  if (value === 'newest' || value === 'oldest') return value;
  // Without a query there is nothing to rank: relevance falls back to the default.
  return defaultSort(q);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day in "YYYY-MM-DD" form, or null. */
export function parseDay(value: string | null): string | null {
  if (value === null) return null;
  const m = DAY.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? value.trim() : null;
}

/** Lenient: anything unknown or malformed falls back to its default, so a pasted URL always opens. */
export function parseListParams(query: URLSearchParams): ListParams {
  const topics = [...new Set(query.getAll('topic').map((t) => t.trim().toLowerCase()).filter(Boolean))];
  let from = parseDay(query.get('from'));
  let to = parseDay(query.get('to'));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  const sizeValue = Number(query.get('size'));
  const size = PAGE_SIZES.find((s) => s === sizeValue) ?? DEFAULT_PARAMS.size;
  const pageValue = Number(query.get('page'));
  const q = cleanQuery(query.get('q'));
  return {
    q,
    topics,
    match: query.get('match') === 'all' ? 'all' : 'any',
    from,
    to,
    sort: parseSort(query.get('sort'), q),
    page: Number.isInteger(pageValue) && pageValue >= 1 ? pageValue : 1,
    size,
    offline: query.get('offline') === '1',
    source: query.get('source')?.trim() || null,
    state: READING_STATES.find((s) => s === query.get('state')) ?? 'all',
  };
}

/** Defaults are left out, so the plain list is just "/". */
export function serializeListParams(params: ListParams): URLSearchParams {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  for (const topic of params.topics) query.append('topic', topic);
  if (params.topics.length > 1 && params.match !== DEFAULT_PARAMS.match) query.set('match', params.match);
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  if (params.sort !== defaultSort(params.q) && !(params.sort === 'relevance' && !params.q)) query.set('sort', params.sort);
  if (params.page !== 1) query.set('page', String(params.page));
  if (params.size !== DEFAULT_PARAMS.size) query.set('size', String(params.size));
  if (params.offline) query.set('offline', '1');
  if (params.source) query.set('source', params.source);
  if (params.state !== 'all') query.set('state', params.state);
  return query;
}

export function toQueryString(params: ListParams): string {
  const query = serializeListParams(params).toString();
  return query ? `?${query}` : '';
}

/** Any change of filter, sort or size starts again at page 1. The search (`q`) is not a filter here. */
export function withFilter(params: ListParams, change: Partial<Omit<ListParams, 'page'>>): ListParams {
  return { ...params, ...change, page: 1 };
}

/**
 * A new search: page 1, and the sort follows the query's default unless the reader chose one that
 * still applies (newest or oldest stay; relevance goes with the query).
 */
export function withQuery(params: ListParams, value: string): ListParams {
  const q = cleanQuery(value);
  const chosen = params.sort !== defaultSort(params.q) && params.sort !== 'relevance';
  return withFilter(params, { q, sort: chosen ? params.sort : defaultSort(q) });
}

export function toggleTopic(params: ListParams, slug: string): ListParams {
  const topics = params.topics.includes(slug) ? params.topics.filter((t) => t !== slug) : [...params.topics, slug];
  return withFilter(params, { topics });
}

export function hasFilters(params: ListParams): boolean {
  return activeFilterCount(params) > 0;
}

/** How many filters narrow the list, one for each chip the list shows: each topic, the dates, source, state and offline. */
export function activeFilterCount(params: ListParams): number {
  const on = [params.from !== null || params.to !== null, params.source !== null, params.state !== 'all', params.offline];
  return params.topics.length + on.filter(Boolean).length;
}

export function clearFilters(params: ListParams): ListParams {
  return withFilter(params, { topics: [], from: null, to: null, match: 'any', offline: false, source: null, state: 'all' });
}
