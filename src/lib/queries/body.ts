import { queryOptions } from '@tanstack/svelte-query';
import { db } from '../store/appDb';
import type { Article } from '../catalog/article';
import { loadBody } from '../ingest/bodies';

/** Runs offline too: the stored copy needs no network, and a missing one says so. */
export function bodyQueryOptions(article: Article, feedUrl: string) {
  return queryOptions({
    queryKey: ['body', article.key, article.bodyHash] as const,
    queryFn: () => loadBody(db, article, feedUrl),
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  });
}
