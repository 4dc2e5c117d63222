import type { QueryClient } from '@tanstack/svelte-query';
import { syncQueryKey } from '../queries/sync';

/**
 * Resolves once a source's sync has run to an end (stored, or failed), or after `limitMs` when it
 * has not (offline, its query waits for the network): work that can wait starts after it.
 */
export function afterSync(queryClient: QueryClient, sourceId: string, limitMs: number): Promise<void> {
  const key = syncQueryKey(sourceId);
  const settled = (): boolean => {
    const state = queryClient.getQueryState(key);
    return state !== undefined && state.status !== 'pending' && state.fetchStatus === 'idle';
  };
  return new Promise((resolve) => {
    if (settled()) return resolve();
    const done = (): void => {
      unsubscribe();
      clearTimeout(limit);
      resolve();
    };
    const unsubscribe = queryClient.getQueryCache().subscribe(() => {
      if (settled()) done();
    });
    const limit = setTimeout(done, limitMs);
  });
}
