import { articleKey } from '../model/article';
import { compareKeys, newestFirst } from '../model/order';
import type { CatalogChunkRecord } from '../store/records';
import { tidyLowerName, topicAliases } from '../model/topics';
import { buildPostings, countSlugs, emptyColumns, holdsId, mergeTopicNames, slugCountList, topicId } from './columns';
import { chunkOrder, hiddenIds } from './overlays';
import { withTopicRules } from './topicRules';

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
  const ordered = [...chunks].sort(chunkOrder);
  const total = ordered.reduce((n, c) => n + c.count, 0);

  // Per chunk, translate its topic dictionary and source once, not per article.
  const sourceIds: string[] = [];
  const topicSlugs: string[] = [];
  const topicIdOf = new Map<string, number>();
  const chunkSource = new Uint16Array(ordered.length);
  const counts = countSlugs(ordered);
  const aliases = topicAliases(slugCountList(counts));
  const chunkTopics = ordered.map((chunk, c) => {
    let source = sourceIds.indexOf(chunk.sourceId);
    if (source === -1) source = sourceIds.push(chunk.sourceId) - 1;
    chunkSource[c] = source;
    return Uint32Array.from(chunk.topicDict, (slug) => topicId(slug, aliases, topicSlugs, topicIdOf));
  });

  // Gather in chunk order; one source's monthly chunks are usually already in global order.
  const seen = new Map<string, Set<string>>();
  const hidden = hiddenIds(ordered);
  let duplicates = 0;
  const allDates = new Float64Array(total);
  const allOffsets = new Int16Array(total);
  const allChunkOf = new Uint32Array(total);
  const allRowOf = new Uint32Array(total);
  const chunkStart = new Uint32Array(ordered.length);
  const rowGathered = new Int32Array(total).fill(-1);
  let size = 0;
  let offset = 0;
  ordered.forEach((chunk, c) => {
    chunkStart[c] = offset;
    let ids = seen.get(chunk.sourceId);
    if (!ids) seen.set(chunk.sourceId, (ids = new Set()));
    const hides = chunk.overlay ? undefined : hidden.get(chunk.sourceId);
    for (let i = 0; i < chunk.count; i++) {
      const id = chunk.ids[i] ?? '';
      if (hides?.has(id)) continue;
      // An article in two stored shards (an interrupted first sync, a feed that repeats an id
      // across shards synced apart) is listed once, from the newer shard: lists key by article.
      if (ids.has(id)) {
        duplicates++;
        continue;
      }
      ids.add(id);
      const p = size++;
      rowGathered[offset + i] = p;
      allDates[p] = chunk.dates[i] ?? Number.NaN;
      allOffsets[p] = chunk.offsets?.[i] ?? 0;
      allChunkOf[p] = c;
      allRowOf[p] = i;
    }
    offset += chunk.count;
  });
  const gatheredKey = (g: number): string => {
    const chunk = ordered[allChunkOf[g] ?? 0] as CatalogChunkRecord;
    return articleKey(chunk.sourceId, chunk.ids[allRowOf[g] ?? 0] ?? '');
  };
  const order = sortedOrder(size, allDates.subarray(0, size), gatheredKey);
  const at = (q: number): number => (order ? (order[q] ?? 0) : q);

  let rowPosition = rowGathered;
  if (order) {
    const finalOf = new Int32Array(size);
    order.forEach((from, q) => (finalOf[from] = q));
    rowPosition = rowGathered.map((g) => (g < 0 ? -1 : (finalOf[g] ?? -1)));
  }
  const out = emptyColumns(size);
  const topicIds = new Uint32Array(ordered.reduce((n, c) => n + c.topicRefs.length, 0));
  let refs = 0;
  let datedCount = 0;
  for (let q = 0; q < size; q++) {
    const from = at(q);
    const c = allChunkOf[from] ?? 0;
    const chunk = ordered[c] as CatalogChunkRecord;
    const translate = chunkTopics[c] as Uint32Array;
    const row = allRowOf[from] ?? 0;
    const date = allDates[from] ?? Number.NaN;
    const offset = allOffsets[from] ?? 0;
    out.dates[q] = date;
    out.offsets[q] = offset;
    out.months[q] = monthIndex(date + offset * 60_000);
    if (!Number.isNaN(date)) datedCount++;
    out.sourceOf[q] = chunkSource[c] ?? 0;
    out.bodyBytes[q] = chunk.bodyBytes[row] ?? 0;
    out.hasBody[q] = chunk.hasBody[row] ?? 0;
    out.chunkOf[q] = c;
    out.rowOf[q] = row;
    out.topicStarts[q] = refs;
    const end = chunk.topicStarts[row + 1] ?? 0;
    const first = refs;
    for (let j = chunk.topicStarts[row] ?? 0; j < end; j++) {
      const id = translate[chunk.topicRefs[j] ?? 0] ?? 0;
      // An article tagged with a topic and its alias has it once.
      if (aliases.size === 0 || !holdsId(topicIds, first, refs, id)) topicIds[refs++] = id;
    }
  }
  out.topicStarts[size] = refs;

  const catalog: Catalog = {
    ...out,
    size,
    datedCount,
    chunkStart,
    rowPosition,
    topicIds: topicIds.subarray(0, refs),
    topicSlugs,
    topicIdOf,
    postings: buildPostings(out.topicStarts, topicIds, topicSlugs.length, size),
    sourceIds,
    chunks: ordered,
    topicNames: mergeTopicNames(sources),
    duplicates,
  };
  return withTopicRules(catalog, { counts, aliases });
}

/**
 * Newest first, undated last, ties by key (made only for ties); null when the gathered order already
 * is that. The sorted run at the start (every shard row when only an overlay's rows follow) is kept,
 * and only the rest is sorted and merged into it.
 */
function sortedOrder(size: number, dates: Float64Array, keyOf: (i: number) => string): Uint32Array | null {
  const before = (a: number, b: number): number => newestFirst(dates[a] ?? Number.NaN, dates[b] ?? Number.NaN) || compareKeys(keyOf(a), keyOf(b));
  let run = 1;
  while (run < size && before(run - 1, run) <= 0) run++;
  if (run >= size) return null;
  const rest = Array.from({ length: size - run }, (_, i) => run + i).sort(before);
  const order = new Uint32Array(size);
  let i = 0;
  let j = 0;
  for (let q = 0; q < size; q++) {
    const next = rest[j];
    if (i < run && (next === undefined || before(i, next) < 0)) order[q] = i++;
    else {
      order[q] = next ?? 0;
      j++;
    }
  }
  return order;
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
