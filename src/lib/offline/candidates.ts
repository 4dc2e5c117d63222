import { keyAt, type Catalog } from '../catalog/catalog';
import { isInlineBody, type Article } from '../model/article';
import type { DownloadItem } from '../model/download';
import { listMask, NO_MARKS } from '../list/masks';
import { matchingPositions } from '../list/query';
import { scopeParams, type DownloadScope } from '../list/scope';
import { planItems, type DownloadPlan } from './plan';

/** An article with a body that a download or a removal would cover. */
export interface Candidate {
  key: string;
  sourceId: string;
  /** Body size from the feed. */
  bytes: number;
  position: number;
}

/**
 * The articles with a body in the scope, newest first, within the scope's source if it names one.
 * `offline`, sort and paging play no part. Read from the catalogue's arrays alone, so counting and
 * sizing 100k articles needs no database read.
 */
export function downloadCandidates(catalog: Catalog, scope: DownloadScope): Candidate[] {
  const params = scopeParams(scope);
  // offline=1 would leave nothing to fetch, so only the source narrows the catalogue.
  const positions = params === null ? null : matchingPositions(catalog, params, listMask(catalog, { ...params, offline: false, state: 'all' }, NO_MARKS));
  const candidates: Candidate[] = [];
  const take = (position: number): void => {
    if (!catalog.hasBody[position]) return;
    const sourceId = catalog.sourceIds[catalog.sourceOf[position] ?? 0] ?? '';
    candidates.push({ key: keyAt(catalog, position), sourceId, bytes: catalog.bodyBytes[position] ?? 0, position });
  };
  if (positions === null) for (let p = 0; p < catalog.size; p++) take(p);
  else for (const p of positions) take(p);
  return candidates;
}

/** Keys of the scope's articles whose text is on this device (an older copy counts: it still reads offline). */
export function storedInScope(catalog: Catalog, scope: DownloadScope, stored: ReadonlySet<string>): string[] {
  return downloadCandidates(catalog, scope).flatMap((candidate) => (stored.has(candidate.key) ? [candidate.key] : []));
}

/** A download's size before it starts, from the keys in memory; the download checks each copy's hash. */
export function estimateScope(catalog: Catalog, scope: DownloadScope, stored: ReadonlySet<string>): DownloadPlan<Candidate> {
  return planItems(downloadCandidates(catalog, scope), (item) => stored.has(item.key));
}

/**
 * Joins candidates with where their bodies live, from the articles' stored text. Bodies that came
 * inside a feed document are stored with it: there is no file to fetch, so they are left out.
 */
export function toDownloadItems(candidates: readonly Candidate[], articles: readonly Article[]): DownloadItem[] {
  const byKey = new Map(articles.map((a) => [a.key, a]));
  return candidates.flatMap((candidate) => {
    const article = byKey.get(candidate.key);
    if (!article || article.bodyHref === null || article.bodyHash === null || isInlineBody(article.bodyHref)) return [];
    return [{ key: candidate.key, sourceId: candidate.sourceId, href: article.bodyHref, hash: article.bodyHash, bytes: candidate.bytes, url: article.url }];
  });
}
