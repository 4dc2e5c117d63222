import type { Catalog } from '../catalog/catalog';
import { TextReader } from '../catalog/texts';
import type { FolioDb } from '../store/FolioDb';
import { toDownloadItems, type Candidate } from './candidates';
import { downloadBodies, type DownloadOptions, type DownloadOutcome } from '../ingest/download';
import type { DownloadItem } from './plan';
import { removeOfflineCopies } from '../store/bodies';

/** The stored-body operations offline reading needs, bound to one database. */
export interface OfflineBackend {
  /** Key → hash of the stored copies among `keys`. */
  storedHashes(keys: readonly string[]): Promise<Map<string, string>>;
  download(queue: readonly DownloadItem[], options: DownloadOptions): Promise<DownloadOutcome>;
  remove(keys: readonly string[]): Promise<number>;
  /** Where the candidates' bodies live (from their stored text), for a download queue. */
  bodyRefs(catalog: Catalog, candidates: readonly Candidate[]): Promise<DownloadItem[]>;
}

// Bodies carry their HTML, so hashes are read in slices rather than all at once.
const SLICE = 100;

export function createOfflineBackend(db: FolioDb): OfflineBackend {
  const texts = new TextReader(db);
  return {
    async bodyRefs(catalog, candidates) {
      const articles = await texts.load(catalog, candidates.map((c) => c.position));
      return toDownloadItems(candidates, articles);
    },
    async storedHashes(keys) {
      const hashes = new Map<string, string>();
      for (let i = 0; i < keys.length; i += SLICE) {
        const rows = await db.bodies.bulkGet(keys.slice(i, i + SLICE));
        for (const row of rows) if (row !== undefined) hashes.set(row.key, row.hash);
      }
      return hashes;
    },
    download: (queue, options) => downloadBodies(db, queue, options),
    remove: (keys) => removeOfflineCopies(db, keys),
  };
}
