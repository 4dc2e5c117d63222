import type { Catalog } from '../catalog/catalog';
import type { DownloadItem, DownloadOutcome, DownloadProgress } from '../model/download';
import type { Candidate } from './candidates';

export interface DownloadRun {
  /** Source id → its feed folder's address. */
  feedUrls: Record<string, string>;
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

/** What offline reading needs from storage and the network; the app backs it with the store and the ingest worker. */
export interface OfflineBackend {
  /** Key → hash of the stored copies among `keys`. */
  storedHashes(keys: readonly string[]): Promise<Map<string, string>>;
  download(queue: readonly DownloadItem[], run: DownloadRun): Promise<DownloadOutcome>;
  remove(keys: readonly string[]): Promise<number>;
  /** Where the candidates' bodies live (from their stored text), for a download queue. */
  bodyRefs(catalog: Catalog, candidates: readonly Candidate[]): Promise<DownloadItem[]>;
}
