/**
 * A re-sync through deltas: a source behind by revisions the folder has deltas for fetches those
 * deltas (asked for as soon as the stored revision is known) and writes them into the source's
 * overlay (store/overlay.ts): the cost follows the articles that changed, not the shards they sit
 * in. The overlay is folded into the shards, with their search segments from the folder, once it
 * grows too large or the source has nothing newer. Any gap, file out of order or mismatch gives
 * null, and the caller fetches changed shards instead.
 */
import { composeDeltas, deltaChain, type DeltaChanges } from '../feed/delta';
import type { FeedDelta, FeedDeltaRef, FeedManifest, FeedShardRef } from '../feed/folder';
import type { Source, SourceRef, SyncRequest } from '../model/source';
import type { SyncResult } from '../model/sync';
import { prepareDelta, writeDelta, type DeltaPlan } from '../store/deltas';
import type { FolioDb } from '../store/FolioDb';
import { overlayLimit, writeOverlay, type StoredOverlay } from '../store/overlay';
import type { IncomingSegment } from '../store/segments';
import type { WriteCounts } from '../store/shards';
import type { Environment } from './environment';
import { fetchDelta, fetchSegment } from './folderFetch';

export type DeltaSync = Omit<SyncResult, 'sourceId' | 'articleCount' | 'title'> & { deltasFetched: number };

/** What the folder sync knows: how to make the source's record, its search body policy, the shards hashes say to fetch. */
export interface DeltaContext {
  record: (syncedAt: number) => Source;
  withBody: (ref: FeedShardRef) => boolean;
  /** Shards whose stored chunk or segment differs from the manifest's: the deltas must cover them. */
  needed: readonly FeedShardRef[];
  /** The source's article count at its last sync. */
  previousCount: number;
  /** Whether the source stores every body part of its search index (else they are fetched on demand). */
  allBodies: boolean;
}

/** The deltas a sync asked for, as soon as it knew (or the page said) the stored revision: they come while it reads the store. */
export interface DeltasComing {
  /** The revision they start from. */
  from: number;
  chain: readonly FeedDeltaRef[];
  deltas: Promise<FeedDelta[]>;
  /** A lone delta's search segment, asked for early (DeltaExtras.lone); else the sync asks once it knows there is no overlay. */
  lone: Promise<IncomingSegment | undefined> | null;
}

/** What a source's last sync stored, as far as asking for deltas goes. */
export type StoredRevision = Pick<Source, 'lastSyncedAt' | 'revision'>;

/** What askForDeltas fetches beside the deltas: a lone delta's segment (`lone`), with its body part or not. */
export interface DeltaExtras {
  lone: boolean;
  allBodies: boolean;
}

/** A lone delta's search segment from the folder, or null when the chain is not one delta with a segment. */
function loneSegment(env: Environment, source: SourceRef, chain: readonly FeedDeltaRef[], allBodies: boolean): Promise<IncomingSegment | undefined> | null {
  const only = chain.length === 1 ? chain[0] : undefined;
  return only?.search ? fetchSegment(env.fetcher, source.feedUrl, only, allBodies) : null;
}

/** Starts fetching the deltas from the stored revision to the manifest's, or null when the folder lacks one. */
export function askForDeltas(source: SourceRef, manifest: FeedManifest, previous: StoredRevision | undefined, env: Environment, extras: DeltaExtras): DeltasComing | null {
  const latest = manifest.revision;
  const from = previous?.revision ?? 0;
  if (!previous || previous.lastSyncedAt === null || latest === undefined || latest <= from) return null;
  const chain = deltaChain(manifest.deltas ?? [], from, latest);
  if (!chain) return null;
  const deltas = Promise.all(chain.map((ref) => fetchDelta(env.fetcher, source.feedUrl, ref)));
  // Nobody awaits them when reading the store fails first, or the page's revision was not the store's.
  deltas.catch(() => undefined);
  return { from, chain, deltas, lone: extras.lone ? loneSegment(env, source, chain, extras.allBodies) : null };
}

/**
 * Asks for the deltas from the revision the page last saw stored (`source.seen`), before the
 * worker's own read of the store ends: at 100,000 articles that read waits for the page's read of
 * every chunk as the app opens. Null without a hint.
 */
export function askEarly(source: SyncRequest, manifest: FeedManifest, env: Environment, allBodies: boolean): DeltasComing | null {
  const seen = source.seen;
  return seen ? askForDeltas(source, manifest, { lastSyncedAt: 0, revision: seen.revision }, env, { lone: !seen.overlay, allBodies }) : null;
}

