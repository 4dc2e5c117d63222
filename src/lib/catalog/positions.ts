/** Finding articles' positions in the catalogue from their keys, or from where they are stored. */
import { splitArticleKey } from '../model/article';
import type { HitPlaces } from '../model/search';
import type { CatalogChunkRecord } from '../store/records';
import { idAt, type Catalog } from './catalog';

/** The position of an article, found by scanning its source's ids: no key map to build first. */
export function positionOf(catalog: Catalog, key: string): number | undefined {
  const [sourceId, id] = splitArticleKey(key);
  for (let c = 0; c < catalog.chunks.length; c++) {
    const chunk = catalog.chunks[c] as CatalogChunkRecord;
    if (chunk.sourceId !== sourceId) continue;
    const row = chunk.ids.indexOf(id);
    if (row === -1) continue;
    const position = catalog.rowPosition[(catalog.chunkStart[c] ?? 0) + row] ?? -1;
    if (position >= 0) return position;
  }
  return undefined;
}

/** Per catalogue, each source's ids to positions: keyed by the ids the chunks hold, so the map adds no strings. */
const idMaps = new WeakMap<Catalog, Map<string, Map<string, number>>>();

function idMapOf(catalog: Catalog): Map<string, Map<string, number>> {
  let maps = idMaps.get(catalog);
  if (maps) return maps;
  const bySource = catalog.sourceIds.map(() => new Map<string, number>());
  for (let p = 0; p < catalog.size; p++) bySource[catalog.sourceOf[p] ?? 0]?.set(idAt(catalog, p), p);
  maps = new Map(catalog.sourceIds.map((id, s) => [id, bySource[s] as Map<string, number>]));
  idMaps.set(catalog, maps);
  return maps;
}

/**
 * Positions of many keys at once, through an id map built on first use: not for no keys (a new
 * reader's read and saved marks), since the map costs a start tens of milliseconds on a phone.
 */
export function positionsOf(catalog: Catalog, keys: Iterable<string>): number[] {
  let maps: Map<string, Map<string, number>> | undefined;
  const found: number[] = [];
  // Keys come in runs of one source (a search's 2,000 hits, a source's marks): its map is kept.
  let source = '';
  let ids: Map<string, number> | undefined;
  for (const key of keys) {
    maps ??= idMapOf(catalog);
    // `source` ends at the key's first slash, so a key that starts with it is of that source.
    if (source === '' || !key.startsWith(source)) {
      const [sourceId] = splitArticleKey(key);
      source = `${sourceId}/`;
      ids = maps.get(sourceId);
    }
    const position = ids?.get(key.slice(source.length));
    if (position !== undefined) found.push(position);
  }
  return found;
}

/**
 * Positions of stored places (a chunk's key, a row), in their order. A place is left out when the
 * catalogue does not hold its chunk (it was read before or after that chunk changed) or left that
 * row out (a duplicate, or a row an overlay replaces).
 */
export function positionsAt(catalog: Catalog, places: HitPlaces): Int32Array {
  const chunkIndex = new Map(catalog.chunks.map((chunk, c) => [chunk.key, c]));
  const starts = places.chunks.map((key) => chunkIndex.get(key) ?? -1);
  const out = new Int32Array(places.rows.length);
  let n = 0;
  for (let i = 0; i < places.rows.length; i++) {
    const c = starts[places.chunkOf[i] ?? 0] ?? -1;
    const row = places.rows[i] ?? 0;
    if (c < 0 || row >= (catalog.chunks[c] as CatalogChunkRecord).count) continue;
    const position = catalog.rowPosition[(catalog.chunkStart[c] ?? 0) + row] ?? -1;
    if (position >= 0) out[n++] = position;
  }
  return out.subarray(0, n);
}
