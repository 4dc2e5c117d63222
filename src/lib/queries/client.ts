import { onlineManager, QueryClient } from '@tanstack/svelte-query';

export function createQueryClient(): QueryClient {
  // onlineManager assumes "online" at start; a cold offline start must pause, not fail.
  onlineManager.setOnline(navigator.onLine);
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: true, refetchOnReconnect: true },
      // Every mutation is a job for the store or the worker: adding a file or removing a source needs
      // no network, and one that does (a feed by URL) says so itself. svelte-query's default would
      // pause them all while offline, leaving "Reading the feed…" on screen for good.
      mutations: { networkMode: 'always' },
    },
  });
}
