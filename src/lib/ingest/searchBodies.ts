/**
 * Stores the search index's body parts that a feed folder serves and the device lacks (the
 * offline page's offer, or the end of a sync): fetched a few at a time, and stored a batch per
 * transaction while the next batch downloads.
 */
import type { FolioDb } from '../store/FolioDb';
import { attachSegmentBodies, missingBodyParts, type FetchedBodyPart, type MissingBodyPart } from '../store/segmentParts';
import { readAllSources } from '../store/sources';
import type { FeedBodyRef } from '../feed/folder';
import type { Environment } from './environment';
import type { Fetch } from './fetchLimited';
import { fetchSegmentPart } from './folderFetch';

/** As many as a browser opens to one HTTP/1.1 host: the parts are small, so each one waits mostly on its round trip. */
const PARALLEL = 6;
/** Parts stored together: each transaction's commit, and the search worker's re-read it causes, costs more than the part. */
const BATCH = 12;

export interface SearchBodiesResult {
  stored: number;
  /** Parts that could not be fetched or no longer fit their shard (it changed meanwhile). */
  failed: number;
}

/** Body parts already on their way, by href: a first sync fetches them while it writes its list. */
export type PartsAhead = Map<string, Promise<Uint8Array>>;

/** Starts fetching `refs` into `into`, `PARALLEL` at a time: each part waits for the one `PARALLEL` places before it. */
export function fetchPartsAhead(fetcher: Fetch, feedUrl: string, refs: readonly FeedBodyRef[], into: PartsAhead): void {
  const lanes: Promise<unknown>[] = Array.from({ length: PARALLEL }, () => Promise.resolve());
  refs.forEach((ref, i) => {
    const part = (lanes[i % PARALLEL] as Promise<unknown>).then(() => fetchSegmentPart(fetcher, feedUrl, ref));
    // A part nobody takes (the sync failed first) must not reject unobserved, nor stop its lane.
    lanes[i % PARALLEL] = part.catch(() => undefined);
    into.set(ref.href, part);
  });
}

interface Fetched {
  parts: FetchedBodyPart[];
  failed: number;
  error: unknown;
}

/** Fetches a batch of parts, `PARALLEL` at a time; a part of another size than the manifest gave is not the file it listed. */
async function fetchBatch(env: Environment, feedUrls: ReadonlyMap<string, string>, batch: MissingBodyPart[], ahead: PartsAhead): Promise<Fetched> {
  const out: Fetched = { parts: [], failed: 0, error: null };
  const queue = [...batch];
  const worker = async (): Promise<void> => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      try {
        const feedUrl = feedUrls.get(part.sourceId);
        if (!feedUrl) throw new Error('source removed');
        const refetch = (): Promise<Uint8Array> => fetchSegmentPart(env.fetcher, feedUrl, { href: part.href, hash: '', bytes: part.bytes });
        const early = ahead.get(part.href);
        ahead.delete(part.href);
        // A part fetched ahead that failed is asked for once more, as any other part would be.
        const body = await (early ? early.catch(refetch) : refetch());
        if (body.length === part.bytes) out.parts.push({ key: part.key, chunk: part.chunk, body });
        else out.failed++;
      } catch (error) {
        out.error = error;
        out.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return out;
}

/** `sourceId`: only that source's parts; else every source's. `ahead`: parts already being fetched. */
export async function storeSearchBodies(db: FolioDb, env: Environment, sourceId?: string, ahead: PartsAhead = new Map()): Promise<SearchBodiesResult> {
  const queue = await missingBodyParts(db, sourceId);
  const result: SearchBodiesResult = { stored: 0, failed: 0 };
  if (queue.length === 0) return result;
  const feedUrls = new Map((await readAllSources(db)).map((s) => [s.id, s.feedUrl]));
  let lastError: unknown = null;
  let writing: Promise<void> = Promise.resolve();
  const store = async (parts: FetchedBodyPart[]): Promise<void> => {
    try {
      const stored = await attachSegmentBodies(db, parts);
      result.stored += stored.filter(Boolean).length;
      result.failed += stored.filter((ok) => !ok).length;
    } catch (error) {
      lastError = error;
      result.failed += parts.length;
    }
  };
  for (let at = 0; at < queue.length; at += BATCH) {
    const fetched = await fetchBatch(env, feedUrls, queue.slice(at, at + BATCH), ahead);
    result.failed += fetched.failed;
    lastError = fetched.error ?? lastError;
    await writing;
    writing = store(fetched.parts);
  }
  await writing;
  // Nothing stored at all is a failure the page should explain (offline, server down).
  if (result.stored === 0 && lastError !== null) throw lastError;
  return result;
}
