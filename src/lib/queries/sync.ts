import { queryOptions } from '@tanstack/svelte-query';
import { syncClient } from '../services/sync';
import type { SourceRef } from '../ingest/sources';
import { SyncError } from '../model/error';

export interface SourceFailure {
  sourceId: string;
  message: string;
}

export interface SyncAllResult {
  added: number;
  articleCount: number;
  failures: SourceFailure[];
}

/**
 * A sync is a query: it runs on start, on reconnect, and on focus once stale. Lists read Dexie,
 * not its data. Sources sync one after another; one failing does not stop the others.
 */
export function syncQueryOptions(sources: readonly SourceRef[]) {
  const refs = sources.filter((s) => s.kind !== 'file').map((s) => ({ id: s.id, kind: s.kind, feedUrl: s.feedUrl }));
  return queryOptions({
    queryKey: ['sync', refs] as const,
    queryFn: async (): Promise<SyncAllResult> => {
      const result: SyncAllResult = { added: 0, articleCount: 0, failures: [] };
      let firstError: unknown = null;
      for (const ref of refs) {
        try {
          const synced = await syncClient.sync(ref);
          result.added += synced.added < synced.articleCount ? synced.added : 0;
          result.articleCount += synced.articleCount;
        } catch (error) {
          firstError ??= error;
          result.failures.push({ sourceId: ref.id, message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (firstError && result.failures.length === refs.length) throw firstError instanceof SyncError ? firstError : new SyncError('unknown', String(firstError));
      return result;
    },
    staleTime: 5 * 60_000,
    networkMode: 'online',
  });
}
