import { queryOptions } from '@tanstack/svelte-query';
import type { BodyRequest, BodyResult } from '../ingest/storedBody';
import type { Article } from '../model/article';

/** Where bodies come from: a current stored copy read in the page, else the ingest worker. */
export interface BodySource {
  current(request: BodyRequest): Promise<BodyResult | null>;
  load(request: BodyRequest): Promise<BodyResult>;
}

/** Runs offline too: the stored copy needs no network, and a missing one says so. */
export function bodyQueryOptions(bodies: BodySource, article: Article, feedUrl: string) {
  const request: BodyRequest = { key: article.key, bodyHref: article.bodyHref, bodyHash: article.bodyHash, url: article.url, feedUrl };
  return queryOptions({
    queryKey: ['body', article.key, article.bodyHash] as const,
    queryFn: async () => (await bodies.current(request)) ?? bodies.load(request),
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  });
}
