import type { ArticleRecord } from '../db/records';
import { isAvailableOffline } from '../offline/available';
import type { Catalog } from './catalog';
import type { ListParams } from './params';

export interface TopicCount {
  slug: string;
  count: number;
}

export interface MonthCount {
  /** 1–12. */
  month: number;
  count: number;
}

export interface YearCount {
  year: number;
  count: number;
  months: MonthCount[];
}

export interface ListResult {
  total: number;
  pageCount: number;
  /** The requested page, clamped to what exists. */
  page: number;
  items: ArticleRecord[];
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

function topicTest(params: ListParams): (article: ArticleRecord) => boolean {
  const wanted = params.topics;
  if (wanted.length === 0) return () => true;
  if (params.match === 'all') return (a) => wanted.every((t) => a.topics.includes(t));
  return (a) => a.topics.some((t) => wanted.includes(t));
}

function dateTest(params: ListParams): (article: ArticleRecord) => boolean {
  if (params.from === null && params.to === null) return () => true;
  const [start, end] = dateRange(params.from, params.to);
  return (a) => a.date !== null && a.date >= start && a.date < end;
}

function buildArchive(articles: readonly ArticleRecord[]): YearCount[] {
  const years = new Map<number, number[]>();
  for (const article of articles) {
    if (article.date === null) continue;
    const d = new Date(article.date);
    const year = d.getUTCFullYear();
    let months = years.get(year);
    if (!months) years.set(year, (months = new Array<number>(12).fill(0)));
    months[d.getUTCMonth()] = (months[d.getUTCMonth()] ?? 0) + 1;
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, months]) => ({
      year,
      count: months.reduce((sum, n) => sum + n, 0),
      months: months.flatMap((count, i) => (count > 0 ? [{ month: i + 1, count }] : [])).reverse(),
    }));
}

function countTopics(articles: readonly ArticleRecord[]): TopicCount[] {
  const counts = new Map<string, number>();
  for (const article of articles) {
    for (const topic of article.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([slug, count]) => ({ slug, count }))
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
}

/** `stored`: keys of the bodies on this device, for the `offline=1` filter. */
export function queryList(catalog: Catalog, params: ListParams, stored: ReadonlySet<string>): ListResult {
  const byTopic = topicTest(params);
  const byDate = dateTest(params);
  const articles = offlineOnly(catalog, params, stored);
  const inRange = articles.filter(byDate);
  const matching = inRange.filter(byTopic);
  // Facet counts: with "any", a topic's count is independent of the other chosen topics.
  const facetBase = params.match === 'all' ? matching : inRange;
  const ordered = params.sort === 'oldest' ? oldestFirst(matching) : matching;

  const total = ordered.length;
  const pageCount = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pageCount);
  const start = (page - 1) * params.size;
  return {
    total,
    pageCount,
    page,
    items: ordered.slice(start, start + params.size),
    topicCounts: countTopics(facetBase),
    archive: buildArchive(articles.filter(byTopic)),
  };
}

/** The `offline=1` filter narrows the whole catalogue first, so counts and the archive follow it. */
function offlineOnly(catalog: Catalog, params: ListParams, stored: ReadonlySet<string>): readonly ArticleRecord[] {
  return params.offline ? catalog.articles.filter((a) => isAvailableOffline(a.key, stored)) : catalog.articles;
}

/** Topics and dates: the filter an offline download covers (`offline` and paging play no part). */
export function matchesFilter(params: ListParams): (article: ArticleRecord) => boolean {
  const byTopic = topicTest(params);
  const byDate = dateTest(params);
  return (a) => byDate(a) && byTopic(a);
}

/** Oldest first, undated still last. */
function oldestFirst(newestFirst: readonly ArticleRecord[]): ArticleRecord[] {
  const dated = newestFirst.filter((a) => a.date !== null).reverse();
  return dated.concat(newestFirst.filter((a) => a.date === null));
}

export interface Neighbours {
  previous: ArticleRecord | null;
  next: ArticleRecord | null;
  /** 1-based place in the filtered list, or null when the article is not in it. */
  position: number | null;
  total: number;
}

/** Previous and next article within the filtered, sorted list (ignoring pagination). */
export function neighbours(catalog: Catalog, params: ListParams, key: string, stored: ReadonlySet<string>): Neighbours {
  const matching = offlineOnly(catalog, params, stored).filter(matchesFilter(params));
  const ordered = params.sort === 'oldest' ? oldestFirst(matching) : matching;
  const index = ordered.findIndex((a) => a.key === key);
  if (index === -1) return { previous: null, next: null, position: null, total: ordered.length };
  return {
    previous: ordered[index - 1] ?? null,
    next: ordered[index + 1] ?? null,
    position: index + 1,
    total: ordered.length,
  };
}

/** Which page of the filtered list holds the article, for "back to the list". */
export function pageOf(position: number | null, size: number): number {
  return position === null ? 1 : Math.ceil(position / size);
}

export type PageSlot = number | 'gap';

/** Numbered pagination: first, last, and `radius` pages around the current one, with gaps. */
export function pageWindow(current: number, pageCount: number, radius = 1): PageSlot[] {
  const pages = new Set<number>([1, pageCount]);
  for (let p = current - radius; p <= current + radius; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const slots: PageSlot[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev === 2) slots.push(prev + 1);
    else if (prev !== undefined && p - prev > 2) slots.push('gap');
    slots.push(p);
  });
  return slots;
}
