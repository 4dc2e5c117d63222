import type { Catalog } from '../list/catalog';
import type { ListParams } from '../list/params';
import { matchesFilter } from '../list/query';
import { toDownloadItem, type DownloadItem } from './plan';

/**
 * The bodies a download or a removal covers, newest first: those of every article (`params`
 * null) or of the articles in the list's topic and date filter. Link-only articles have none.
 * `offline`, sort and paging play no part. This is the only place that walks the catalogue
 * for offline work, so a new catalogue layout needs only this function rewritten.
 */
export function downloadCandidates(catalog: Catalog, params: ListParams | null): DownloadItem[] {
  const inFilter = params === null ? null : matchesFilter(params);
  const items: DownloadItem[] = [];
  for (const article of catalog.articles) {
    if (inFilter !== null && !inFilter(article)) continue;
    const item = toDownloadItem(article);
    if (item !== null) items.push(item);
  }
  return items;
}
