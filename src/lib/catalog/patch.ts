/**
 * Patching the catalogue in place when a sync replaces a few chunks: the kept articles keep their
 * order and topic ids, and only the new chunks' rows are sorted and merged in. The result
 * lists the same articles in the same order as buildCatalog over every chunk would.
 */
import { articleKey } from '../model/article';
import { compareKeys, newestFirst } from '../model/order';
import { overlayHides } from '../store/keys';
import type { CatalogChunkRecord } from '../store/records';
import { idAt, keyAt, monthIndex, type Catalog, type CatalogSource } from './catalog';
import { patchedRules, topicRulesOf, withTopicRules } from './topicRules';
import { buildPostings, emptyColumns, holdsId, mergeTopicNames, topicId } from './columns';
import { chunkOrder, hiddenIds } from './overlays';
import { sortedOrder } from './build';

interface Row {
  date: number;
  chunk: number;
  row: number;
}

const sameMap = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

const freshKey = (ordered: readonly CatalogChunkRecord[], { chunk, row }: Row): string => {
  const record = ordered[chunk] as CatalogChunkRecord;
  return articleKey(record.sourceId, record.ids[row] ?? '');
};

/** One row of a chunk: of an added chunk, or of a kept shard chunk whose row a removed overlay hid. */
interface ChunkRow {
  chunk: CatalogChunkRecord;
  row: number;
}

/**
 * The old positions a patch leaves out (rows of removed chunks, and shard rows the overlays after
 * it hide), and the kept shard rows a removed overlay hid that show again. Null when only a rebuild
 * can say: a shard chunk comes in beside an overlay that may hide some of its rows.
 */
function leftOut(old: Catalog, removed: ReadonlySet<string>, ordered: readonly CatalogChunkRecord[], added: readonly CatalogChunkRecord[]): { skip: Uint8Array; restored: ChunkRow[] } | null {
  const hidden = hiddenIds(ordered);
  if (added.some((chunk) => !chunk.overlay && hidden.has(chunk.sourceId))) return null;
  const restored: ChunkRow[] = [];
  for (const gone of old.chunks) {
    if (!gone.overlay || !removed.has(gone.key)) continue;
    const still = hidden.get(gone.sourceId);
    const back = new Set(overlayHides(gone).filter((id) => !still?.has(id)));
    if (back.size === 0) continue;
    for (const kept of old.chunks) {
      if (kept.overlay || kept.sourceId !== gone.sourceId || removed.has(kept.key)) continue;
      kept.ids.forEach((id, row) => {
        if (back.has(id)) restored.push({ chunk: kept, row });
      });
    }
  }
  const chunkGone = Uint8Array.from(old.chunks, (c) => (removed.has(c.key) ? 1 : 0));
  const chunkHides = old.chunks.map((c) => (c.overlay ? undefined : hidden.get(c.sourceId)));
  const skip = new Uint8Array(old.size);
  for (let p = 0; p < old.size; p++) {
    const c = old.chunkOf[p] ?? 0;
    if (chunkGone[c] === 1 || chunkHides[c]?.has(idAt(old, p))) skip[p] = 1;
  }
  return { skip, restored };
}

/**
 * Whether the patch would list what a rebuild lists: no new or vanished source, and no article held
 * by two chunks (a rebuild picks which one shows). `coming`: the added chunks' rows and the restored ones.
 */
function patchable(old: Catalog, skip: Uint8Array, coming: readonly ChunkRow[], ordered: readonly CatalogChunkRecord[]): boolean {
  if (old.duplicates > 0) return false;
  const sources = new Set(ordered.map((c) => c.sourceId));
  if (sources.size !== old.sourceIds.length || !old.sourceIds.every((id) => sources.has(id))) return false;
  // Each source's coming ids; building the catalogue hashed the kept ids already (its duplicate check).
  const comingIds = old.sourceIds.map(() => new Set<string>());
  for (const { chunk, row } of coming) {
    const ids = comingIds[old.sourceIds.indexOf(chunk.sourceId)] as Set<string>;
    const id = chunk.ids[row] ?? '';
    if (ids.has(id)) return false;
    ids.add(id);
  }
  for (let p = 0; p < old.size; p++) {
    if (skip[p] === 0 && comingIds[old.sourceOf[p] ?? 0]?.has(idAt(old, p))) return false;
  }
  return true;
}

/** The catalogue with the chunks keyed in `removed` taken out and `added` put in; null when only a rebuild can say. */
export function patchCatalog(old: Catalog, removed: ReadonlySet<string>, added: readonly CatalogChunkRecord[], sources: readonly CatalogSource[]): Catalog | null {
  const kept = old.chunks.filter((c) => !removed.has(c.key));
  const ordered = [...kept, ...added].sort(chunkOrder);
  const rules = patchedRules(old, removed, added);
  const { aliases } = rules;
  const left = leftOut(old, removed, ordered, added);
  if (!left) return null;
  const { skip } = left;
  // In list order of chunks, so that the new rows of shards are mostly one sorted run already.
  const isAdded = new Set(added);
  const coming: ChunkRow[] = [...ordered.filter((c) => isAdded.has(c)).flatMap((chunk) => chunk.ids.map((_, row) => ({ chunk, row }))), ...left.restored];
  if (!patchable(old, skip, coming, ordered)) return null;
  const indexOf = new Map(ordered.map((c, i) => [c.key, i]));
  const chunkMap = Int32Array.from(old.chunks, (c) => indexOf.get(c.key) ?? -1);
  const chunkStart = new Uint32Array(ordered.length);
  let total = 0;
  ordered.forEach((c, i) => {
    chunkStart[i] = total;
    total += c.count;
  });

  // New or dropped aliases (a shard or a delta that brings a plural or a spelled-out acronym) change
  // the topics of kept rows too: every chunk's topics are then translated afresh, in a build's order.
  const retopic = !sameMap(aliases, topicRulesOf(old).aliases);
  const topicSlugs = retopic ? [] : [...old.topicSlugs];
  const topicIdOf = retopic ? new Map<string, number>() : new Map(old.topicIdOf);
  const translate = new Map<number, Uint32Array>();
  const translated = (c: number): void => {
    const chunk = ordered[c] as CatalogChunkRecord;
    if (!translate.has(c)) translate.set(c, Uint32Array.from(chunk.topicDict, (slug) => topicId(slug, aliases, topicSlugs, topicIdOf)));
  };
  if (retopic) ordered.forEach((_, c) => translated(c));

  // The new and restored rows, sorted as the list sorts: newest first, undated last, then by key
  // (made only for ties, as a build does).
  const rows: Row[] = [];
  const dates = new Float64Array(coming.length);
  for (const { chunk, row } of coming) {
    const c = indexOf.get(chunk.key) ?? 0;
    translated(c);
    dates[rows.length] = chunk.dates[row] ?? Number.NaN;
    rows.push({ date: chunk.dates[row] ?? Number.NaN, chunk: c, row });
  }
  const order = sortedOrder(rows.length, dates, (i) => freshKey(ordered, rows[i] as Row));
  const fresh = order ? Array.from(order, (i) => rows[i] as Row) : rows;

  const patched = merge(old, { ordered, chunkMap, chunkStart, total, fresh, translate, retopic, topicSlugs, topicIdOf, sources, skip });
  return patched && withTopicRules(patched, rules);
}

interface Plan {
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
  /** Old positions left out (leftOut). */
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

/** Merges the kept positions, in their order, with the sorted new rows. */
function merge(old: Catalog, plan: Plan): Catalog | null {
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
