import { keyAt, type Catalog } from '../catalog/catalog';
import { keyMask, listMask, NO_MARKS, type ListMarks, type PositionMask } from './masks';
import type { ListParams } from './params';
import { buildArchive, countTopics, type TopicCount, type YearCount } from './facets';
import { bothMasks, hitSet, inRankOrder, type HitSet, type SearchHits } from './search';

export interface ListResult {
  total: number;
  /** How many of the whole filtered list are unread. */
  unread: number;
  pageCount: number;
  /** The requested page, clamped to what exists. */
  page: number;
  /** The page's article keys, in list order. */
  keys: string[];
  /** Their catalogue positions. */
  positions: number[];
  /** Per topic: how many articles the list would have with that topic added to the filter. */
  topicCounts: TopicCount[];
  /** The archive of the topic-filtered list, ignoring the date filter, newest year first. */
  archive: YearCount[];
}

const DAY_MS = 86_400_000;

/** [start, end) in epoch ms for inclusive "YYYY-MM-DD" bounds; null bounds are open. */
export function dateRange(from: string | null, to: string | null): [number, number] {
  const start = from === null ? -Infinity : Date.parse(`${from}T00:00:00Z`);
  const end = to === null ? Infinity : Date.parse(`${to}T00:00:00Z`) + DAY_MS;
  return [start, end];
}

/** The widest offset a date can carry (±18 h), in ms: the author's day is at most this far from UTC's. */
const MAX_OFFSET_MS = 18 * 3_600_000;

/**
 * Positions [lo, hi) that may fall in the filter: dates are sorted by instant, so two binary
 * searches, widened by the widest offset. `inDays` then keeps those whose author's day is in it.
 */
function datePositions(catalog: Catalog, params: ListParams): [number, number] {
  if (params.from === null && params.to === null) return [0, catalog.size];
  const [start, end] = dateRange(params.from, params.to);
  // Dated positions run newest first: the first with date < end, the first with date < start.
  const lo = firstBelow(catalog.dates, catalog.datedCount, end + MAX_OFFSET_MS);
  return [lo, firstBelow(catalog.dates, catalog.datedCount, start - MAX_OFFSET_MS)];
}

/** The date filter on the author's day (the instant plus the offset it was written in). */
function dayMask(catalog: Catalog, params: ListParams, lo: number, hi: number, mask: PositionMask): PositionMask {
  if (params.from === null && params.to === null) return mask;
  const [start, end] = dateRange(params.from, params.to);
  const out = new Uint8Array(catalog.size);
  for (let p = lo; p < hi; p++) {
    const day = (catalog.dates[p] ?? Number.NaN) + (catalog.offsets[p] ?? 0) * 60_000;
    if (day >= start && day < end && (!mask || mask[p])) out[p] = 1;
  }
  return out;
}

function firstBelow(dates: Float64Array, count: number, bound: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] ?? 0) < bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Positions with the chosen topics (any or all), ascending; null when no topic is chosen. */
function topicPositions(catalog: Catalog, params: ListParams): Int32Array | null {
  if (params.topics.length === 0) return null;
  const lists = params.topics.map((slug) => {
    const id = catalog.topicIdOf.get(slug);
    return id === undefined ? new Int32Array(0) : (catalog.postings[id] ?? new Int32Array(0));
  });
  if (lists.length === 1) return lists[0] ?? new Int32Array(0);
  const hits = new Uint16Array(catalog.size);
  for (const list of lists) for (const p of list) hits[p] = (hits[p] ?? 0) + 1;
  const need = params.match === 'all' ? lists.length : 1;
  const smallest = params.match === 'all' ? Math.min(...lists.map((l) => l.length)) : catalog.size;
  const out = new Int32Array(smallest);
  let n = 0;
  for (let p = 0; p < catalog.size; p++) if ((hits[p] ?? 0) >= need) out[n++] = p;
  return out.subarray(0, n);
}

function select(source: Int32Array | null, lo: number, hi: number, mask: PositionMask): Int32Array {
  if (source === null) {
    const out = new Int32Array(hi - lo);
    let n = 0;
    for (let p = lo; p < hi; p++) if (!mask || mask[p]) out[n++] = p;
    return out.subarray(0, n);
  }
  const out = new Int32Array(source.length);
  let n = 0;
  for (const p of source) if (p >= lo && p < hi && (!mask || mask[p])) out[n++] = p;
  return out.subarray(0, n);
}

/**
 * Every position the filter keeps, newest first (undated last). `universe`: ascending positions
 * that hold every one the mask keeps (a search's hits), walked instead of the whole catalogue.
 */
export function matchingPositions(catalog: Catalog, params: ListParams, mask: PositionMask = null, universe: Int32Array | null = null): Int32Array {
  const [lo, hi] = datePositions(catalog, params);
  return select(topicPositions(catalog, params) ?? universe, lo, hi, dayMask(catalog, params, lo, hi, mask));
}

/** The hits that apply: a search's, while the list has a query. */
export function searchSet(catalog: Catalog, params: ListParams, hits: SearchHits | null): HitSet | null {
  return params.q !== '' && hits !== null ? hitSet(catalog, hits) : null;
}

/** What narrows the whole catalogue: the list mask (source, offline, state) and the search's hits. */
function narrowing(catalog: Catalog, params: ListParams, marks: ListMarks, found: HitSet | null): PositionMask {
  return bothMasks(listMask(catalog, params, marks), found?.mask ?? null);
}

