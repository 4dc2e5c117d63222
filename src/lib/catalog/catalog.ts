import type { CatalogChunkRecord } from '../db/records';

/**
 * Every stored article's filterable metadata in typed arrays, ordered newest first with undated
 * articles last. Positions index every array; a topic's posting list holds its positions in order,
 * so filters, counts and pages are array scans, never database reads.
 */
export interface Catalog {
  size: number;
  /** Positions [0, datedCount) have dates, newest first; the rest are undated. */
  datedCount: number;
  keys: readonly string[];
  positions: ReadonlyMap<string, number>;
  /** Epoch ms; NaN when undated. */
  dates: Float64Array;
  /** year * 12 + UTC month (0–11); -1 when undated. */
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
  chunks: readonly CatalogChunkRecord[];
  /** Topic slug → display name, merged over all sources. */
  topicNames: ReadonlyMap<string, string>;
}

export interface CatalogSource {
  id: string;
  topicNames: Readonly<Record<string, string>>;
}

export const articleKey = (sourceId: string, id: string): string => `${sourceId}/${id}`;

/** UTC year * 12 + month from epoch ms, without allocating a Date (civil-from-days). */
export function monthIndex(ms: number): number {
  if (Number.isNaN(ms)) return -1;
  const z = Math.floor(ms / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (month <= 1 ? 1 : 0);
  return year * 12 + month;
}

export function buildCatalog(chunks: readonly CatalogChunkRecord[], sources: readonly CatalogSource[] = []): Catalog {
  const ordered = [...chunks].sort((a, b) => firstDate(b) - firstDate(a) || (a.key < b.key ? -1 : 1));
  const total = ordered.reduce((n, c) => n + c.count, 0);
  const sourceIds: string[] = [];
  const sourceIndex = new Map<string, number>();

  // Gather in chunk order; one source's monthly chunks are usually already in global order.
  const gathered: string[] = [];
  const seen = new Set<string>();
  const allDates = new Float64Array(total);
  const allChunkOf = new Uint32Array(total);
  const allRowOf = new Uint32Array(total);
  ordered.forEach((chunk, c) => {
    for (let i = 0; i < chunk.count; i++) {
      const key = articleKey(chunk.sourceId, chunk.ids[i] ?? '');
      // An interrupted first sync can leave an article in two shards for a while: keep the newer.
      if (seen.has(key)) continue;
      seen.add(key);
      const p = gathered.push(key) - 1;
      allDates[p] = chunk.dates[i] ?? Number.NaN;
      allChunkOf[p] = c;
      allRowOf[p] = i;
    }
  });
  const size = gathered.length;
  const keys = gathered;
  const dates = allDates.subarray(0, size);
  const chunkOf = allChunkOf.subarray(0, size);
  const rowOf = allRowOf.subarray(0, size);
  const order = sortedOrder(keys, dates);

  const topicIdOf = new Map<string, number>();
  const topicSlugs: string[] = [];
  const out = {
    keys: new Array<string>(size),
    dates: new Float64Array(size),
    months: new Int32Array(size),
    sourceOf: new Uint16Array(size),
    bodyBytes: new Uint32Array(size),
    hasBody: new Uint8Array(size),
    chunkOf: new Uint32Array(size),
    rowOf: new Uint32Array(size),
    topicStarts: new Uint32Array(size + 1),
  };
  const topicIds: number[] = [];
  const positions = new Map<string, number>();
  let datedCount = 0;
  for (let q = 0; q < size; q++) {
    const from = order ? (order[q] ?? 0) : q;
    const chunk = ordered[chunkOf[from] ?? 0] as CatalogChunkRecord;
    const row = rowOf[from] ?? 0;
    const key = keys[from] ?? '';
    const date = dates[from] ?? Number.NaN;
    out.keys[q] = key;
    positions.set(key, q);
    out.dates[q] = date;
    out.months[q] = monthIndex(date);
    if (!Number.isNaN(date)) datedCount++;
    let source = sourceIndex.get(chunk.sourceId);
    if (source === undefined) source = sourceIds.push(chunk.sourceId) - 1;
    sourceIndex.set(chunk.sourceId, source);
    out.sourceOf[q] = source;
    out.bodyBytes[q] = chunk.bodyBytes[row] ?? 0;
    out.hasBody[q] = chunk.hasBody[row] ?? 0;
    out.chunkOf[q] = chunkOf[from] ?? 0;
    out.rowOf[q] = row;
    out.topicStarts[q] = topicIds.length;
    const end = chunk.topicStarts[row + 1] ?? 0;
    for (let j = chunk.topicStarts[row] ?? 0; j < end; j++) {
      const slug = chunk.topicDict[chunk.topicRefs[j] ?? 0] ?? '';
      let id = topicIdOf.get(slug);
      if (id === undefined) {
        id = topicSlugs.push(slug) - 1;
        topicIdOf.set(slug, id);
      }
      topicIds.push(id);
    }
  }
  out.topicStarts[size] = topicIds.length;

  return {
    ...out,
    size,
    datedCount,
    positions,
    topicIds: Uint32Array.from(topicIds),
    topicSlugs,
    topicIdOf,
    postings: buildPostings(out.topicStarts, topicIds, topicSlugs.length, size),
    sourceIds,
    chunks: ordered,
    topicNames: mergeTopicNames(sources),
  };
}

function firstDate(chunk: CatalogChunkRecord): number {
  const d = chunk.dates[0];
  return d === undefined || Number.isNaN(d) ? -Infinity : d;
}

/** Newest first, undated last, ties by key; null when the gathered order already is that. */
function sortedOrder(keys: readonly string[], dates: Float64Array): Uint32Array | null {
  const before = (a: number, b: number): number => {
    const da = dates[a] ?? Number.NaN;
    const db = dates[b] ?? Number.NaN;
    if (da !== db && !(Number.isNaN(da) && Number.isNaN(db))) {
      if (Number.isNaN(da)) return 1;
      if (Number.isNaN(db)) return -1;
      return db - da;
    }
    const ka = keys[a] ?? '';
    const kb = keys[b] ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = before(i - 1, i) <= 0;
  if (sorted) return null;
  const order = Array.from({ length: keys.length }, (_, i) => i).sort(before);
  return Uint32Array.from(order);
}

function buildPostings(starts: Uint32Array, ids: readonly number[], topicCount: number, size: number): Int32Array[] {
  const lengths = new Uint32Array(topicCount);
  for (const id of ids) lengths[id] = (lengths[id] ?? 0) + 1;
  const postings = Array.from(lengths, (n) => new Int32Array(n));
  const fill = new Uint32Array(topicCount);
  for (let p = 0; p < size; p++) {
    const end = starts[p + 1] ?? 0;
    for (let j = starts[p] ?? 0; j < end; j++) {
      const id = ids[j] ?? 0;
      const at = fill[id] ?? 0;
      (postings[id] as Int32Array)[at] = p;
      fill[id] = at + 1;
    }
  }
  return postings;
}

function mergeTopicNames(sources: readonly CatalogSource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const source of sources) for (const [slug, name] of Object.entries(source.topicNames)) if (!names.has(slug)) names.set(slug, name);
  return names;
}

export const EMPTY_CATALOG: Catalog = buildCatalog([]);

/** Falls back to the slug for a topic no manifest names. */
export function topicName(catalog: Catalog, slug: string): string {
  return catalog.topicNames.get(slug) ?? slug;
}

/** The topic slugs of the article at a position. */
export function topicsAt(catalog: Catalog, position: number): string[] {
  const slugs: string[] = [];
  const end = catalog.topicStarts[position + 1] ?? 0;
  for (let j = catalog.topicStarts[position] ?? 0; j < end; j++) slugs.push(catalog.topicSlugs[catalog.topicIds[j] ?? 0] ?? '');
  return slugs;
}
