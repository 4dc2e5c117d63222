import type { TextReader } from '../catalog/texts';
import type { IngestClient } from '../ingest/client';
import type { OfflineBackend } from '../offline/backend';
import { toDownloadItems } from '../offline/candidates';
import type { FolioDb } from '../store/FolioDb';
import { storedHashes } from '../store/bodies';

/** Offline reading over the app's store (reads) and the ingest worker (downloads and removals). */
export function createOfflineBackend(db: FolioDb, client: IngestClient, texts: TextReader): OfflineBackend {
  return {
    async bodyRefs(catalog, candidates) {
      const articles = await texts.load(catalog, candidates.map((c) => c.position));
      return toDownloadItems(candidates, articles);
    },
    storedHashes: (keys) => storedHashes(db, keys),
    download: (queue, run) => client.download({ queue, ...run }),
    remove: (keys) => client.removeCopies(keys),
  };
}