/** The deltas asked for early when the store agrees with the page; else asked for now, from what the store says. */
export function deltasFromStore(early: DeltasComing | null, source: SourceRef, manifest: FeedManifest, previous: StoredRevision | undefined, env: Environment, allBodies: boolean): DeltasComing | null {
  const synced = previous !== undefined && previous.lastSyncedAt !== null;
  if (early && synced && early.from === (previous.revision ?? 0)) return early;
  return askForDeltas(source, manifest, previous, env, { lone: false, allBodies });
}

/** The search segments of the shards hashes say changed; a failed one is undefined, and built from the rows. */
function askForSegments(env: Environment, source: SourceRef, context: DeltaContext): Promise<Map<string, IncomingSegment>> {
  const coming = Promise.all(context.needed.map(async (ref) => [ref.key, await fetchSegment(env.fetcher, source.feedUrl, ref, context.withBody(ref))] as const));
  coming.catch(() => undefined);
  return coming.then((pairs) => new Map(pairs.flatMap(([key, segment]) => (segment ? [[key, segment] as const] : []))));
}

/** What the new deltas did, counted from the article counts: the overlay's rows are not all this sync's. */
function stepCounts(step: DeltaChanges | null, previousCount: number, count: number): WriteCounts {
  if (!step) return { added: 0, removed: 0, refreshed: 0 };
  const added = Math.min(step.articles.size, Math.max(0, count - previousCount + step.removed.size));
  return { added, removed: step.removed.size, refreshed: step.articles.size - added };
}

const overlaySize = (changes: DeltaChanges): number => changes.articles.size + changes.removed.size;

/** What a delta sync starts from: the deltas asked for, and the overlay as read before the manifest came (null: unreadable). */
export interface DeltaStart {
  coming: DeltasComing | null;
  overlay: StoredOverlay | null;
}

export async function syncByDeltas(db: FolioDb, source: SourceRef, manifest: FeedManifest, start: DeltaStart, env: Environment, context: DeltaContext): Promise<DeltaSync | null> {
  const { coming, overlay } = start;
  const chain = coming?.chain ?? [];
  // An overlay whose text is incomplete: the shard path repairs it.
  if (!overlay) return null;
  try {
    // One delta into no overlay: the folder's segment of the delta's articles, when it wrote one, is the overlay's.
    const lone = overlay.delta === null ? (coming?.lone ?? loneSegment(env, source, chain, context.allBodies)) : null;
    // Nothing newer and no overlay to fold: the shard hashes say what is left to do.
    if (!coming && !overlay.delta) return null;
    const deltas = coming ? await coming.deltas : [];
    // A file that is not the revision step the manifest says it is fails composing: out of order.
    deltas.forEach((delta, i) => {
      if (delta.from !== chain[i]?.from || delta.to !== chain[i]?.to) throw new Error(`${chain[i]?.href ?? 'a delta'} is not the delta the manifest lists`);
    });
    const step = deltas.length > 0 ? composeDeltas(deltas) : null;
    const changes = overlay.delta ? composeDeltas([overlay.delta, ...deltas]) : step;
    if (!changes) return null;
    if (context.needed.some((ref) => !changes.shards.has(ref.key))) return null;
    const plan: DeltaPlan = { sourceId: source.id, defaultAuthor: manifest.author, changes, shards: manifest.shards };
    const articleCount = manifest.shards.reduce((n, ref) => n + ref.count, 0);
    const intoOverlay = deltas.length > 0 && overlaySize(changes) <= overlayLimit(articleCount);
    const syncedAt = env.now();
    let counts: WriteCounts;
    if (intoOverlay) {
      const given = (await lone) ?? undefined;
      await writeOverlay(db, plan, overlay.storedKeys, context.record(syncedAt), given);
      counts = stepCounts(step, context.previousCount, articleCount);
    } else {
      const segmentsComing = askForSegments(env, source, context);
      const prepared = await prepareDelta(db, plan);
      counts = await writeDelta(db, prepared, await segmentsComing, context.record(syncedAt));
      if (overlay.delta) counts = stepCounts(step, context.previousCount, articleCount);
    }
    return { ...counts, shardsFetched: 0, deltasFetched: chain.length, syncedAt };
  } catch {
    // A missing or damaged delta, or a store not at the delta's start: the shard path repairs it.
    return null;
  }
}
