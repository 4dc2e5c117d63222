import type { QueryClient } from '@tanstack/svelte-query';
import { getContext } from 'svelte';
import type { SearchBackend } from '../model/search';
import type { BodySource } from '../queries/body';
import type { Clock } from './clock.svelte';
import type { HeadKeeper } from './headKeeper';
import type { Library } from './library.svelte';
import type { NetworkStatus } from './network.svelte';
import type { OfflineDownloads } from './offline.svelte';
import type { Reading } from './reading.svelte';
import type { AppUpdate, InstallPrompt } from './pwa.svelte';
import type { Router } from './router.svelte';
import type { SearchBox } from './searchBox.svelte';
import type { SearchIndexOffer } from './searchIndex.svelte';
import type { Settings } from './settings.svelte';
import type { SourceMemory } from './sourceMemory.svelte';
import type { StorageStatus } from './storage.svelte';
import type { SyncScheduler } from './sync.svelte';
import type { YourData } from './yourData';

export interface AppState {
  library: Library;
  /** The reader's sources as last seen stored, to notice and undo what the browser drops. */
  memory: SourceMemory;
  router: Router;
  network: NetworkStatus;
  clock: Clock;
  install: InstallPrompt;
  update: AppUpdate;
  offline: OfflineDownloads;
  storage: StorageStatus;
  /** Search index body parts left on the server, offered on the offline page. */
  searchIndex: SearchIndexOffer;
  sync: SyncScheduler;
  bodies: BodySource;
  reading: Reading;
  /** Keeps the head record, the next start's first paint, current. */
  head: HeadKeeper;
  settings: Settings;
  /** Full-text search over every stored article, off the main thread. */
  search: SearchBackend;
  searchBox: SearchBox;
  /** Loads the backup and OPML code on first use. */
  yourData: () => Promise<YourData>;
}

const KEY = Symbol('folio');
const QUERY_CLIENT_KEY = Symbol('folio-query-client');

/** The context the app mounts with: its state and its query client, made before the mount (boot.ts). */
export function appContext(state: AppState, queryClient: QueryClient): Map<symbol, unknown> {
  return new Map<symbol, unknown>([
    [KEY, state],
    [QUERY_CLIENT_KEY, queryClient],
  ]);
}

/** For the root component, which provides it to svelte-query. */
export function useAppQueryClient(): QueryClient {
  return getContext<QueryClient>(QUERY_CLIENT_KEY);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
