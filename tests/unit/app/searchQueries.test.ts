import { onlineManager, QueryClient } from '@tanstack/svelte-query';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { queryList } from '../../../src/lib/list/query';
import { catalogStamp, PARTIAL_REFRESH_MS, PARTIAL_REFRESHES, prefetchSearch, SEARCH_KEPT_MS, SEARCH_LIMIT, searchQueryOptions, snippetsQueryOptions, type SearchAnswer } from '../../../src/lib/queries/search';
import { QueryObserver } from '@tanstack/svelte-query';
import type { SearchBackend, SearchResponse } from '../../../src/lib/model/search';
import { catalogOf } from '../helpers/catalog';
import { keysOf, placesOf } from '../helpers/hits';
import type { SearchHits } from '../../../src/lib/list/search';
import { memorySearchBackend, type DoubleDoc } from '../helpers/searchBackend';

const doc = (id: string, title: string, body: string, summary = ''): DoubleDoc => ({ sourceId: 's', id, title, topics: [], author: null, summary, body });
const docs = [
  doc('a', 'Kubernetes operators in practice', 'Operators reconcile state. Kubernetes runs them.'),
  doc('b', 'A garden diary', 'Tomatoes again. Somewhere in the middle of this long entry we mention kubernetes once, by accident.'),
  doc('c', 'Rust ownership', 'Borrowing rules.', 'Kubernetes is not here.'),
  doc('d', '東京の天気', '今日は晴れ'),
];
const catalog = catalogOf({ '2025': [{ id: 'a', date: '2025-03-01T00:00:00Z', topics: ['k8s'] }, { id: 'b', date: '2025-02-01T00:00:00Z', topics: [] }, { id: 'c', date: '2025-01-01T00:00:00Z', topics: ['rust'] }, { id: 'd', date: '2025-01-02T00:00:00Z', topics: [] }] });
const keys = (answer: SearchHits | undefined): string[] => (answer ? keysOf(catalog, answer.hits) : []);

