import { onlineManager, QueryClient } from '@tanstack/svelte-query';

export function createQueryClient(): QueryClient {
  // onlineManager assumes "online" at start; a cold offline start must pause, not fail.
  onlineManager.setOnline(navigator.onLine);
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: true, refetchOnReconnect: true },
    },
  });
}