/** Oldest first (undated still last), or best first when ranking a search's hits. */
export function inListOrder(catalog: Catalog, newestFirst: Int32Array, params: ListParams, found: HitSet | null = null): Int32Array {
  if (params.sort === 'relevance' && found) return inRankOrder(newestFirst, found.ranked, catalog.size);
  if (params.sort !== 'oldest') return newestFirst;
  let dated = 0;
  while (dated < newestFirst.length && (newestFirst[dated] ?? 0) < catalog.datedCount) dated++;
  const out = new Int32Array(newestFirst.length);
  for (let i = 0; i < dated; i++) out[i] = newestFirst[dated - 1 - i] ?? 0;
  out.set(newestFirst.subarray(dated), dated);
  return out;
}

/** Every position of the list, in list order: filters, search and sort applied, not paged. */
export function listPositions(catalog: Catalog, params: ListParams, marks: ListMarks = NO_MARKS, hits: SearchHits | null = null): Int32Array {
  const found = searchSet(catalog, params, hits);
  return inListOrder(catalog, matchingPositions(catalog, params, narrowing(catalog, params, marks, found), found?.ascending ?? null), params, found);
}

interface Filtered {
  catalog: Catalog;
  marks: ListMarks;
  hits: SearchHits | null;
  unread: number;
  filter: string;
  ordered: Int32Array;
  topicCounts: TopicCount[];
  archive: YearCount[];
}

/**
 * What a filter's result depends on besides the catalogue, marks and hits. Of the query only whether
 * there is one: the hits are what it found, so the next keystroke, shown with the last answer while
 * its own runs, reuses the last result rather than refiltering the whole catalogue.
 */
const filterKey = ({ q, topics, match, from, to, sort, offline, source, state }: ListParams): string =>
  JSON.stringify([q !== '', topics, match, from, to, sort, offline, source, state]);

/**
 * Filters, counts and the archive. A search's hits narrow everything, so topic and month counts
 * follow the query; with `relevance` the list keeps the hits' order.
 */
function filter(catalog: Catalog, params: ListParams, marks: ListMarks, hits: SearchHits | null): Filtered {
  const found = searchSet(catalog, params, hits);
  const listed = narrowing(catalog, params, marks, found);
  const [lo, hi] = datePositions(catalog, params);
  const mask = dayMask(catalog, params, lo, hi, listed);
  // A search's hits are all the list can hold: walk them, not the whole catalogue.
  const universe = found?.ascending ?? null;
  const byTopic = topicPositions(catalog, params);
  const matching = select(byTopic ?? universe, lo, hi, mask);
  // Facet counts: with "any", a topic's count is independent of the other chosen topics.
  const facetBase = byTopic === null || params.match === 'all' ? matching : select(universe, lo, hi, mask);
  // The archive ignores the date filter: with none, the topic filter's own positions are it.
  const undated = params.from === null && params.to === null;
  const read = keyMask(catalog, marks.read);
  let unread = 0;
  for (const p of matching) if (read[p] !== 1) unread++;
  return {
    catalog,
    marks,
    hits,
    unread,
    filter: filterKey(params),
    ordered: inListOrder(catalog, matching, params, found),
    topicCounts: countTopics(catalog, facetBase, read),
    archive: buildArchive(catalog, undated ? matching : select(byTopic ?? universe, 0, catalog.size, listed)),
  };
}

/** Results kept: the view's own and one more (the head's default list, or the filter just left). */
const KEPT_FILTERS = 2;

/**
 * Keeps the last filters' results, so paging and page-size changes only slice one, and the default
 * list the head is made from is the view's own when the view shows it. Each view state owns one;
 * nothing is cached module-wide.
 */
export class ListQuery {
  /** Most recently used first. */
  #kept: Filtered[] = [];

  /**
   * `marks`: what the device knows of each article, for `offline=1`, `state=` and unread counts.
   * `hits`: the search's answer while `params.q` is set (null: no search applied).
   */
  run(catalog: Catalog, params: ListParams, marks: ListMarks = NO_MARKS, hits: SearchHits | null = null): ListResult {
    return page(this.#filtered(catalog, params, marks, hits), params);
  }

  #filtered(catalog: Catalog, params: ListParams, marks: ListMarks, hits: SearchHits | null): Filtered {
    const key = filterKey(params);
    const at = this.#kept.findIndex((f) => f.catalog === catalog && f.filter === key && sameMarks(f.marks, marks) && f.hits === hits);
    const found = at === -1 ? filter(catalog, params, marks, hits) : (this.#kept[at] as Filtered);
    // Another catalogue's results are dropped: they would keep that whole catalogue alive.
    this.#kept = [found, ...this.#kept.filter((f) => f !== found && f.catalog === catalog)].slice(0, KEPT_FILTERS);
    return found;
  }

  /** Every key of the filtered list, in list order (all pages). */
  keys(catalog: Catalog, params: ListParams, marks: ListMarks = NO_MARKS, hits: SearchHits | null = null): string[] {
    return Array.from(this.#filtered(catalog, params, marks, hits).ordered, (p) => keyAt(catalog, p));
  }
}

/** One list query, with nothing kept for the next. */
export function queryList(catalog: Catalog, params: ListParams, marks: ListMarks = NO_MARKS, hits: SearchHits | null = null): ListResult {
  return page(filter(catalog, params, marks, hits), params);
}

const sameMarks = (a: ListMarks, b: ListMarks): boolean => a.stored === b.stored && a.read === b.read && a.saved === b.saved;

function page({ catalog, ordered, topicCounts, archive, unread }: Filtered, params: ListParams): ListResult {
  const total = ordered.length;
  const pageCount = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pageCount);
  const start = (page - 1) * params.size;
  const positions = Array.from(ordered.subarray(start, start + params.size));
  return {
    total,
    unread,
    pageCount,
    page,
    keys: positions.map((p) => keyAt(catalog, p)),
    positions,
    topicCounts,
    archive,
  };
}
