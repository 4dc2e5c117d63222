/**
 * Building the catalogue from stored chunks, in steps: the page runs one step per task, so a build
 * never blocks input for long (a cold build is tens of milliseconds on a slow phone at the real
 * blog's size, and hundreds at 100,000 articles); tests and patches run it straight through.
 */
import { articleKey } from '../model/article';
import { compareKeys, newestFirst } from '../model/order';
import { topicAliases } from '../model/topics';
import type { CatalogChunkRecord } from '../store/records';
import type { Catalog, CatalogSource } from './catalog';
import { buildPostings, countSlugs, emptyColumns, holdsId, mergeTopicNames, slugCountList, topicId } from './columns';
import { chunkOrder, hiddenIds } from './overlays';
import { withTopicRules } from './topicRules';

/** Positions the fill step writes between two pauses. */
const FILL_SLICE = 20_000;

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

/** Per chunk, its topic dictionary and source translated once, not per article. */
function dictionaries(ordered: readonly CatalogChunkRecord[], aliases: ReadonlyMap<string, string>) {
  const sourceIds: string[] = [];
  const topicSlugs: string[] = [];
  const topicIdOf = new Map<string, number>();
  const chunkSource = new Uint16Array(ordered.length);
  const chunkTopics = ordered.map((chunk, c) => {
    let source = sourceIds.indexOf(chunk.sourceId);
    if (source === -1) source = sourceIds.push(chunk.sourceId) - 1;
    chunkSource[c] = source;
    return Uint32Array.from(chunk.topicDict, (slug) => topicId(slug, aliases, topicSlugs, topicIdOf));
  });
  return { sourceIds, topicSlugs, topicIdOf, chunkSource, aliases, chunkTopics };
}

/** Every row to list, in chunk order; one source's monthly chunks are usually already in global order. */
function gather(ordered: readonly CatalogChunkRecord[], total: number) {
  const seen = new Map<string, Set<string>>();
  const hidden = hiddenIds(ordered);
  const rows = { dates: new Float64Array(total), offsets: new Int16Array(total), chunkOf: new Uint32Array(total), rowOf: new Uint32Array(total) };
  const chunkStart = new Uint32Array(ordered.length);
  const rowGathered = new Int32Array(total).fill(-1);
  let size = 0;
  let offset = 0;
  let duplicates = 0;
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
      rows.dates[p] = chunk.dates[i] ?? Number.NaN;
      rows.offsets[p] = chunk.offsets?.[i] ?? 0;
      rows.chunkOf[p] = c;
      rows.rowOf[p] = i;
    }
    offset += chunk.count;
  });
  return { ...rows, size, chunkStart, rowGathered, duplicates };
}

type Gathered = ReturnType<typeof gather>;

/** The gathered rows in list order, and each chunk row's final position. */
function listOrder(ordered: readonly CatalogChunkRecord[], rows: Gathered): { order: Uint32Array | null; rowPosition: Int32Array } {
  const keyOf = (g: number): string => {
    const chunk = ordered[rows.chunkOf[g] ?? 0] as CatalogChunkRecord;
    return articleKey(chunk.sourceId, chunk.ids[rows.rowOf[g] ?? 0] ?? '');
  };
  const order = sortedOrder(rows.size, rows.dates.subarray(0, rows.size), keyOf);
  if (!order) return { order, rowPosition: rows.rowGathered };
  const finalOf = new Int32Array(rows.size);
  order.forEach((from, q) => (finalOf[from] = q));
  return { order, rowPosition: rows.rowGathered.map((g) => (g < 0 ? -1 : (finalOf[g] ?? -1))) };
}

type Dictionaries = ReturnType<typeof dictionaries>;

/** The catalogue's columns in list order, a slice of positions between pauses. */
function* fill(ordered: readonly CatalogChunkRecord[], dict: Dictionaries, rows: Gathered, order: Uint32Array | null) {
  const out = emptyColumns(rows.size);
  const topicIds = new Uint32Array(ordered.reduce((n, c) => n + c.topicRefs.length, 0));
  let refs = 0;
  let datedCount = 0;
  for (let q = 0; q < rows.size; q++) {
    const from = order ? (order[q] ?? 0) : q;
    const c = rows.chunkOf[from] ?? 0;
    const chunk = ordered[c] as CatalogChunkRecord;
    const translate = dict.chunkTopics[c] as Uint32Array;
    const row = rows.rowOf[from] ?? 0;
    const date = rows.dates[from] ?? Number.NaN;
    const offset = rows.offsets[from] ?? 0;
    out.dates[q] = date;
    out.offsets[q] = offset;
    out.months[q] = monthIndex(date + offset * 60_000);
    if (!Number.isNaN(date)) datedCount++;
    out.sourceOf[q] = dict.chunkSource[c] ?? 0;
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
      if (dict.aliases.size === 0 || !holdsId(topicIds, first, refs, id)) topicIds[refs++] = id;
    }
    if (q % FILL_SLICE === FILL_SLICE - 1) yield;
  }
  out.topicStarts[rows.size] = refs;
  return { out, topicIds, refs, datedCount };
}

/**
 * The catalogue's steps: each `yield` is a point where the caller may hand the thread back. The
 * generator's value is the catalogue.
 */
export function* catalogSteps(chunks: readonly CatalogChunkRecord[], sources: readonly CatalogSource[] = []): Generator<void, Catalog, void> {
  const ordered = [...chunks].sort(chunkOrder);
  const counts = countSlugs(ordered);
  yield;
  const aliases = topicAliases(slugCountList(counts));
  yield;
  const dict = dictionaries(ordered, aliases);
  yield;
  const rows = gather(ordered, ordered.reduce((n, c) => n + c.count, 0));
  yield;
  const { order, rowPosition } = listOrder(ordered, rows);
  yield;
  const { out, topicIds, refs, datedCount } = yield* fill(ordered, dict, rows, order);
  yield;
  const catalog: Catalog = {
    ...out,
    size: rows.size,
    datedCount,
    chunkStart: rows.chunkStart,
    rowPosition,
    topicIds: topicIds.subarray(0, refs),
    topicSlugs: dict.topicSlugs,
    topicIdOf: dict.topicIdOf,
    postings: buildPostings(out.topicStarts, topicIds, dict.topicSlugs.length, rows.size),
    sourceIds: dict.sourceIds,
    chunks: ordered,
    topicNames: mergeTopicNames(sources),
    duplicates: rows.duplicates,
  };
  return withTopicRules(catalog, { counts, aliases });
}

/** The whole build in one go. */
export function buildCatalog(chunks: readonly CatalogChunkRecord[], sources: readonly CatalogSource[] = []): Catalog {
  const steps = catalogSteps(chunks, sources);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The build with `pause` awaited between its steps (the page: a task each). */
export async function buildCatalogInSteps(chunks: readonly CatalogChunkRecord[], sources: readonly CatalogSource[], pause: () => Promise<void>): Promise<Catalog> {
  const steps = catalogSteps(chunks, sources);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/**
 * Newest first, undated last, ties by key (made only for ties); null when the gathered order already
 * is that. The sorted run at the start (every shard row when only an overlay's rows follow) is kept,
 * and only the rest is sorted and merged into it.
 */
export function sortedOrder(size: number, dates: Float64Array, keyOf: (i: number) => string): Uint32Array | null {
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
