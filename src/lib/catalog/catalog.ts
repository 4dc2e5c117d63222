import { articleKey } from '../model/article';
import type { CatalogChunkRecord } from '../store/records';
import { tidyLowerName } from '../model/topics';
import { buildCatalog } from './build';

export { buildCatalog, monthIndex } from './build';

/**
 * Every stored article's filterable metadata in typed arrays, ordered newest first with undated
 * articles last. Positions index every array; a topic's posting list holds its positions in order,
 * so filters, counts and pages are array scans, never database reads.
 */
export interface Catalog {
  size: number;
  /** Positions [0, datedCount) have dates, newest first; the rest are undated. */
  datedCount: number;
  /** Epoch ms; NaN when undated. */
  dates: Float64Array;
  /** Minutes east of UTC each date was written in: the author's day is that of date + offset. */
  offsets: Int16Array;
  /** year * 12 + month (0–11) of the author's day; -1 when undated. */
  months: Int32Array;
  topicStarts: Uint32Array;
  topicIds: Uint32Array;
  topicSlugs: readonly string[];
  topicIdOf: ReadonlyMap<string, number>;
  /** Topic id → its positions, ascending. */
  postings: readonly Int32Array[];
  sourceOf: Uint16Array;
  sourceIds: readonly string[];
  bodyBytes: Uint32Array;
  hasBody: Uint8Array;
  /** Where each article's display text is: chunks[chunkOf[p]], row rowOf[p]. */
  chunkOf: Uint32Array;
  rowOf: Uint32Array;
  /** Each article's key is derived from these (keyAt), not kept: 100,000 keys are ~10 MB of strings. */
  chunks: readonly CatalogChunkRecord[];
  /** Position of chunk c's row i at rowPosition[chunkStart[c] + i]; -1 for a dropped duplicate. */
  chunkStart: Uint32Array;
  rowPosition: Int32Array;
  /** Topic slug → display name, merged over all sources. */
  topicNames: ReadonlyMap<string, string>;
  /** Rows left out because another chunk holds the same article (not counting rows an overlay hides). */
  duplicates: number;
}

export interface CatalogSource {
  id: string;
  topicNames: ReadonlyMap<string, string>;
}

/** The id of the article at a position: the string its chunk holds, so nothing is allocated. */
export function idAt(catalog: Catalog, position: number): string {
  return catalog.chunks[catalog.chunkOf[position] ?? 0]?.ids[catalog.rowOf[position] ?? 0] ?? '';
}

/** The key of the article at a position. */
export function keyAt(catalog: Catalog, position: number): string {
  return articleKey(catalog.sourceIds[catalog.sourceOf[position] ?? 0] ?? '', idAt(catalog, position));
}

export const EMPTY_CATALOG: Catalog = buildCatalog([]);

/** The name of a topic, or of the topic an alias is merged into; the tidied slug when no manifest names it. */
export function topicName(catalog: Catalog, slug: string): string {
  const id = catalog.topicIdOf.get(slug);
  const kept = id === undefined ? slug : (catalog.topicSlugs[id] ?? slug);
  return catalog.topicNames.get(kept) ?? catalog.topicNames.get(slug) ?? tidyLowerName(kept);
}

/** The topic slugs of the article at a position. */
export function topicsAt(catalog: Catalog, position: number): string[] {
  const slugs: string[] = [];
  const end = catalog.topicStarts[position + 1] ?? 0;
  for (let j = catalog.topicStarts[position] ?? 0; j < end; j++) slugs.push(catalog.topicSlugs[catalog.topicIds[j] ?? 0] ?? '');
  return slugs;
}
