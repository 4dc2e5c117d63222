import { queryOptions } from '@tanstack/svelte-query';
import { db } from '../db';
import { syncSource } from '../sync/syncSource';
import type { SourceTarget } from '../sync/applyFeed';

/** A sync is a query: it runs on start, on reconnect, and on focus once stale. Lists read Dexie, not its data. */
export function syncQueryOptions(source: SourceTarget) {
  return queryOptions({
    queryKey: ['sync', source.id, source.feedUrl] as const,
    queryFn: () => syncSource(db, source),
    staleTime: 5 * 60_000,
    networkMode: 'online',
  });
}
