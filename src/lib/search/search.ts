/**
 * The searcher over many segments: add, replace and remove segments one at a time (nothing else is
 * rebuilt), and run queries with statistics summed over all of them.
 */
import { utf8 } from './bytes';
import { FLAG_STEMMED, type PartLabel } from './format';
import { parseQuery, type ParsedQuery } from './query';
import { QueryWords, type TypoWords } from './expand';
import type { Stats } from './bm25';
import { scoreSegment } from './score';
import { SegmentPart } from './segment';
import { TermPlaces, type Loaded } from './places';
import { TopHits } from './top';
import { typoBudget, Vocabulary } from './vocabulary';
import { startArena } from './work';
import { finish, type Coverage, type SearchOptions, type SearchResult } from './answer';

export type { Hit } from './hit';
export type { Coverage, SearchOptions, SearchResult } from './answer';
export { LOCATED_LIMIT } from './places';
export { completionLimit } from './expand';

const keyOf = (source: string, key: string) => `${source}\u0000${key}`;

export class SearchIndex {
  private readonly segments = new Map<string, Loaded>();
  private readonly vocabulary = new Vocabulary();
  /** Dictionary lookups kept across keystrokes; told of every change to the segments. */
  private readonly places = new TermPlaces(() => this.segments.values());
  private readonly words = new QueryWords(this.vocabulary, this.places);
  #version = 0;

  /** `stem` must match the segments' build option: a segment built otherwise is refused. */
  constructor(readonly options: { stem?: boolean } = {}) {}

  /** Adds a segment, replacing the one with the same source and key. */
  put(meta: Uint8Array, body: Uint8Array | null = null): void {
    const part = new SegmentPart(meta);
    if (part.header.kind !== 'meta') throw new Error('search: put() takes a meta part first');
    if (((part.header.flags & FLAG_STEMMED) !== 0) !== (this.options.stem ?? false)) {
      throw new Error('search: segment built with another stemming option');
    }
    this.remove(part.header.source, part.header.key);
    this.changed();
    this.count(part, 1);
    this.segments.set(keyOf(part.header.source, part.header.key), { meta: part, body: null });
    if (body) this.attachBody(body);
  }

  /**
   * Adds the body part of a loaded segment (fetched later, or again). `label` files a part whose
   * header names another source (a feed folder's own file) without copying its bytes.
   */
  attachBody(bytes: Uint8Array, label?: PartLabel): void {
    const body = new SegmentPart(bytes, label);
    const { kind, source, key, stamp } = body.header;
    const seg = this.segments.get(keyOf(source, key));
    if (kind !== 'body' || !seg || seg.meta.header.stamp !== stamp) throw new Error(`search: body part does not match a loaded segment ${source}/${key}`);
    if (seg.body) this.count(seg.body, -1);
    seg.body = body;
    this.changed();
    this.count(body, 1);
  }

  /** Drops a segment's body part; its titles and summaries stay searchable. */
  detachBody(source: string, key: string): void {
    const seg = this.segments.get(keyOf(source, key));
    if (seg?.body) this.count(seg.body, -1);
    if (seg) seg.body = null;
    this.changed();
  }

  remove(source: string, key: string): boolean {
    const seg = this.segments.get(keyOf(source, key));
    if (!seg) return false;
    this.count(seg.meta, -1);
    if (seg.body) this.count(seg.body, -1);
    this.segments.delete(keyOf(source, key));
    this.changed();
    return true;
  }

  /**
   * Leaves a segment's docs with these ids out of answers (null: none), as when newer copies of them
   * are in another segment. Their words still count in the statistics until the segment is replaced.
   */
  hide(source: string, key: string, ids: ReadonlySet<string> | null): void {
    const seg = this.segments.get(keyOf(source, key));
    if (!seg) return;
    const all = ids === null || ids.size === 0 ? [] : seg.meta.ids.all();
    const hidden = Uint8Array.from(all, (id) => (ids?.has(id) ? 1 : 0));
    if (hidden.includes(1)) seg.hidden = hidden;
    else delete seg.hidden;
    this.#version++;
  }

  /** Removes every segment of a source; returns how many. */
  removeSource(source: string): number {
    let n = 0;
    for (const seg of [...this.segments.values()]) if (seg.meta.header.source === source && this.remove(source, seg.meta.header.key)) n++;
    return n;
  }

  /** Loaded segments: source, key, docs and whether the body part is there. */
  list(): { source: string; key: string; docs: number; body: boolean; bytes: number }[] {
    return [...this.segments.values()].map(({ meta, body }) => ({
      source: meta.header.source,
      key: meta.header.key,
      docs: meta.header.docCount,
      body: body !== null,
      bytes: meta.byteLength + (body?.byteLength ?? 0),
    }));
  }

  private changed(): void {
    this.#version++;
    this.places.clear();
  }

