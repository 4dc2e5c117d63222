import { queryOptions } from '@tanstack/svelte-query';
import { db } from '../db';
import type { ArticleRecord } from '../db/records';
import { loadBody } from '../services/bodies';

/** Runs offline too: the stored copy needs no network, and a missing one says so. */
export function bodyQueryOptions(article: ArticleRecord, feedUrl: string) {
  return queryOptions({
    queryKey: ['body', article.key, article.bodyHash] as const,
    queryFn: () => loadBody(db, article, feedUrl),
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  });
}
