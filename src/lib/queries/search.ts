import { onlineManager, queryOptions, type QueryClient } from '@tanstack/svelte-query';
import type { Catalog } from '../catalog/catalog';
import type { SearchHits } from '../list/search';
import type { SearchBackend, SearchResponse } from '../model/search';

/**
 * Hits asked of the backend per query. Filters intersect them, so they must reach past the first
 * page: a topic or a date range keeps what it matches among the best 2,000 (the total says more).
 */
export const SEARCH_LIMIT = 2000;

/**
 * A search's answer as the page keeps it: the query it answers and where its hits are stored, best
 * first, as the list takes them. The hits' scores are left in the worker: nothing on the page reads
 * them, and 2,000 hit objects an answer were a quarter of its memory.
 */
export type SearchAnswer = SearchResponse & SearchHits;

/** How often an answer that missed some articles' text is asked again while on screen. */
export const PARTIAL_REFRESH_MS = 1000;
/** At most this many times (a minute): parts a server does not have would keep it asking while it shows. */
export const PARTIAL_REFRESHES = 60;


const stamps = new WeakMap<Catalog, string>();

/**
 * Names what the index holds: the stored chunks, whose keys carry content hashes and which the
 * index is written with. A sync that changes them asks every search again.
 */
export function catalogStamp(catalog: Catalog): string {
  let stamp = stamps.get(catalog);
  if (stamp === undefined) {
    let hash = 0x811c9dc5;
    for (const chunk of catalog.chunks) for (let i = 0; i < chunk.key.length; i++) hash = Math.imul(hash ^ chunk.key.charCodeAt(i), 0x01000193);
    stamp = `${catalog.size}-${(hash >>> 0).toString(36)}`;
    stamps.set(catalog, stamp);
  }
  return stamp;
}

/**
 * How long an answer no view shows is kept. The box searches on every key, so typing leaves an
 * answer of up to 2,000 keys per key behind: at 100k, twenty typed queries left about 15 MB of them
 * for svelte-query's default five minutes, and still 25 answers (10 MB) when they were kept 5 s.
 * A second covers a key typed and taken back; asking again costs a search. The answer a view shows
 * (the list, or the article opened from it) stays as long as it is shown.
 */
export const SEARCH_KEPT_MS = 1000;

/**
 * Reads the display text of an answer's best hits into memory. Run before the answer resolves, so
 * the list draws its cards in the same frame as its count and facets, instead of painting those
 * first and the cards a text read later.
 */
export type TextWarmer = (answer: SearchHits) => Promise<unknown>;

/**
 * One search. Runs offline too: the index is on the device. A blank query asks nothing. `warm`
 * readies the first page's text (a failed read only leaves it to the list, as without it).
 */
export function searchQueryOptions(backend: SearchBackend, query: string, catalog: Catalog, warm: TextWarmer | null = null) {
  return queryOptions({
    queryKey: ['search', catalogStamp(catalog), query] as const,
    // Taking the signal lets the query be cancelled when no view shows it any more (typed past).
    queryFn: async ({ signal }): Promise<SearchAnswer> => {
      const start = performance.now();
      const response = await backend.search({ query, limit: SEARCH_LIMIT, stamp: catalogStamp(catalog) }, signal);
      // For the benchmark: the worker's round trip, apart from painting.
      performance.measure('folio:search', { start });
      const answer: SearchAnswer = { ...response, query };
      if (warm) await warm(answer).catch(() => undefined);
      return answer;
    },
    enabled: query.trim() !== '',
    // An answer that could not see every article's text is asked again while it is on screen and
    // the network is up (a first sync stores the body parts after the list; the worker fetches
    // missing ones), and when the list shows again or the window regains focus.
    staleTime: ({ state }) => (state.data === undefined || state.data.coverage === 'full' ? Infinity : 0),
    refetchInterval: ({ state }) =>
      state.data === undefined || state.data.coverage === 'full' || !onlineManager.isOnline() || state.dataUpdateCount > PARTIAL_REFRESHES ? false : PARTIAL_REFRESH_MS,
    gcTime: SEARCH_KEPT_MS,
    networkMode: 'always',
    retry: false,
  });
}

/**
 * Starts a search as its words are typed, before the page re-renders for the new address: the
 * list's query then finds it running. The search before it is cancelled when no view took it up
 * (two keys in one task); one a view shows is cancelled by that view's query as it moves on.
 */
export function prefetchSearch(client: QueryClient, backend: SearchBackend, catalog: () => Catalog, warm: TextWarmer | null = null): (query: string, previous: string) => void {
  return (query, previous) => {
    const current = catalog();
    const options = searchQueryOptions(backend, query, current, warm);
    if (previous !== '' && previous !== query) {
      void client.cancelQueries({ queryKey: searchQueryOptions(backend, previous, current).queryKey, predicate: (q) => q.getObserversCount() === 0 });
    }
    if (options.enabled) void client.prefetchQuery(options);
  };
}

/** Plain-text snippets of the hits on screen, around the matched words. */
export function snippetsQueryOptions(backend: SearchBackend, keys: readonly string[], terms: readonly string[]) {
  return queryOptions({
    queryKey: ['snippets', keys, terms] as const,
    queryFn: () => backend.snippets({ keys: [...keys], terms: [...terms] }),
    enabled: keys.length > 0 && terms.length > 0,
    staleTime: Infinity,
    networkMode: 'always',
    retry: false,
  });
}
