/**
 * Patching the catalogue in place when a sync replaces a few chunks: the kept articles keep their
 * order and topic ids, and only the new chunks' rows are sorted and merged in. The result
 * lists the same articles in the same order as buildCatalog over every chunk would.
 */
import { overlayHides } from '../store/keys';
import type { CatalogChunkRecord } from '../store/records';
import { idAt, type Catalog, type CatalogSource } from './catalog';
import { patchedRules, topicRulesOf, withTopicRules } from './topicRules';
import { topicId } from './columns';
import { chunkOrder, hiddenIds } from './overlays';
import { sortedOrder } from './build';
import { freshKey, mergePatch, type Row } from './patchMerge';

const sameMap = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

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
  const translateChunk = (c: number): void => {
    const chunk = ordered[c] as CatalogChunkRecord;
    if (!translate.has(c)) translate.set(c, Uint32Array.from(chunk.topicDict, (slug) => topicId(slug, aliases, topicSlugs, topicIdOf)));
  };
  if (retopic) ordered.forEach((_, c) => translateChunk(c));

  // The new and restored rows, sorted as the list sorts: newest first, undated last, then by key
  // (made only for ties, as a build does).
  const rows: Row[] = coming.map(({ chunk, row }) => {
    const c = indexOf.get(chunk.key) ?? 0;
    translateChunk(c);
    return { date: chunk.dates[row] ?? Number.NaN, chunk: c, row };
  });
  const order = sortedOrder(rows.length, Float64Array.from(rows, (r) => r.date), (i) => freshKey(ordered, rows[i] as Row));
  const fresh = order ? Array.from(order, (i) => rows[i] as Row) : rows;

  const patched = mergePatch(old, { ordered, chunkMap, chunkStart, total, fresh, translate, retopic, topicSlugs, topicIdOf, sources, skip });
  return patched && withTopicRules(patched, rules);
}
