import { db } from '../store/appDb';
import { browserJobStore } from '../offline/job';
import { offlineBackend } from '../services/offline';
import type { AppState } from './context';
import { Library } from './library.svelte';
import { NetworkStatus } from './network.svelte';
import { OfflineDownloads } from './offline.svelte';
import { AppUpdate, InstallPrompt } from './pwa.svelte';
import { Router } from './router.svelte';
import { StorageStatus } from './storage.svelte';

/** The app's shared state, built once at start-up. */
export function createAppState(base: string): AppState {
  const library = new Library(db);
  const network = new NetworkStatus();
  const storage = new StorageStatus();
  const offline = new OfflineDownloads({
    backend: offlineBackend,
    inputs: {
      catalog: () => library.catalog,
      storedKeys: () => library.storedBodies,
      feedUrlOf: (sourceId) => library.source(sourceId)?.feedUrl,
      online: () => network.online,
    },
    jobs: browserJobStore(),
    events: window,
    onSettled: () => void storage.refresh(),
  });
  return {
    library,
    router: new Router(base),
    network,
    install: new InstallPrompt(),
    update: new AppUpdate(),
    offline,
    storage,
  };
}
