/**
 * The query side of search, in plain code the worker wraps: answers over the loaded index
 * (`LoadedIndex`), with phrases checked and snippets cut from the stored text.
 */
import { articleKey } from '../model/article';
import type { SearchRequest, Snippet, SnippetRequest } from '../model/search';
import { matchesPhrases } from '../search/phrase';
import type { ParsedQuery } from '../search/query';
import type { Hit, SearchResult } from '../search/search';
import { excerpt } from '../search/snippet';
import type { FolioDb } from '../store/FolioDb';
import { LoadedIndex } from './loadedIndex';
import type { FoundHit, FoundResponse } from './protocol';
import { HitTexts } from './texts';

/**
 * How long a search runs before it lets the worker hear its messages: a search the reader has
 * typed past is then cancelled (see `pause`) instead of holding up the one they wait for.
 */
const SLICE_MS = 4;

/** Phrase queries look at this many candidates per hit asked for: phrases drop some. */
const PHRASE_CANDIDATES = 5;

/**
 * A hit and the stored chunk its segment indexes: the doc is the chunk's row. Its place is what
 * crosses to the page; its key is made only when read, and nothing on the way there reads it.
 */
class Placed implements FoundHit {
  constructor(
    readonly hit: Hit,
    readonly chunk: string,
  ) {}

  get key(): string {
    return articleKey(this.hit.source, this.hit.id);
  }

  get row(): number {
    return this.hit.doc;
  }

  get score(): number {
    return this.hit.score;
  }

  get typos(): number {
    return this.hit.typos;
  }
}

export class Finder {
  /** The index, and what keeps it current; the worker readies it (`prepare`) and joins body parts to it. */
  readonly segments: LoadedIndex;
  readonly #texts: HitTexts;

  constructor(db: FolioDb) {
    this.segments = new LoadedIndex(db);
    this.#texts = new HitTexts(db);
  }

  /** Stops following the store's changes. */
  close(): void {
    this.segments.close();
  }

  /**
   * `pause`, when given, is awaited every few milliseconds of scoring: it yields to the worker's
   * event loop and throws to abandon the search (the reader typed on).
   */
  async search(request: SearchRequest, pause?: () => Promise<void>): Promise<FoundResponse> {
    this.segments.follow(request.stamp);
    await this.segments.refresh();
    const limit = Math.max(0, Math.floor(request.limit));
    const phrased = /"/.test(request.query);
    const options = { limit: phrased ? limit * PHRASE_CANDIDATES : limit };
    const result = pause ? await this.#inSlices(request.query, options, pause) : this.segments.index.search(request.query, options);
    // Placed before anything is awaited: a refresh of the index may replace a segment, and its rows.
    let placed = this.#placed(result.hits);
    let total = result.total;
    if (result.query.phrases.length > 0 || result.query.excludedPhrases.length > 0) {
      placed = await this.#withPhrases(placed, result.query, limit);
      if (result.hits.length < limit * PHRASE_CANDIDATES) total = placed.length;
    }
    return {
      hits: placed.slice(0, limit),
      total,
      coverage: this.segments.coverage(),
      terms: result.terms,
      suggestions: result.suggestions,
    };
  }

  /** The hits with the chunk each was found in, looked up once per segment. */
  #placed(hits: readonly Hit[]): Placed[] {
    const chunks = new Map<string, Map<string, string | undefined>>();
    const placed: Placed[] = [];
    for (const hit of hits) {
      let ofSource = chunks.get(hit.source);
      if (!ofSource) chunks.set(hit.source, (ofSource = new Map()));
      let chunk = ofSource.get(hit.key);
      if (chunk === undefined && !ofSource.has(hit.key)) ofSource.set(hit.key, (chunk = this.segments.chunkOf(hit)));
      if (chunk !== undefined) placed.push(new Placed(hit, chunk));
    }
    return placed;
  }

  /** The engine's search, pausing between segments; started again if the index changed during a pause. */
  async #inSlices(query: string, options: { limit: number }, pause: () => Promise<void>): Promise<SearchResult> {
    for (;;) {
      const version = this.segments.index.version;
      const steps = this.segments.index.searchSteps(query, options);
      let sliceStart = performance.now();
      try {
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) return step.value;
          if (performance.now() - sliceStart < SLICE_MS) continue;
          await pause();
          if (this.segments.index.version !== version) break;
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
  async #withPhrases(placed: readonly Placed[], query: ParsedQuery, limit: number): Promise<Placed[]> {
    const kept: Placed[] = [];
    for (const one of placed) {
      if (kept.length >= limit) break;
      const { hit, chunk } = one;
      const text = await this.#texts.text(chunk, hit.doc, hit.id);
      if (!text) continue;
      const meta = `${text.title}\n${text.summary}`;
      const body = await this.#texts.body(hit.source, hit.id);
      const ok = body !== null ? matchesPhrases(`${meta}\n${body}`, query) : matchesPhrases(meta, { ...query, phrases: [] });
      if (ok) kept.push(one);
    }
    return kept;
  }

  /**
   * Plain-text snippets of articles from their stored bodies, all read at once; null where the
   * device stores none. The page cuts the rest from the summary it shows (`summarySnippet`), with no
   * round trip.
   */
  async snippets(request: SnippetRequest): Promise<Record<string, Snippet | null>> {
    const { keys, terms } = request;
    const bodies = await this.#texts.bodies(keys);
    const out: Record<string, Snippet | null> = {};
    keys.forEach((key, i) => (out[key] = excerpt(bodies[i] ?? null, terms)));
    return out;
  }
}
