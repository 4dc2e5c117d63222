/**
 * A re-sync through deltas: a source behind by revisions the folder has deltas for fetches those
 * deltas (asked for as soon as the stored revision is known) and the search segments of the shards
 * they change, and applies them in one write. Any gap, file out of order or mismatch gives null, and
 * the caller fetches changed shards instead.
 */
import { composeDeltas, deltaChain } from '../feed/delta';
import type { FeedDelta, FeedDeltaRef, FeedManifest, FeedShardRef } from '../feed/folder';
import type { Source, SourceRef } from '../model/source';
import type { SyncResult } from '../model/sync';
import { prepareDelta, writeDelta } from '../store/deltas';
import type { FolioDb } from '../store/FolioDb';
import type { IncomingSegment } from '../store/segments';
import type { Environment } from './environment';
import { fetchDelta, fetchSegment } from './folderFetch';

export type DeltaSync = Omit<SyncResult, 'sourceId' | 'articleCount' | 'title'> & { deltasFetched: number };

/** What the folder sync knows: how to make the source's record, its search body policy, the shards hashes say to fetch. */
export interface DeltaContext {
  record: (syncedAt: number) => Source;
  withBody: (ref: FeedShardRef) => boolean;
  needed: readonly FeedShardRef[];
}

/** The deltas a sync asked for, as soon as it knew the stored revision: they come while it reads the store. */
export interface DeltasComing {
  chain: readonly FeedDeltaRef[];
  deltas: Promise<FeedDelta[]>;
}

/** Starts fetching the deltas from the stored revision to the manifest's, or null when the folder lacks one. */
export function askForDeltas(source: SourceRef, manifest: FeedManifest, previous: Source | undefined, env: Environment): DeltasComing | null {
  const latest = manifest.revision;
  if (!previous || previous.lastSyncedAt === null || latest === undefined || latest <= (previous.revision ?? 0)) return null;
  const chain = deltaChain(manifest.deltas ?? [], previous.revision ?? 0, latest);
  if (!chain) return null;
  const deltas = Promise.all(chain.map((ref) => fetchDelta(env.fetcher, source.feedUrl, ref)));
  // Nobody awaits them when reading the store fails first.
  deltas.catch(() => undefined);
  return { chain, deltas };
}

export async function syncByDeltas(db: FolioDb, source: SourceRef, manifest: FeedManifest, coming: DeltasComing, env: Environment, context: DeltaContext): Promise<DeltaSync | null> {
  const { chain } = coming;
  try {
    // The segments of the shards whose hash changed (the ones the deltas change) come alongside the
    // deltas; the stored rows are read and the new chunks built while the segments still come. A
    // failed segment is undefined, and built from the rows.
    const segmentsComing = Promise.all(context.needed.map(async (ref) => [ref.key, await fetchSegment(env.fetcher, source.feedUrl, ref, context.withBody(ref))] as const));
    segmentsComing.catch(() => undefined);
    const deltas = await coming.deltas;
    // A file that is not the revision step the manifest says it is fails composing: out of order.
    deltas.forEach((delta, i) => {
      if (delta.from !== chain[i]?.from || delta.to !== chain[i]?.to) throw new Error(`${chain[i]?.href ?? 'a delta'} is not the delta the manifest lists`);
    });
    const changes = composeDeltas(deltas);
    if (context.needed.some((ref) => !changes.shards.has(ref.key))) return null;
    const prepared = await prepareDelta(db, { sourceId: source.id, defaultAuthor: manifest.author, changes, shards: manifest.shards });
    const segments = new Map<string, IncomingSegment>();
    for (const [key, segment] of await segmentsComing) if (segment) segments.set(key, segment);
    const syncedAt = env.now();
    const counts = await writeDelta(db, prepared, segments, context.record(syncedAt));
    return { ...counts, shardsFetched: 0, deltasFetched: chain.length, syncedAt };
  } catch {
    // A missing or damaged delta, or a store not at the delta's start: the shard path repairs it.
    return null;
  }
}
