import { keyAt, type Catalog } from '../../../src/lib/catalog/catalog';
import { positionOf, positionsAt } from '../../../src/lib/catalog/positions';
import type { SearchHits } from '../../../src/lib/list/search';
import type { HitPlaces } from '../../../src/lib/model/search';

/**
 * Where the articles with these keys are stored in `catalog`, as the search worker names them; a
 * key the catalogue does not hold gets a chunk it does not hold either.
 */
export function placesOf(catalog: Catalog, keys: readonly string[]): HitPlaces {
  const chunks: string[] = [];
  const chunkOf = new Uint32Array(keys.length);
  const rows = new Uint32Array(keys.length);
  keys.forEach((key, i) => {
    const position = positionOf(catalog, key);
    const chunk = position === undefined ? `unstored/${key}` : (catalog.chunks[catalog.chunkOf[position] ?? 0]?.key ?? '');
    let c = chunks.indexOf(chunk);
    if (c === -1) c = chunks.push(chunk) - 1;
    chunkOf[i] = c;
    rows[i] = position === undefined ? 0 : (catalog.rowOf[position] ?? 0);
  });
  return { chunks, chunkOf, rows };
}

/** A search's answer for the list, from its keys best first. */
export const searchHits = (catalog: Catalog, query: string, keys: readonly string[]): SearchHits => ({ query, hits: placesOf(catalog, keys) });

/** The keys of the stored places the catalogue holds, in order. */
export const keysOf = (catalog: Catalog, places: HitPlaces): string[] => Array.from(positionsAt(catalog, places), (p) => keyAt(catalog, p));
