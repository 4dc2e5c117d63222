import { queryOptions } from '@tanstack/svelte-query';
import { blocksFor, positionsFor } from '../catalog/article';
import { keyAt, type Catalog } from '../catalog/catalog';
import type { TextReader } from '../catalog/texts';

/** The catalogue and the reader of its text blocks, as the library holds them. */
export interface StoredText {
  readonly texts: TextReader;
  readonly catalog: Catalog;
}

/**
 * The display text of some articles (a page, one article, its neighbours). The key names the
 * text blocks, whose keys carry content hashes: a sync that edits an article makes a new key.
 * Blocks already in memory answer at once, so paging through read blocks never shows a spinner.
 */
export function articlesQueryOptions({ texts, catalog }: StoredText, positions: readonly number[]) {
  const keys = positions.map((p) => keyAt(catalog, p));
  return queryOptions({
    queryKey: ['articles', blocksFor(catalog, positions), keys] as const,
    queryFn: () => texts.load(catalog, positions),
    initialData: () => texts.peek(catalog, positions) ?? undefined,
    staleTime: Infinity,
    networkMode: 'always',
    retry: false,
  });
}

/** The same, for articles named by key (a deep link, a neighbour). */
export function articlesByKeyQueryOptions(stored: StoredText, keys: readonly string[]) {
  return articlesQueryOptions(stored, positionsFor(stored.catalog, keys));
}
