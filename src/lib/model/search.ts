/**
 * What the page asks of full-text search and what it gets back. The index and the queries live off
 * the main thread; these plain types are all that crosses to the page.
 */

/** How much of the library the results could look at. */
export type SearchCoverage = 'full' | 'partial' | 'titles-and-summaries';

export interface SearchRequest {
  /** The reader's words, as typed (`"a phrase"`, `-word`; the last word is a prefix while typing). */
  query: string;
  /** At most this many ranked hits. */
  limit: number;
  /** What the page's catalog holds (see catalogStamp): a new stamp makes the worker look for changed segments. */
  stamp?: string;
}

/**
 * A search's hits, best first, as the places their articles are stored: a catalogue chunk (whose
 * key carries its content hash) and a row in it. The store keeps each segment's docs in its chunk's
 * row order, so the worker names rows without reading ids, and the page finds each hit's position
 * in its catalogue from them, with no key to build or look up.
 */
export interface HitPlaces {
  /** The chunks the hits are in, each once. */
  chunks: string[];
  /** Per hit, an index into `chunks`. */
  chunkOf: Uint32Array;
  /** Per hit, its row in that chunk. */
  rows: Uint32Array;
}

export interface SearchResponse {
  hits: HitPlaces;
  /** How many articles matched in all, beyond `limit`. */
  total: number;
  coverage: SearchCoverage;
  /** The folded index words the query matched, for highlighting titles, snippets and bodies. */
  terms: string[];
  /** "Did you mean" queries from the index's own words, given when nothing matched. */
  suggestions: string[];
}

export interface SnippetRequest {
  keys: string[];
  terms: string[];
}

/** Plain text around the best match, with highlight ranges as [start, end) offsets into `text`. */
export interface Snippet {
  text: string;
  highlights: [number, number][];
  /** Text was cut before `text` begins / after it ends. */
  cutStart: boolean;
  cutEnd: boolean;
}

/** The query side of search, as the page sees it. */
export interface SearchBackend {
  /** `signal`: the caller no longer wants the answer; a search not yet started is dropped. */
  search(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse>;
  /** Snippets of the hits on screen from their stored bodies; null for an article whose body is not stored. */
  snippets(request: SnippetRequest): Promise<Record<string, Snippet | null>>;
  /**
   * A reader is about to search (the box has focus): load the index and, while online, start
   * fetching the body parts the device lacks, so the first words typed find them ready.
   */
  prepare(): void;
}
