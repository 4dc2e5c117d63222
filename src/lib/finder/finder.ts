/**
 * The query side of search, in plain code the worker wraps: one SearchIndex over every stored
 * segment, kept current by diffing segment revisions (only changed segments are read again), and
 * answers with phrases checked and snippets cut from the stored text.
 */
import { articleKey } from '../model/article';
import type { SearchCoverage, SearchHit, SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';
import { matchesPhrases } from '../search/phrase';
import type { ParsedQuery } from '../search/query';
import { SearchIndex, type Hit, type SearchResult } from '../search/search';
import { makeSnippet } from '../search/snippet';
import type { FolioDb } from '../store/FolioDb';
import type { SegmentFileRef } from '../store/records';
import { indexStoredShards, readSegments, segmentRevisions, watchSegments } from '../store/segmentParts';
import { segmentKeyOfRev } from '../store/segments';
import { OverlayHiding } from './overlays';
import { HitTexts } from './texts';

interface Loaded {
  rev: string;
  sourceId: string;
  shardKey: string;
  chunk: string;
  hasBodies: boolean;
  /** The feed's body part when not stored, for an on-demand fetch. */
  bodyRef: SegmentFileRef | null;
}

/**
 * How long a search runs before it lets the worker hear its messages: a search the reader has
 * typed past is then cancelled (see `pause`) instead of holding up the one they wait for.
 */
const SLICE_MS = 4;

/** Phrase queries look at this many candidates per hit asked for: phrases drop some. */
const PHRASE_CANDIDATES = 5;
/** Answers whose hits are kept for their snippets: the one shown, and those typed just before it. */
const RECENT_ANSWERS = 3;

export class Finder {
  readonly #db: FolioDb;
  readonly #index = new SearchIndex();
  readonly #loaded = new Map<string, Loaded>();
  readonly #texts: HitTexts;
  /**
   * Recent answers' hits, newest first: where a snippet's article lives. Filing every hit's key in
   * a map cost a tenth of the worker's time while typing at 100k (2,000 long keys an answer).
   */
  #recent: (readonly Hit[])[] = [];
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
    this.#texts = new HitTexts(db);
    this.#overlays = new OverlayHiding(db);
    this.#unwatch = watchSegments(db, () => (this.#stale = true));
  }

  /** Stops following the store's changes. */
  close(): void {
    this.#unwatch();
  }

  /** Like the engine's, but a shard whose articles have no body (link posts) lacks nothing. */
  coverage(): SearchCoverage {
    const held = new Set(this.#index.list().filter((s) => s.body).map((s) => `${s.source}/${s.key}`));
    const needed = [...this.#loaded].filter(([, s]) => s.hasBodies);
    const missing = needed.filter(([key]) => !held.has(key)).length;
    return missing === 0 ? 'full' : missing === needed.length ? 'titles-and-summaries' : 'partial';
  }

  /** Loaded segments whose body part the feed serves and the device does not hold. */
  missingBodies(): { key: string; sourceId: string; chunk: string; href: string; bytes: number }[] {
    const held = new Set(this.#index.list().filter((s) => s.body).map((s) => `${s.source}/${s.key}`));
    return [...this.#loaded]
      .filter(([key, s]) => s.bodyRef !== null && !held.has(key))
      .map(([key, s]) => ({ key, sourceId: s.sourceId, chunk: s.chunk, href: (s.bodyRef as SegmentFileRef).href, bytes: (s.bodyRef as SegmentFileRef).bytes }));
  }

  /** Adds a body part fetched on demand, in memory only, if its segment is still the one loaded. */
  attachBody(key: string, chunk: string, body: Uint8Array): boolean {
    const loaded = this.#loaded.get(key);
    if (loaded?.chunk !== chunk) return false;
    try {
      // The folder's file names no source: it is filed under ours, its bytes as fetched.
      this.#index.attachBody(body, { source: loaded.sourceId, key: loaded.shardKey });
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
      this.#index.remove(loaded.sourceId, loaded.shardKey);
      this.#loaded.delete(key);
      gone.push(loaded);
    }
    const changed = [...current].filter(([key, rev]) => this.#loaded.get(key)?.rev !== rev).map(([key]) => key);
    const put: Loaded[] = [];
    for (const record of await readSegments(this.#db, changed)) {
      // Not retried on every query: a new revision is a new chance.
      if (!this.#put(record.meta, record.body)) this.#index.remove(record.sourceId, record.shardKey);
      const { rev, sourceId, shardKey, chunk, hasBodies, bodyRef } = record;
      const loaded = { rev, sourceId, shardKey, chunk, hasBodies, bodyRef };
      this.#loaded.set(record.key, loaded);
      put.push(loaded);
    }
    await this.#overlays.update(this.#index, this.#loaded, put, gone);
  }

  /** Loads a segment; a part the engine cannot read is left out rather than failing every search. */
  #put(meta: Uint8Array, body: Uint8Array | null): boolean {
    try {
      this.#index.put(meta, body);
      return true;
    } catch {
      try {
        this.#index.put(meta);
        return true;
      } catch {
        return false;
      }
    }
  }

  /**
   * `pause`, when given, is awaited every few milliseconds of scoring: it yields to the worker's
   * event loop and throws to abandon the search (the reader typed on).
   */
  async search(request: SearchRequest, pause?: () => Promise<void>): Promise<SearchResponse> {
    if (request.stamp !== undefined && request.stamp !== this.#stamp) {
      this.#stamp = request.stamp;
      this.#stale = true;
    }
    await this.refresh();
    const limit = Math.max(0, Math.floor(request.limit));
    const phrased = /"/.test(request.query);
    const options = { limit: phrased ? limit * PHRASE_CANDIDATES : limit };
    const result = pause ? await this.#inSlices(request.query, options, pause) : this.#index.search(request.query, options);
    let hits = result.hits;
    let total = result.total;
    if (result.query.phrases.length > 0 || result.query.excludedPhrases.length > 0) {
      hits = await this.#withPhrases(hits, result.query, limit);
      if (result.hits.length < limit * PHRASE_CANDIDATES) total = hits.length;
    }
    hits = hits.slice(0, limit);
    this.#recent = [hits, ...this.#recent.slice(0, RECENT_ANSWERS - 1)];
    return {
      hits: hits.map((h): SearchHit => ({ key: articleKey(h.source, h.id), score: h.score, typos: h.typos })),
      total,
      coverage: this.coverage(),
      terms: result.terms,
      suggestions: result.suggestions,
    };
  }

  /** The engine's search, pausing between segments; started again if the index changed during a pause. */
  async #inSlices(query: string, options: { limit: number }, pause: () => Promise<void>): Promise<SearchResult> {
    for (;;) {
      const version = this.#index.version;
      const steps = this.#index.searchSteps(query, options);
      let sliceStart = performance.now();
      try {
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) return step.value;
          if (performance.now() - sliceStart < SLICE_MS) continue;
          await pause();
          if (this.#index.version !== version) break;
          sliceStart = performance.now();
        }
      } finally {
        // Cancelled or started again: closing the steps hands their arrays to the next search.
        steps.return(undefined as never);
      }
    }
  }

  /**
   * Hits whose stored text has the phrases. With no stored body, the words matched the index and
   * the body cannot be read, so the hit stays unless its title or summary has an excluded phrase.
   */
  async #withPhrases(hits: readonly Hit[], query: ParsedQuery, limit: number): Promise<Hit[]> {
    const kept: Hit[] = [];
    for (const hit of hits) {
      if (kept.length >= limit) break;
      const chunk = this.#chunkOf(hit);
      const text = chunk ? await this.#texts.text(chunk, hit.id) : null;
      if (!text) continue;
      const meta = `${text.title}\n${text.summary}`;
      const body = await this.#texts.body(hit.source, hit.id);
      const ok = body !== null ? matchesPhrases(`${meta}\n${body}`, query) : matchesPhrases(meta, { ...query, phrases: [] });
      if (ok) kept.push(hit);
    }
    return kept;
  }

  /** The stored chunk a hit's segment indexes, when that segment is still loaded. */
  #chunkOf(hit: Hit): string | undefined {
    return this.#loaded.get(`${hit.source}/${hit.key}`)?.chunk;
  }

  /** The chunk of a recent answer's hit with this article key. */
  #recentChunk(key: string): string | undefined {
    for (const hits of this.#recent) {
      // Compared in place: building each hit's key would cost what the map did.
      const hit = hits.find((h) => key.length === h.source.length + 1 + h.id.length && key.endsWith(h.id) && key.startsWith(`${h.source}/`));
      if (hit) return this.#chunkOf(hit);
    }
  }

  /** Plain-text snippets for articles from their stored body, else their summary: all read at once. */
  async snippets(request: SnippetRequest): Promise<Record<string, Snippet | null>> {
    const { keys, terms } = request;
    const bodies = await this.#texts.bodies(keys);
    // Without a stored body, the summary, from the chunk the hit was found in.
    const wanted = keys.flatMap((key, i) => {
      const chunk = bodies[i] === null ? this.#recentChunk(key) : undefined;
      return chunk ? [{ key, chunk, id: key.slice(key.lastIndexOf('/') + 1) }] : [];
    });
    const summaries = new Map((await this.#texts.texts(wanted)).map((text, i) => [wanted[i]?.key, text?.summary ?? null]));
    const out: Record<string, Snippet | null> = {};
    keys.forEach((key, i) => (out[key] = snippetOf(bodies[i] ?? summaries.get(key) ?? null, terms)));
    return out;
  }
}

function snippetOf(text: string | null, terms: readonly string[]): Snippet | null {
  if (text === null || text.trim() === '') return null;
  const s = makeSnippet(text, terms);
  return { text: s.text, highlights: s.highlights, cutStart: s.start > 0, cutEnd: s.truncated };
}
