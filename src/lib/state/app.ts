import type { QueryClient } from '@tanstack/svelte-query';
import { IngestClient } from '../ingest/client';
import { currentCopy } from '../ingest/storedBody';
import { browserJobStore } from '../offline/job';
import { BUNDLED_SOURCE_ID, type SourceRef } from '../model/source';
import { FolioDb } from '../store/FolioDb';
import { loadHeadRecord, saveHeadRecord } from '../store/head';
import { Clock } from './clock.svelte';
import { HeadKeeper, headSourcesOf } from './headKeeper';
import type { HeadRecord } from '../model/head';
import type { AppState } from './context';
import type { BodySource } from '../queries/body';
import { Library } from './library.svelte';
import { Reading } from './reading.svelte';
import { NetworkStatus } from './network.svelte';
import { OfflineDownloads } from './offline.svelte';
import { createOfflineBackend } from './offlineBackend';
import { afterSync } from './afterSync';
import { AppUpdate, InstallPrompt } from './pwa.svelte';
import { Router } from './router.svelte';
import { createAppSearch } from './searchBackend';
import { SearchBox, SEARCH_DEBOUNCE_MS } from './searchBox.svelte';
import { prefetchSearch } from '../queries/search';
import { routeParams } from '../router/routes';
import { Settings } from './settings.svelte';
import { SearchIndexOffer } from './searchIndex.svelte';
import { SourceMemory } from './sourceMemory.svelte';
import { StorageStatus } from './storage.svelte';
import { SyncScheduler } from './sync.svelte';

/** A value made on first use, once. */
function lazily<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

/** The feed bundled with the app, served from `feed/` beside it. */
function bundledSource(base: string): SourceRef {
  return { id: BUNDLED_SOURCE_ID, kind: 'folio', feedUrl: new URL(`${base}feed/`, window.location.origin).href };
}

/** How long the service worker waits for the bundled feed's first sync before it registers anyway. */
const REGISTER_WAIT_MS = 10_000;

/**
 * The app's shared state, built once before the app mounts (boot.ts), which gives it to the app as
 * context. `storedHead`: the head this start painted from the store, when it did (HeadKeeper.seed).
 */
export function createAppState(base: string, queryClient: QueryClient, storedHead: HeadRecord | null = null): AppState {
  const db = new FolioDb();
  const ingest = new IngestClient(db);
  // The app starts after the first paint: the worker loads while the page reads its catalogue.
  ingest.warm();
  const memory = new SourceMemory();
  const library = new Library(db, (sources) => memory.observe(sources));
  // Finding a stored copy is a few hundred bytes: loading it with the reader would put one more
  // request between an opened article and its text.
  const bodies: BodySource = {
    current: (request) => currentCopy(db, request),
    load: (request) => ingest.loadBody(request),
  };
  const network = new NetworkStatus();
  const storage = new StorageStatus();
  const offline = new OfflineDownloads({
    backend: createOfflineBackend(db, ingest, library.texts),
    inputs: {
      catalog: () => library.catalog,
      storedKeys: () => library.storedBodies,
      savedKeys: () => library.savedKeys,
      feedUrls: () => Object.fromEntries(library.sources.map((s) => [s.id, s.feedUrl])),
      online: () => network.online,
    },
    jobs: browserJobStore(),
    events: window,
    onSettled: () => void storage.refresh(),
  });
  const settings = new Settings();
  const router = new Router(base);
  const opening = () => (router.route.name === 'article' ? { sourceId: router.route.sourceId, id: router.route.id } : null);
  const sync = new SyncScheduler(bundledSource(base), ingest, library, queryClient, memory, opening);
  const reading = new Reading(db, bodies);
  const bundled = bundledSource(base);
  const search = createAppSearch();
  // What the default list's first page shows, for the next start's first paint.
  const head = new HeadKeeper(
    headSourcesOf(library, reading, bundled.id),
    base,
    (record) => saveHeadRecord(db, record),
    () => loadHeadRecord(db),
  );
  if (storedHead) head.seed(storedHead);
  return {
    library,
    memory,
    router,
    network,
    clock: new Clock(),
    install: new InstallPrompt(),
    update: new AppUpdate(afterSync(queryClient, bundled.id, REGISTER_WAIT_MS)),
    offline,
    storage,
    searchIndex: new SearchIndexOffer(db, ingest),
    sync,
    bodies,
    reading,
    head,
    settings,
    search,
    searchBox: new SearchBox(router, SEARCH_DEBOUNCE_MS, prefetchSearch(queryClient, search, () => library.catalog, (answer) => library.warmTexts(answer, routeParams(router.route).size))),
    // Backups and OPML bring the feed parsers: they load when the settings page asks for them.
    yourData: lazily(() => import('./yourData').then(({ YourData }) => new YourData(db, library, settings, sync))),
  };
}
