import { keyMask } from '../list/masks';
import type { Catalog } from '../catalog/catalog';
import { patchCatalog } from '../catalog/patch';
import type { SeenRevision, Source } from '../model/source';
import { isOverlayKey } from '../store/keys';
import type { CatalogChunkRecord } from '../store/records';

export interface ChunkSnapshot {
  chunks: Map<string, CatalogChunkRecord>;
  /** Whether any chunk came or went since the held snapshot. */
  changed: boolean;
  /** The chunks read now, and the keys of held chunks that went. */
  added: CatalogChunkRecord[];
  removed: Set<string>;
}

/**
 * The chunks for a new list of keys: those already held are kept, only the missing ones are read.
 * Keys carry content hashes, so a held chunk is never stale.
 */
export async function mergeChunkKeys(
  held: ReadonlyMap<string, CatalogChunkRecord>,
  keys: readonly string[],
  read: (missing: string[]) => Promise<(CatalogChunkRecord | undefined)[]>,
): Promise<ChunkSnapshot> {
  const missing = keys.filter((key) => !held.has(key));
  const loaded = missing.length > 0 ? await read(missing) : [];
  const fresh = new Map(missing.map((key, i) => [key, loaded[i]]));
  const chunks = new Map<string, CatalogChunkRecord>();
  for (const key of keys) {
    const chunk = held.get(key) ?? fresh.get(key);
    if (chunk) chunks.set(key, chunk);
  }
  const added = missing.flatMap((key) => {
    const chunk = chunks.get(key);
    return chunk ? [chunk] : [];
  });
  const removed = new Set([...held.keys()].filter((key) => !chunks.has(key)));
  return { chunks, changed: added.length > 0 || removed.size > 0, added, removed };
}

/** A catalogue with the chunks and sources it was built from. */
export interface Built {
  catalog: Catalog;
  sources: readonly Source[];
  chunks: ReadonlyMap<string, CatalogChunkRecord>;
}

/**
 * `built` with a newer stored state patched in: its new chunks read, the gone ones taken out. Null
 * when only a rebuild can take it (patchCatalog).
 */
export async function patchLanded(built: Built, latest: StoredState, read: (missing: string[]) => Promise<(CatalogChunkRecord | undefined)[]>): Promise<Built | null> {
  const next = await mergeChunkKeys(built.chunks, latest.keys, read);
  if (!next.changed && sameTopicNames(built.sources, latest.sources)) return { ...built, sources: latest.sources };
  const start = performance.now();
  const catalog = patchCatalog(built.catalog, next.removed, next.added, latest.sources);
  if (!catalog) return null;
  performance.measure('folio:catalog-patch', { start });
  return { catalog, sources: latest.sources, chunks: next.chunks };
}

/** What a read of the store's chunk keys and sources found. */
export interface StoredState {
  keys: string[];
  sources: readonly Source[];
}

/** A synced source's revision and whether one of the keys is its overlay; undefined before its first sync completes. */
export function seenRevision(state: StoredState, sourceId: string): SeenRevision | undefined {
  const source = state.sources.find((s) => s.id === sourceId);
  if (!source || source.lastSyncedAt === null) return undefined;
  const own = `${sourceId}/`;
  return { revision: source.revision ?? 0, overlay: state.keys.some((key) => key.startsWith(own) && isOverlayKey(sourceId, key)) };
}

export function sameTopicNames(a: readonly Source[], b: readonly Source[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((source, i) => source.id === b[i]?.id && sameNames(source.topicNames, b[i].topicNames));
}

function sameNames(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [slug, name] of a) if (b.get(slug) !== name) return false;
  return true;
}

export interface SourceCount {
  count: number;
  unread: number;
}

/** Articles and unread articles per source id, in one pass over the catalogue. */
export function countBySource(catalog: Catalog, read: ReadonlySet<string>): ReadonlyMap<string, SourceCount> {
  const readMask = keyMask(catalog, read);
  const counts = catalog.sourceIds.map(() => ({ count: 0, unread: 0 }));
  for (let p = 0; p < catalog.size; p++) {
    const entry = counts[catalog.sourceOf[p] ?? 0];
    if (!entry) continue;
    entry.count += 1;
    if (readMask[p] !== 1) entry.unread += 1;
  }
  return new Map(catalog.sourceIds.map((id, i) => [id, counts[i] ?? { count: 0, unread: 0 }]));
}

/** A wait that `wake()` ends early; a wake with no wait under way does nothing. */
export class WakeablePause {
  #end: (() => void) | null = null;

  for(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Each timer ends its own pause, never one begun after it.
      const end = (): void => {
        clearTimeout(timer);
        if (this.#end === end) this.#end = null;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#end = end;
    });
  }

  wake(): void {
    this.#end?.();
  }
}

/** The least pause between rebuilds while a first sync streams shards in. */
export const REBUILD_PAUSE_MS = 1000;
/** A build may take at most this share of the page's time while a first sync streams in. */
const BUILD_SHARE = 1 / 8;

/**
 * The pause before the next rebuild while a first sync streams in, after a build that took
 * `lastBuildMs`: a rebuild reads every chunk stored so far, so at 100k the last ones took about
 * 0.3 s each, and one a second took CPU the sync itself needed on a two-core machine.
 */
export function rebuildPause(lastBuildMs: number): number {
  return Math.max(REBUILD_PAUSE_MS, lastBuildMs / BUILD_SHARE);
}

/**
 * A task of its own: `scheduler.yield()` where the browser has it. Timers nested more than five deep
 * wait at least 4 ms each, so a build's dozen pauses waited 27 ms in all (0.2 ms with `yield`).
 */
export const nextTask = (): Promise<void> =>
  typeof scheduler !== 'undefined' && 'yield' in scheduler ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
