import type { SearchHit, SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';

/**
 * `cancel` names a search the page no longer wants: it gets no reply, and neither does that search.
 * `prepare` gets none either: it readies the index for the searches to come.
 */
export type FinderRequest =
  | { id: number; method: 'search'; request: SearchRequest }
  | { id: number; method: 'snippets'; request: SnippetRequest }
  | { id: number; method: 'cancel'; search: number }
  | { id: number; method: 'prepare' };

/**
 * A search's hits as they cross between the threads: one string and three typed arrays, not up to
 * 2,000 objects. Cloning the objects cost the worker about 2.4 ms an answer and the page about 1 ms
 * (Node, 2,000 hits), on the way from each key to its results; these cost a twentieth of that.
 */
export interface PackedHits {
  /** Every key, one after another; `ends[i]` is where hit i's key ends. */
  keys: string;
  ends: Uint32Array;
  scores: Float64Array;
  typos: Uint8Array;
}

export type PackedSearchResponse = Omit<SearchResponse, 'hits'> & { hits: PackedHits };

export type FinderReply =
  | { id: number; ok: true; result: PackedSearchResponse | Record<string, Snippet | null> }
  | { id: number; ok: false; message: string };

export function packResponse({ hits, ...rest }: SearchResponse): PackedSearchResponse {
  const ends = new Uint32Array(hits.length);
  const scores = new Float64Array(hits.length);
  const typos = new Uint8Array(hits.length);
  let end = 0;
  hits.forEach((hit, i) => {
    end += hit.key.length;
    ends[i] = end;
    scores[i] = hit.score;
    typos[i] = hit.typos;
  });
  return { ...rest, hits: { keys: hits.map((hit) => hit.key).join(''), ends, scores, typos } };
}

export function unpackResponse({ hits, ...rest }: PackedSearchResponse): SearchResponse {
  const unpacked: SearchHit[] = new Array<SearchHit>(hits.ends.length);
  let start = 0;
  for (let i = 0; i < hits.ends.length; i++) {
    const end = hits.ends[i] ?? start;
    unpacked[i] = { key: hits.keys.slice(start, end), score: hits.scores[i] ?? 0, typos: hits.typos[i] ?? 0 };
    start = end;
  }
  return { ...rest, hits: unpacked };
}

/** The packed arrays, moved to the page rather than copied. */
export const transfers = (packed: PackedSearchResponse): Transferable[] => [packed.hits.ends.buffer, packed.hits.scores.buffer, packed.hits.typos.buffer];
