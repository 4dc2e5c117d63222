/**
 * The search worker's index and how it stays current: one SearchIndex over every stored segment,
 * kept in step by diffing segment revisions (only changed segments are read again), with body parts
 * the device does not store joined from the feed on demand.
 */
import type { SearchCoverage } from '../model/search';
import { SearchIndex, type Hit } from '../search/search';
import type { FolioDb } from '../store/FolioDb';
import type { SegmentFileRef } from '../store/records';
import { indexStoredShards, readSegments, segmentRevisions, watchSegments } from '../store/segmentParts';
import { segmentKeyOfRev } from '../store/segments';
import { OverlayHiding } from './overlays';

interface Loaded {
  rev: string;
  sourceId: string;
  shardKey: string;
  chunk: string;
  hasBodies: boolean;
  /** The feed's body part when not stored, for an on-demand fetch. */
  bodyRef: SegmentFileRef | null;
}

export class LoadedIndex {
  readonly index = new SearchIndex();
  readonly #db: FolioDb;
  readonly #loaded = new Map<string, Loaded>();
  #started: Promise<void> | null = null;
  readonly #overlays: OverlayHiding;
  /**
   * Whether the store may hold segments other than those loaded: reading every revision cost a
   * transaction per query. Set by any write to the segments (here or in another context) and by a
   * request naming another catalog than the last.
   */
  #stale = true;
  #loading: Promise<void> | null = null;
  #stamp: string | undefined;
  readonly #unwatch: () => void;

  constructor(db: FolioDb) {
    this.#db = db;
    this.#overlays = new OverlayHiding(db);
    this.#unwatch = watchSegments(db, () => (this.#stale = true));
  }

  /** Stops following the store's changes. */
  close(): void {
    this.#unwatch();
  }

  /** A request names the catalogue it was made from: another one may come with other segments. */
  follow(stamp: string | undefined): void {
    if (stamp === undefined || stamp === this.#stamp) return;
    this.#stamp = stamp;
    this.#stale = true;
  }

  /** Like the engine's, but a shard whose articles have no body (link posts) lacks nothing. */
  coverage(): SearchCoverage {
    const held = this.#heldBodies();
    const needed = [...this.#loaded].filter(([, s]) => s.hasBodies);
    const missing = needed.filter(([key]) => !held.has(key)).length;
    return missing === 0 ? 'full' : missing === needed.length ? 'titles-and-summaries' : 'partial';
  }

  /** Loaded segments whose body part the feed serves and the device does not hold. */
  missingBodies(): { key: string; sourceId: string; chunk: string; href: string; bytes: number }[] {
    const held = this.#heldBodies();
    return [...this.#loaded]
      .filter(([key, s]) => s.bodyRef !== null && !held.has(key))
      .map(([key, s]) => ({ key, sourceId: s.sourceId, chunk: s.chunk, href: (s.bodyRef as SegmentFileRef).href, bytes: (s.bodyRef as SegmentFileRef).bytes }));
  }

  /** Keys of the loaded segments whose body part is in the index. */
  #heldBodies(): Set<string> {
    return new Set(this.index.list().filter((s) => s.body).map((s) => `${s.source}/${s.key}`));
  }

  /** Adds a body part fetched on demand, in memory only, if its segment is still the one loaded. */
  attachBody(key: string, chunk: string, body: Uint8Array): boolean {
    const loaded = this.#loaded.get(key);
    if (loaded?.chunk !== chunk) return false;
    try {
      // The folder's file names no source: it is filed under ours, its bytes as fetched.
      this.index.attachBody(body, { source: loaded.sourceId, key: loaded.shardKey });
      return true;
    } catch {
      return false;
    }
  }

  /** Reads the segments that changed since the last call and drops those that are gone. */
  async refresh(): Promise<void> {
    // Shards stored before the index existed (an upgraded database) are indexed once, first.
    this.#started ??= indexStoredShards(this.#db).then(() => undefined);
    await this.#started;
    // One load at a time: a search that comes while another caller loads (`prepare`) waits for it,
    // rather than running over a half-loaded index; a failed load leaves it stale, to try again.
    while (this.#loading) await this.#loading.catch(() => undefined);
    if (!this.#stale) return;
    // Cleared first: a write while this reads marks it stale again for the next query.
    this.#stale = false;
    this.#loading = this.#load()
      .catch((error: unknown) => {
        this.#stale = true;
        throw error;
      })
      .finally(() => (this.#loading = null));
    await this.#loading;
  }

  async #load(): Promise<void> {
    const current = new Map((await segmentRevisions(this.#db)).map((rev) => [segmentKeyOfRev(rev), rev]));
    const gone: Loaded[] = [];
    for (const [key, loaded] of this.#loaded) {
      if (current.has(key)) continue;
      this.index.remove(loaded.sourceId, loaded.shardKey);
      this.#loaded.delete(key);
      gone.push(loaded);
    }
    const changed = [...current].filter(([key, rev]) => this.#loaded.get(key)?.rev !== rev).map(([key]) => key);
    const put: Loaded[] = [];
    for (const record of await readSegments(this.#db, changed)) {
      // Not retried on every query: a new revision is a new chance.
      if (!this.#put(record.meta, record.body)) this.index.remove(record.sourceId, record.shardKey);
      const { rev, sourceId, shardKey, chunk, hasBodies, bodyRef } = record;
      const loaded = { rev, sourceId, shardKey, chunk, hasBodies, bodyRef };
      this.#loaded.set(record.key, loaded);
      put.push(loaded);
    }
    await this.#overlays.update(this.index, this.#loaded, put, gone);
  }

  /** Loads a segment; a part the engine cannot read is left out rather than failing every search. */
  #put(meta: Uint8Array, body: Uint8Array | null): boolean {
    try {
      this.index.put(meta, body);
      return true;
    } catch {
      try {
        this.index.put(meta);
        return true;
      } catch {
        return false;
      }
    }
  }

  /** The stored chunk a hit's segment indexes, when that segment is still loaded. */
  chunkOf(hit: Hit): string | undefined {
    return this.#loaded.get(`${hit.source}/${hit.key}`)?.chunk;
  }
}
