import type { Catalog } from '../../../src/lib/catalog/catalog';
import type { SearchBackend, Snippet } from '../../../src/lib/model/search';
import { placesOf } from './hits';
import { buildSegment, filterPhrases, SearchIndex, type SearchDoc } from '../../../src/lib/search';
import { excerpt } from '../../../src/lib/search/snippet';

export interface DoubleDoc extends SearchDoc {
  sourceId: string;
}

/**
 * An in-memory search backend over the pure engine, for tests of the page's side: one segment per
 * source, phrases checked on the docs' text, snippets from the body; hits are placed where
 * `catalog` stores them.
 */
export function memorySearchBackend(docs: readonly DoubleDoc[], catalog: Catalog, options: { bodies?: boolean } = {}): SearchBackend & { calls: string[] } {
  const index = new SearchIndex();
  const byKey = new Map(docs.map((d) => [`${d.sourceId}/${d.id}`, d]));
  for (const sourceId of new Set(docs.map((d) => d.sourceId))) {
    const segment = buildSegment(docs.filter((d) => d.sourceId === sourceId), { source: sourceId, key: 'all' });
    index.put(segment.meta, options.bodies === false ? null : segment.body);
  }
  const textOf = (d: DoubleDoc | undefined) => (d ? [d.title, d.summary, options.bodies === false ? '' : (d.body ?? '')].join('\n') : null);
  const calls: string[] = [];
  return {
    calls,
    prepare: () => undefined,
    async search({ query, limit }) {
      calls.push(query);
      const result = index.search(query, { limit: limit * 2 });
      const hits = await filterPhrases(result.hits, result.query, (hit) => textOf(byKey.get(`${hit.source}/${hit.id}`)), limit);
      return {
        hits: placesOf(catalog, hits.map((h) => `${h.source}/${h.id}`)),
        total: result.query.phrases.length > 0 ? hits.length : result.total,
        coverage: result.coverage,
        terms: result.terms,
        suggestions: result.suggestions,
      };
    },
    async snippets({ keys, terms }) {
      const out: Record<string, Snippet | null> = {};
      // As the worker: from stored bodies only (here, every doc's body unless `bodies` is false).
      for (const key of keys) out[key] = excerpt(options.bodies === false ? null : (byKey.get(key)?.body ?? null), terms);
      return out;
    },
  };
}