  private count(part: SegmentPart, sign: 1 | -1): void {
    part.forEachTerm((term, info) => (sign > 0 ? this.vocabulary.add(term, info.df) : this.vocabulary.remove(term, info.df)));
  }

  private stats(): Stats {
    let docs = 0;
    let bodyDocs = 0;
    let bodyTotal = 0;
    const metaTotals = [0, 0, 0, 0];
    for (const { meta, body } of this.segments.values()) {
      docs += meta.header.docCount;
      meta.totalLengths.forEach((t, f) => (metaTotals[f] = (metaTotals[f] as number) + t));
      if (body) {
        bodyDocs += body.header.docCount;
        bodyTotal += body.totalLengths[0] as number;
      }
    }
    return { docs, bodyDocs, metaAvg: metaTotals.map((t) => t / (docs || 1) || 1), bodyAvg: bodyTotal / (bodyDocs || 1) || 1 };
  }

  /** Scores every segment, one step each: a caller driving the steps may pause between them. */
  private *run(q: ParsedQuery, limit: number, typos: TypoWords): Generator<void, { top: TopHits; terms: Set<string> }> {
    const stats = this.stats();
    const slots = this.words.slots(q, typos, stats);
    const excluded = q.excluded.map((t) => utf8.encode(t));
    const top = new TopHits(limit);
    const terms = new Set<string>();
    if (slots.length === 0 || slots.some((s) => s.variants.length === 0)) {
      top.release();
      return { top, terms };
    }
    // A search abandoned part way (the reader typed on) still hands its hit arrays to the next.
    try {
      const arena = startArena(slots.length, stats.docs);
      for (const [at, { meta, body, hidden }] of this.places.order().entries()) {
        const segment = top.segment(meta.header.source, meta.header.key, meta.ids);
        const offer = (doc: number, score: number, typoCount: number): void => {
          if (hidden?.[doc] !== 1) top.offer(segment, doc, score, typoCount);
        };
        const termsOf = scoreSegment({ meta, body, at }, slots, excluded, stats, arena, offer);
        top.resolveTerms(segment, termsOf);
        yield;
      }
      for (const hit of top.hits()) for (const t of hit.terms) terms.add(t);
      top.release();
    } finally {
      top.discard();
    }
    return { top, terms };
  }

  search(input: string, options: SearchOptions = {}): SearchResult {
    return finish(this.searchSteps(input, options));
  }

  /**
   * The same search in steps of one segment. Between steps the caller may yield to its event loop
   * (the worker does, to hear that the reader typed on), but must start again if the index changed
   * meanwhile: a step reads where the query's words were when the search began.
   */
  *searchSteps(input: string, options: SearchOptions = {}): Generator<void, SearchResult> {
    const limit = options.limit ?? 20;
    const query = parseQuery(input, { stem: this.options.stem ?? false });
    const typos = options.typos ?? true;
    let { top, terms } = yield* this.run(query, limit, 'none');
    const unknown = query.required.some((r) => !r.prefix && this.vocabulary.df(r.term) === 0);
    // Words the index lacks are corrected first; every word only if that still finds too few.
    if (typos && unknown) ({ top, terms } = yield* this.run(query, limit, 'unknown'));
    if (typos && top.total < (options.typoBelow ?? 3)) ({ top, terms } = yield* this.run(query, limit, 'all'));
    const hits = top.hits();
    const suggestions = hits.length === 0 ? yield* this.suggestSteps(query) : [];
    return { hits, total: top.total, coverage: this.coverage(), terms: [...terms], query, suggestions };
  }

  /** Counts changes to the segments: a search paused across a change must start again. */
  get version(): number {
    return this.#version;
  }

  private coverage(): Coverage {
    let withBody = 0;
    for (const seg of this.segments.values()) if (seg.body) withBody++;
    return withBody === this.segments.size ? 'full' : withBody === 0 ? 'titles-and-summaries' : 'partial';
  }

  /** "Did you mean": each unknown word replaced by its nearest index words; only queries that match. */
  suggest(query: ParsedQuery): string[] {
    return finish(this.suggestSteps(query));
  }

  private *suggestSteps(query: ParsedQuery): Generator<void, string[]> {
    const words = query.required.map((r) => r.term);
    const options = words.map((w) => (this.vocabulary.df(w) > 0 ? [w] : this.vocabulary.similar(w, Math.max(1, typoBudget(w) + 1), 3).map((s) => s.term)));
    if (words.length === 0 || options.some((o) => o.length === 0)) return [];
    const out: string[] = [];
    for (let k = 0; k < 3; k++) {
      const candidate = options.map((o) => o[Math.min(k, o.length - 1)] as string);
      const text = [...candidate, ...query.excluded.map((e) => `-${e}`)].join(' ');
      if (out.includes(text)) continue;
      const q = parseQuery(`${text} `, { stem: this.options.stem ?? false });
      if ((yield* this.run(q, 1, 'none')).top.total > 0) out.push(text);
    }
    return out;
  }
}
