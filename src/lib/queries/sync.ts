import { queryOptions } from '@tanstack/svelte-query';
import { db } from '../db';
import { SyncClient } from '../sync/client';
import type { SourceTarget } from '../sync/types';

const client = new SyncClient(db);

/** A sync is a query: it runs on start, on reconnect, and on focus once stale. Lists read Dexie, not its data. */
export function syncQueryOptions(source: SourceTarget) {
  return queryOptions({
    queryKey: ['sync', source.id, source.feedUrl] as const,
    queryFn: () => client.sync(source),
    staleTime: 5 * 60_000,
    networkMode: 'online',
  });
}
