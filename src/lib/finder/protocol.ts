import type { SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';

/**
 * `cancel` names a search the page no longer wants: it gets no reply, and neither does that search.
 * `prepare` gets none either: it readies the index for the searches to come.
 */
export type FinderRequest =
  | { id: number; method: 'search'; request: SearchRequest }
  | { id: number; method: 'snippets'; request: SnippetRequest }
  | { id: number; method: 'cancel'; search: number }
  | { id: number; method: 'prepare' };

/** A hit as the worker finds it; only its place crosses to the page. */
export interface FoundHit {
  /** The article's key, `${sourceId}/${id}`. */
  readonly key: string;
  /** The stored chunk its segment indexes, and its row there. */
  readonly chunk: string;
  readonly row: number;
  readonly score: number;
  /** Edits a typo-tolerant match needed; 0 for exact matches, which always rank first. */
  readonly typos: number;
}

export type FoundResponse = Omit<SearchResponse, 'hits'> & { hits: FoundHit[] };

export type FinderReply =
  | { id: number; ok: true; result: SearchResponse | Record<string, Snippet | null> }
  | { id: number; ok: false; message: string };

/**
 * The hits as they cross between the threads: where each is stored, in two typed arrays and a few
 * chunk keys. Each hit's key, sent as one joined string, cost the worker its joining and the page
 * a slice per hit and a lookup in an id map of every article (a tenth of the page's work per answer).
 */
export function packResponse({ hits, ...rest }: FoundResponse): SearchResponse {
  const chunks: string[] = [];
  const indexOf = new Map<string, number>();
  const chunkOf = new Uint32Array(hits.length);
  const rows = new Uint32Array(hits.length);
  hits.forEach((hit, i) => {
    let c = indexOf.get(hit.chunk);
    if (c === undefined) indexOf.set(hit.chunk, (c = chunks.push(hit.chunk) - 1));
    chunkOf[i] = c;
    rows[i] = hit.row;
  });
  return { ...rest, hits: { chunks, chunkOf, rows } };
}

/** The typed arrays, moved to the page rather than copied. */
export const transfers = (packed: SearchResponse): Transferable[] => [packed.hits.chunkOf.buffer, packed.hits.rows.buffer];
