/**
 * Stores the search index's body parts that a feed folder serves and the device lacks (the
 * offline page's offer, or the end of a sync): fetched a few at a time, each stored in its own
 * transaction.
 */
import type { FolioDb } from '../store/FolioDb';
import { attachSegmentBody, missingBodyParts } from '../store/segmentParts';
import { readAllSources } from '../store/sources';
import type { Environment } from './environment';
import { fetchSegmentPart } from './folderFetch';

const PARALLEL = 3;

export interface SearchBodiesResult {
  stored: number;
  /** Parts that could not be fetched or no longer fit their shard (it changed meanwhile). */
  failed: number;
}

/** `sourceId`: only that source's parts; else every source's. */
export async function storeSearchBodies(db: FolioDb, env: Environment, sourceId?: string): Promise<SearchBodiesResult> {
  const queue = await missingBodyParts(db, sourceId);
  const result: SearchBodiesResult = { stored: 0, failed: 0 };
  if (queue.length === 0) return result;
  const feedUrls = new Map((await readAllSources(db)).map((s) => [s.id, s.feedUrl]));
  let lastError: unknown = null;
  const worker = async (): Promise<void> => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const feedUrl = feedUrls.get(part.sourceId);
      try {
        if (!feedUrl) throw new Error('source removed');
        const bytes = await fetchSegmentPart(env.fetcher, feedUrl, { href: part.href, hash: '', bytes: part.bytes });
        // The manifest gave its size: anything else is not the file it listed.
        if (bytes.length === part.bytes && (await attachSegmentBody(db, part.key, part.chunk, bytes))) result.stored++;
        else result.failed++;
      } catch (error) {
        lastError = error;
        result.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // Nothing stored at all is a failure the page should explain (offline, server down).
  if (result.stored === 0 && lastError !== null) throw lastError;
  return result;
}