describe('the search query options', () => {
  it('asks the backend once per query and catalogue, and answers with the query and its hits best first', async () => {
    const backend = memorySearchBackend(docs, catalog);
    const client = new QueryClient();
    const answer = await client.fetchQuery(searchQueryOptions(backend, 'kubernetes ', catalog));
    expect(answer.query).toBe('kubernetes ');
    expect(keys(answer)[0]).toBe('s/a');
    expect(new Set(keys(answer))).toEqual(new Set(['s/a', 's/b', 's/c']));
    expect(answer.terms).toContain('kubernetes');
    // Scores stay in the worker: the page keeps where each hit is stored, and nothing else per hit.
    expect(Object.keys(answer.hits).sort()).toEqual(['chunkOf', 'chunks', 'rows']);
    await client.fetchQuery(searchQueryOptions(backend, 'kubernetes ', catalog));
    expect(backend.calls).toEqual(['kubernetes ']);
    // Its hits go straight into the list, which keeps their order and the filters.
    expect(queryList(catalog, { ...DEFAULT_PARAMS, q: 'kubernetes ', sort: 'relevance', topics: ['k8s', 'rust'] }, undefined, answer).keys).toEqual(
      keys(answer).filter((k) => k !== 's/b'),
    );
  });

  it('resolves once the warmer has read its best hits\' text, and despite a warmer that fails', async () => {
    const client = new QueryClient();
    const warmed: string[][] = [];
    let release = () => {};
    const warm = (hits: SearchHits) => new Promise<void>((resolve) => ((release = resolve), warmed.push(keysOf(catalog, hits.hits))));
    let answered = false;
    const pending = client.fetchQuery(searchQueryOptions(memorySearchBackend(docs, catalog), 'kubernetes ', catalog, warm)).then((a) => ((answered = true), a));
    await vi.waitFor(() => expect(warmed).toHaveLength(1));
    expect(answered).toBe(false);
    release();
    const answer = await pending;
    expect(warmed[0]).toEqual(keys(answer));
    const failing = () => Promise.reject(new Error('storage gone'));
    expect(keys(await new QueryClient().fetchQuery(searchQueryOptions(memorySearchBackend(docs, catalog), 'rust ', catalog, failing)))).toEqual(['s/c']);
  });

  it('drops an answer no view shows a second after it came: typing leaves one per key', async () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const options = searchQueryOptions(memorySearchBackend(docs, catalog), 'kube', catalog);
      await client.fetchQuery(options);
      expect(keys(client.getQueryData(options.queryKey))).toContain('s/a');
      await vi.advanceTimersByTimeAsync(SEARCH_KEPT_MS - 100);
      expect(client.getQueryData(options.queryKey)).toBeDefined();
      await vi.advanceTimersByTimeAsync(200);
      expect(client.getQueryData(options.queryKey)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for enough hits to filter past the first page, and nothing for a blank query', () => {
    expect(SEARCH_LIMIT).toBeGreaterThanOrEqual(1000);
    expect(searchQueryOptions(memorySearchBackend(docs, catalog), '  ', catalog).enabled).toBe(false);
  });

  it('asks again when the stored catalogue changes', () => {
    const other = catalogOf({ '2025': [{ id: 'a', date: '2025-03-01T00:00:00Z', topics: [] }] });
    expect(catalogStamp(other)).not.toBe(catalogStamp(catalog));
    expect(catalogStamp(catalog)).toBe(catalogStamp(catalog));
    expect(searchQueryOptions(memorySearchBackend(docs, catalog), 'x', other).queryKey).not.toEqual(searchQueryOptions(memorySearchBackend(docs, catalog), 'x', catalog).queryKey);
  });

  it('gives snippets around the match with ranges that mark the matched words', async () => {
    const backend = memorySearchBackend(docs, catalog);
    const snippets = await new QueryClient().fetchQuery(snippetsQueryOptions(backend, ['s/b', 's/d'], ['kubernetes', '晴れ']));
    const b = snippets['s/b'];
    expect(b?.highlights.map(([s, e]) => b.text.slice(s, e))).toEqual(['kubernetes']);
    const d = snippets['s/d'];
    expect(d?.highlights.map(([s, e]) => d.text.slice(s, e))).toEqual(['晴れ']);
  });

  it('finds CJK words and says when only titles and summaries were searched', async () => {
    const client = new QueryClient();
    expect(keys(await client.fetchQuery(searchQueryOptions(memorySearchBackend(docs, catalog), '東京 ', catalog)))).toEqual(['s/d']);
    const thinBackend = memorySearchBackend(docs, catalog, { bodies: false });
    const thin = await client.fetchQuery(searchQueryOptions(thinBackend, 'operators ', catalog));
    expect(thin.coverage).toBe('titles-and-summaries');
    expect(keys(thin)).toEqual(['s/a']);
    // Not every text was searched: the answer is stale at once and asked again; a full one is kept.
    await client.fetchQuery(searchQueryOptions(thinBackend, 'operators ', catalog));
    expect(thinBackend.calls).toEqual(['operators ', 'operators ']);
    const fullBackend = memorySearchBackend(docs, catalog);
    await client.fetchQuery(searchQueryOptions(fullBackend, 'borrowing ', catalog));
    await client.fetchQuery(searchQueryOptions(fullBackend, 'borrowing ', catalog));
    expect(fullBackend.calls).toEqual(['borrowing ']);
  });

  it('asks a partial answer again while it is on screen and the network is up, for a minute at most, and a full one never', async () => {
    const client = new QueryClient();
    const thinOptions = searchQueryOptions(memorySearchBackend(docs, catalog, { bodies: false }), 'tomatoes ', catalog);
    const fullOptions = searchQueryOptions(memorySearchBackend(docs, catalog), 'tomatoes ', catalog);
    // The interval reads only the answer the query holds.
    const interval = (options: typeof thinOptions, data: SearchAnswer, dataUpdateCount = 1): unknown =>
      typeof options.refetchInterval === 'function' ? options.refetchInterval({ state: { data, dataUpdateCount } } as never) : options.refetchInterval;
    const thin = await client.fetchQuery(thinOptions);
    expect(keys(thin)).toEqual([]);
    expect(interval(thinOptions, thin)).toBe(PARTIAL_REFRESH_MS);
    // A server that never serves the parts: it stops asking after a minute.
    expect(interval(thinOptions, thin, PARTIAL_REFRESHES)).toBe(PARTIAL_REFRESH_MS);
    expect(interval(thinOptions, thin, PARTIAL_REFRESHES + 1)).toBe(false);
    onlineManager.setOnline(false);
    try {
      expect(interval(thinOptions, thin)).toBe(false);
    } finally {
      onlineManager.setOnline(true);
    }
    const full = await new QueryClient().fetchQuery(fullOptions);
    expect(keys(full)).toEqual(['s/b']);
    expect(interval(fullOptions, full)).toBe(false);
  });

  describe('started as the words are typed', () => {
    /** Searches that answer only when told to, and record the ones cancelled. */
    function heldBackend() {
      const asked: string[] = [];
      const cancelled: string[] = [];
      const answers = new Map<string, (response: SearchResponse) => void>();
      const backend: SearchBackend = {
        search: ({ query }, signal) =>
          new Promise((resolve, reject) => {
            asked.push(query);
            answers.set(query, resolve);
            signal?.addEventListener('abort', () => {
              cancelled.push(query);
              reject(new DOMException('typed past', 'AbortError'));
            });
          }),
        snippets: async () => ({}),
        prepare: () => undefined,
      };
      const answer = (query: string) => answers.get(query)?.({ hits: placesOf(catalog, ['s/a']), total: 1, coverage: 'full', terms: [query], suggestions: [] });
      return { backend, asked, cancelled, answer };
    }

    it('is asked once: the list’s query takes up the search already running', async () => {
      const { backend, asked, answer } = heldBackend();
      const client = new QueryClient();
      prefetchSearch(client, backend, () => catalog)('kube', '');
      expect(asked).toEqual(['kube']);
      const observer = new QueryObserver(client, searchQueryOptions(backend, 'kube', catalog));
      const shown = new Promise<SearchAnswer | undefined>((resolve) => observer.subscribe((result) => result.data && resolve(result.data)));
      answer('kube');
      expect(keys(await shown)).toEqual(['s/a']);
      expect(asked).toEqual(['kube']);
      observer.destroy();
    });

    it('cancels the search before it when no view took it up, and leaves alone one a view shows', async () => {
      const { backend, asked, cancelled } = heldBackend();
      const client = new QueryClient();
      const prefetch = prefetchSearch(client, backend, () => catalog);
      prefetch('ku', '');
      const watched = new QueryObserver(client, searchQueryOptions(backend, 'ku', catalog));
      const unsubscribe = watched.subscribe(() => undefined);
      prefetch('kub', 'ku');
      prefetch('kube', 'kub');
      await vi.waitFor(() => expect(cancelled).toEqual(['kub']));
      expect(asked).toEqual(['ku', 'kub', 'kube']);
      // A blank box asks nothing.
      prefetch('', 'kube');
      expect(asked).toHaveLength(3);
      unsubscribe();
    });
  });
});
