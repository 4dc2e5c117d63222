import { queryOptions } from '@tanstack/svelte-query';
import { blocksFor, positionsFor } from '../catalog/article';
import type { Catalog } from '../catalog/catalog';
import { TextReader } from '../catalog/texts';
import { db } from '../store/appDb';

const reader = new TextReader(db);

/**
 * The display text of some articles (a page, one article, its neighbours). The key names the
 * text blocks, whose keys carry content hashes: a sync that edits an article makes a new key.
 * Blocks already in memory answer at once, so paging through read blocks never shows a spinner.
 */
export function articlesQueryOptions(catalog: Catalog, positions: readonly number[]) {
  const keys = positions.map((p) => catalog.keys[p] ?? '');
  return queryOptions({
    queryKey: ['articles', blocksFor(catalog, positions), keys] as const,
    queryFn: () => reader.load(catalog, positions),
    initialData: () => reader.peek(catalog, positions) ?? undefined,
    staleTime: Infinity,
    networkMode: 'always',
    retry: false,
  });
}

/** The same, for articles named by key (a deep link, a neighbour). */
export function articlesByKeyQueryOptions(catalog: Catalog, keys: readonly string[]) {
  return articlesQueryOptions(catalog, positionsFor(catalog, keys));
}
