import type { Article } from '../catalog/article';
import type { Catalog } from '../catalog/catalog';
import type { ListParams } from '../list/params';
import { isInlineBody } from '../ingest/feedContent';
import { listMask, matchingPositions } from '../list/query';
import type { DownloadItem } from './plan';

/** An article with a body that a download or a removal would cover. */
export interface Candidate {
  key: string;
  sourceId: string;
  /** Body size from the feed. */
  bytes: number;
  position: number;
}

/**
 * The articles with a body in the list's topic and date filter (`params`), or all of them
 * (null), newest first, within the list's source if it names one. `offline`, sort and paging play no part. Read from the catalogue's
 * arrays alone, so counting and sizing 100k articles needs no database read.
 */
export function downloadCandidates(catalog: Catalog, params: ListParams | null): Candidate[] {
  // A source filter narrows the download too; offline=1 would leave nothing to fetch, so it is ignored.
  const positions = params === null ? null : matchingPositions(catalog, params, listMask(catalog, { ...params, offline: false }, new Set()));
  const candidates: Candidate[] = [];
  const take = (position: number): void => {
    if (!catalog.hasBody[position]) return;
    const sourceId = catalog.sourceIds[catalog.sourceOf[position] ?? 0] ?? '';
    candidates.push({ key: catalog.keys[position] ?? '', sourceId, bytes: catalog.bodyBytes[position] ?? 0, position });
  };
  if (positions === null) for (let p = 0; p < catalog.size; p++) take(p);
  else for (const p of positions) take(p);
  return candidates;
}

/** Joins candidates with where their bodies live, from the articles' stored text. */
export function toDownloadItems(candidates: readonly Candidate[], articles: readonly Article[]): DownloadItem[] {
  const byKey = new Map(articles.map((a) => [a.key, a]));
  return candidates.flatMap((candidate) => {
    const article = byKey.get(candidate.key);
    // Bodies that came inside a feed document are stored with it; there is no file to fetch.
    if (!article || article.bodyHref === null || article.bodyHash === null || isInlineBody(article.bodyHref)) return [];
    return [{ key: candidate.key, sourceId: candidate.sourceId, href: article.bodyHref, hash: article.bodyHash, bytes: candidate.bytes }];
  });
}
