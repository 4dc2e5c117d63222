/**
 * The query side of search, in plain code the worker wraps: answers over the loaded index
 * (`LoadedIndex`), with phrases checked and snippets cut from the stored text.
 */
import { articleKey } from '../model/article';
import type { SearchRequest, Snippet, SnippetRequest } from '../model/search';
import { matchesPhrases } from '../search/phrase';
import type { ParsedQuery } from '../search/query';
import type { Hit, SearchResult } from '../search/search';
import { makeSnippet } from '../search/snippet';
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
/** Answers whose hits are kept for their snippets: the one shown, and those typed just before it. */
const RECENT_ANSWERS = 3;

export class Finder {
  /** The index, and what keeps it current; the worker readies it (`prepare`) and joins body parts to it. */
  readonly segments: LoadedIndex;
  readonly #texts: HitTexts;
  /**
   * Recent answers' hits, newest first: where a snippet's article lives. Filing every hit's key in
   * a map cost a tenth of the worker's time while typing at 100k (2,000 long keys an answer).
   */
  #recent: (readonly Hit[])[] = [];

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
    let hits = result.hits;
    let total = result.total;
    if (result.query.phrases.length > 0 || result.query.excludedPhrases.length > 0) {
      hits = await this.#withPhrases(hits, result.query, limit);
      if (result.hits.length < limit * PHRASE_CANDIDATES) total = hits.length;
    }
    hits = hits.slice(0, limit);
    this.#recent = [hits, ...this.#recent.slice(0, RECENT_ANSWERS - 1)];
    return {
      hits: this.#placed(hits),
      total,
      coverage: this.segments.coverage(),
      terms: result.terms,
      suggestions: result.suggestions,
    };
  }

  /** The hits with the chunk each was found in (one lookup per run of a segment's hits). */
  #placed(hits: readonly Hit[]): FoundHit[] {
    const found: FoundHit[] = [];
    let last: Hit | undefined;
    let chunk: string | undefined;
    for (const h of hits) {
      if (h.source !== last?.source || h.key !== last.key) chunk = this.segments.chunkOf(h);
      last = h;
      if (chunk !== undefined) found.push({ key: articleKey(h.source, h.id), chunk, row: h.doc, score: h.score, typos: h.typos });
    }
    return found;
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
  async #withPhrases(hits: readonly Hit[], query: ParsedQuery, limit: number): Promise<Hit[]> {
    const kept: Hit[] = [];
    for (const hit of hits) {
      if (kept.length >= limit) break;
      const chunk = this.segments.chunkOf(hit);
      const text = chunk ? await this.#texts.text(chunk, hit.id) : null;
      if (!text) continue;
      const meta = `${text.title}\n${text.summary}`;
      const body = await this.#texts.body(hit.source, hit.id);
      const ok = body !== null ? matchesPhrases(`${meta}\n${body}`, query) : matchesPhrases(meta, { ...query, phrases: [] });
      if (ok) kept.push(hit);
    }
    return kept;
  }

  /** The chunk of a recent answer's hit with this article key. */
  #recentChunk(key: string): string | undefined {
    for (const hits of this.#recent) {
      // Compared in place: building each hit's key would cost what the map did.
      const hit = hits.find((h) => key.length === h.source.length + 1 + h.id.length && key.endsWith(h.id) && key.startsWith(`${h.source}/`));
      if (hit) return this.segments.chunkOf(hit);
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
