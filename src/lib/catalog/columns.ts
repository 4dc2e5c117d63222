/**
 * The building blocks a catalogue build and a patch share: zeroed columns, topic ids, posting
 * lists, slug counts and topic names.
 */
import { tidyLowerName, type SlugCount } from '../model/topics';
import type { CatalogChunkRecord } from '../store/records';
import type { CatalogSource } from './catalog';

export function firstDate(chunk: CatalogChunkRecord): number {
  const d = chunk.dates[0];
  return d === undefined || Number.isNaN(d) ? -Infinity : d;
}

export function buildPostings(starts: Uint32Array, ids: Uint32Array, topicCount: number, size: number): Int32Array[] {
  const lengths = new Uint32Array(topicCount);
  for (let j = 0; j < (starts[size] ?? 0); j++) {
    const id = ids[j] ?? 0;
    lengths[id] = (lengths[id] ?? 0) + 1;
  }
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

/** How many stored articles use each slug, for choosing which of two variants stays. */
export function countSlugs(chunks: readonly CatalogChunkRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const chunk of chunks) addSlugCounts(counts, chunk, 1);
  return counts;
}

/** Adds (sign 1) or takes away (sign -1) a chunk's articles from slug counts; a slug left with none goes. */
export function addSlugCounts(counts: Map<string, number>, chunk: CatalogChunkRecord, sign: 1 | -1): void {
  const perRef = refCountsOf(chunk);
  chunk.topicDict.forEach((slug, ref) => {
    const count = (counts.get(slug) ?? 0) + sign * (perRef[ref] ?? 0);
    if (count > 0) counts.set(slug, count);
    else counts.delete(slug);
  });
}

export const slugCountList = (counts: ReadonlyMap<string, number>): SlugCount[] => Array.from(counts, ([slug, count]) => ({ slug, count }));

/** Articles per entry of a chunk's topic dictionary, kept per record: a stored chunk never changes. */
const refCounts = new WeakMap<CatalogChunkRecord, Uint32Array>();

function refCountsOf(chunk: CatalogChunkRecord): Uint32Array {
  let perRef = refCounts.get(chunk);
  if (!perRef) {
    perRef = new Uint32Array(chunk.topicDict.length);
    for (const ref of chunk.topicRefs) perRef[ref] = (perRef[ref] ?? 0) + 1;
    refCounts.set(chunk, perRef);
  }
  return perRef;
}

/** Names from the sources' manifests; a slug-like name from an older feed gets the same tidy rule. */
export function mergeTopicNames(sources: readonly CatalogSource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const source of sources) {
    for (const [slug, name] of source.topicNames) if (!names.has(slug)) names.set(slug, tidyLowerName(name));
  }
  return names;
}

/** The catalogue's per-article columns for `size` articles, zeroed; a build or a patch fills them. */
export function emptyColumns(size: number) {
  return {
    dates: new Float64Array(size),
    offsets: new Int16Array(size),
    months: new Int32Array(size),
    sourceOf: new Uint16Array(size),
    bodyBytes: new Uint32Array(size),
    hasBody: new Uint8Array(size),
    chunkOf: new Uint32Array(size),
    rowOf: new Uint32Array(size),
    topicStarts: new Uint32Array(size + 1),
  };
}

/**
 * A slug's topic id, adding the topic when new. An alias ("vector-database") shares the id of the
 * topic it is merged into ("vector-databases").
 */
export function topicId(slug: string, aliases: ReadonlyMap<string, string>, slugs: string[], idOf: Map<string, number>): number {
  // Every chunk's dictionary repeats most slugs: a known one is one lookup, not three and a write.
  const known = idOf.get(slug);
  if (known !== undefined) return known;
  const kept = aliases.get(slug) ?? slug;
  let id = idOf.get(kept);
  if (id === undefined) {
    id = slugs.push(kept) - 1;
    idOf.set(kept, id);
  }
  idOf.set(slug, id);
  return id;
}

/** Whether ids[from, to) holds id: a loop, not a subarray view per article. */
export function holdsId(ids: Uint32Array, from: number, to: number, id: number): boolean {
  for (let k = from; k < to; k++) if (ids[k] === id) return true;
  return false;
}
