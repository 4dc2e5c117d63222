import type { Article } from '../catalog/article';

/** One body to fetch: where it lives, which hash it is stored under, and its size from the feed. */
export interface DownloadItem {
  key: string;
  sourceId: string;
  href: string;
  hash: string;
  bytes: number;
}

export interface DownloadPlan<T extends PlanItem = DownloadItem> {
  queue: T[];
  /** Articles that have a body (link-only ones are not counted anywhere). */
  articles: number;
  /** Bodies already stored with the current hash: skipped. */
  alreadyStored: number;
  bytesToFetch: number;
  bytesTotal: number;
}

export type PlannableArticle = Pick<Article, 'key' | 'sourceId' | 'bodyHref' | 'bodyHash' | 'bodyBytes'>;

/** The body an article row points to, or null for a link-only article. */
export function toDownloadItem(article: PlannableArticle): DownloadItem | null {
  if (article.bodyHref === null || article.bodyHash === null) return null;
  return { key: article.key, sourceId: article.sourceId, href: article.bodyHref, hash: article.bodyHash, bytes: Math.max(0, article.bodyBytes) };
}

/**
 * What a download would fetch. Resuming is planning again: anything stored with the current
 * hash is skipped, so a body is never fetched twice; a stored copy with an older hash is queued.
 */
export function planDownload(articles: readonly PlannableArticle[], stored: ReadonlyMap<string, string>): DownloadPlan {
  const items = articles.flatMap((article) => toDownloadItem(article) ?? []);
  return planItems(items, (item) => stored.get(item.key) === item.hash);
}

/** What planning needs of an item. */
export interface PlanItem {
  key: string;
  bytes: number;
}

/** Plans over body items; `isStored` says whether an item's current copy is already on the device. */
export function planItems<T extends PlanItem>(items: readonly T[], isStored: (item: T) => boolean): DownloadPlan<T> {
  const plan: DownloadPlan<T> = { queue: [], articles: 0, alreadyStored: 0, bytesToFetch: 0, bytesTotal: 0 };
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    plan.articles += 1;
    plan.bytesTotal += item.bytes;
    if (isStored(item)) {
      plan.alreadyStored += 1;
      continue;
    }
    plan.queue.push(item);
    plan.bytesToFetch += item.bytes;
  }
  return plan;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * Decimal units (base 1000, 1 KB = 1000 B), as browsers and operating systems show storage,
 * so the numbers match what the reader sees in their settings.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1000) return `${Number.isFinite(n) && n > 0 ? Math.round(n) : 0} B`;
  let value = n;
  let unit = 0;
  // Round before picking the unit so 999 960 B reads "1.0 MB", not "1000.0 KB".
  while (unit < UNITS.length - 1 && Number((value / 1000).toFixed(1)) >= 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
