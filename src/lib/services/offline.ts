import { db } from '../store/appDb';
import type { OfflineBackend } from '../offline/backend';

let backend: Promise<OfflineBackend> | null = null;

/** The download code loads on first use: most visits never download anything. */
function load(): Promise<OfflineBackend> {
  backend ??= import('../offline/backend').then(({ createOfflineBackend }) => createOfflineBackend(db));
  return backend;
}

/** Offline downloads and removals on the app's database, for the offline state (components never import the db). */
export const offlineBackend: OfflineBackend = {
  storedHashes: async (keys) => (await load()).storedHashes(keys),
  download: async (queue, options) => (await load()).download(queue, options),
  remove: async (keys) => (await load()).remove(keys),
  bodyRefs: async (catalog, candidates) => (await load()).bodyRefs(catalog, candidates),
};
