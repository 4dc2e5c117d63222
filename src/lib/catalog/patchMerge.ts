/**
 * The second half of a catalogue patch (patch.ts): the kept positions, in their order, merged with
 * the sorted new rows into the columns of the patched catalogue.
 */
import { articleKey } from '../model/article';
import { compareKeys, newestFirst } from '../model/order';
import type { CatalogChunkRecord } from '../store/records';
import { keyAt, monthIndex, type Catalog, type CatalogSource } from './catalog';
import { buildPostings, emptyColumns, holdsId, mergeTopicNames } from './columns';

/** A new or restored row: its chunk's place in the patched catalogue, and its row there. */
export interface Row {
  date: number;
  chunk: number;
  row: number;
}

/** A new row's key, made only to break a tie of dates. */
export const freshKey = (ordered: readonly CatalogChunkRecord[], { chunk, row }: Row): string => {
  const record = ordered[chunk] as CatalogChunkRecord;
  return articleKey(record.sourceId, record.ids[row] ?? '');
};

export interface Plan {
  ordered: CatalogChunkRecord[];
  chunkMap: Int32Array;
  chunkStart: Uint32Array;
  total: number;
  fresh: Row[];
  translate: ReadonlyMap<number, Uint32Array>;
  /** The kept rows' topics translated from their chunks (new aliases), not copied. */
  retopic: boolean;
  topicSlugs: string[];
  topicIdOf: Map<string, number>;
  sources: readonly CatalogSource[];
  /** Old positions left out (leftOut in patch.ts). */
  skip: Uint8Array;
}

type Columns = ReturnType<typeof emptyColumns>;

/** What the merge writes besides the columns: topic ids and where each chunk row went. */
interface Target {
  out: Columns;
  topicIds: Uint32Array;
  refs: number;
  rowPosition: Int32Array;
}

/** A chunk row's topics, through its chunk's translation; an article tagged with a topic and its alias has it once. */
function putTopics(t: Target, chunk: CatalogChunkRecord, row: number, map: Uint32Array): void {
  const first = t.refs;
  for (let k = chunk.topicStarts[row] ?? 0; k < (chunk.topicStarts[row + 1] ?? 0); k++) {
    const id = map[chunk.topicRefs[k] ?? 0] ?? 0;
    if (!holdsId(t.topicIds, first, t.refs, id)) t.topicIds[t.refs++] = id;
  }
}

/** Position q takes the old catalogue's position p, in new chunk c. */
function putKept(t: Target, old: Catalog, q: number, p: number, c: number, plan: Plan): void {
  const { out } = t;
  out.dates[q] = old.dates[p] ?? Number.NaN;
  out.offsets[q] = old.offsets[p] ?? 0;
  out.months[q] = old.months[p] ?? -1;
  out.sourceOf[q] = old.sourceOf[p] ?? 0;
  out.bodyBytes[q] = old.bodyBytes[p] ?? 0;
  out.hasBody[q] = old.hasBody[p] ?? 0;
  out.chunkOf[q] = c;
  out.rowOf[q] = old.rowOf[p] ?? 0;
  t.rowPosition[(plan.chunkStart[c] ?? 0) + (old.rowOf[p] ?? 0)] = q;
  if (plan.retopic) putTopics(t, plan.ordered[c] as CatalogChunkRecord, old.rowOf[p] ?? 0, plan.translate.get(c) as Uint32Array);
  else for (let k = old.topicStarts[p] ?? 0; k < (old.topicStarts[p + 1] ?? 0); k++) t.topicIds[t.refs++] = old.topicIds[k] ?? 0;
}

/** Position q takes a new chunk's row. */
function putFresh(t: Target, old: Catalog, q: number, row: Row, plan: Plan): void {
  const { out } = t;
  const chunk = plan.ordered[row.chunk] as CatalogChunkRecord;
  const offset = chunk.offsets[row.row] ?? 0;
  out.dates[q] = row.date;
  out.offsets[q] = offset;
  out.months[q] = monthIndex(row.date + offset * 60_000);
  out.sourceOf[q] = old.sourceIds.indexOf(chunk.sourceId);
  out.bodyBytes[q] = chunk.bodyBytes[row.row] ?? 0;
  out.hasBody[q] = chunk.hasBody[row.row] ?? 0;
  out.chunkOf[q] = row.chunk;
  out.rowOf[q] = row.row;
  t.rowPosition[(plan.chunkStart[row.chunk] ?? 0) + row.row] = q;
  putTopics(t, chunk, row.row, plan.translate.get(row.chunk) as Uint32Array);
}

/** Merges the kept positions, in their order, with the sorted new rows; null when a topic is left with no article. */
export function mergePatch(old: Catalog, plan: Plan): Catalog | null {
  const { ordered, chunkMap, chunkStart, total, fresh, skip } = plan;
  // Translated afresh, a kept row may hold more topics than before (an alias that split): every chunk row's count bounds them.
  const refBound = plan.retopic
    ? ordered.reduce((n, c) => n + c.topicRefs.length, 0)
    : old.topicIds.length + fresh.reduce((n, r) => n + ((ordered[r.chunk]?.topicStarts[r.row + 1] ?? 0) - (ordered[r.chunk]?.topicStarts[r.row] ?? 0)), 0);
  // Every chunk row has a rowPosition entry; only the rows not hidden by an overlay are listed.
  const size = old.size - skip.reduce((n, s) => n + s, 0) + fresh.length;
  const t: Target = { out: emptyColumns(size), topicIds: new Uint32Array(refBound), refs: 0, rowPosition: new Int32Array(total).fill(-1) };
  let datedCount = 0;
  let p = 0;
  let j = 0;
  const skipRemoved = (): void => {
    while (p < old.size && skip[p] === 1) p++;
  };
  skipRemoved();
  for (let q = 0; q < size; q++) {
    const row = fresh[j];
    t.out.topicStarts[q] = t.refs;
    // The key only breaks a tie of dates.
    if (p < old.size && (!row || (newestFirst(old.dates[p] ?? Number.NaN, row.date) || compareKeys(keyAt(old, p), freshKey(ordered, row))) < 0)) {
      putKept(t, old, q, p, chunkMap[old.chunkOf[p] ?? 0] ?? 0, plan);
      p++;
      skipRemoved();
    } else if (row) {
      putFresh(t, old, q, row, plan);
      j++;
    }
    if (!Number.isNaN(t.out.dates[q] ?? Number.NaN)) datedCount++;
  }
  t.out.topicStarts[size] = t.refs;
  const postings = buildPostings(t.out.topicStarts, t.topicIds, plan.topicSlugs.length, size);
  // A topic left with no article would still be listed: a rebuild drops it.
  if (postings.some((list) => list.length === 0)) return null;
  return {
    ...t.out,
    size,
    datedCount,
    chunkStart,
    rowPosition: t.rowPosition,
    topicIds: t.topicIds.subarray(0, t.refs),
    topicSlugs: plan.topicSlugs,
    topicIdOf: plan.topicIdOf,
    postings,
    sourceIds: old.sourceIds,
    chunks: ordered,
    topicNames: mergeTopicNames(plan.sources),
    duplicates: 0,
  };
}
