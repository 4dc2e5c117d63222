import type { Catalog } from '../catalog/catalog';
import { positionsAt } from '../catalog/positions';
import type { HitPlaces } from '../model/search';

/** A search's answer as the list takes it: where the matching articles are stored, best first. */
export interface SearchHits {
  /** The query these hits answer (the list may show them while the next one runs). */
  query: string;
  hits: HitPlaces;
}

/** Hits as catalogue positions: a mask for the filters, and the ranking for relevance order. */
export interface HitSet {
  /** 1 where the article matched. */
  mask: Uint8Array;
  /** Positions, best first; keys the catalogue does not hold are left out. */
  ranked: Int32Array;
  /** The same positions ascending (newest first): what the filters walk instead of the catalogue. */
  ascending: Int32Array;
}

// Hits objects are replaced whole per query, so their identity names the set.
const hitSets = new WeakMap<Catalog, WeakMap<SearchHits, HitSet>>();

export function hitSet(catalog: Catalog, hits: SearchHits): HitSet {
  let sets = hitSets.get(catalog);
  if (!sets) hitSets.set(catalog, (sets = new WeakMap()));
  let set = sets.get(hits);
  if (!set) {
    const ranked = positionsAt(catalog, hits.hits);
    const mask = new Uint8Array(catalog.size);
    for (const p of ranked) mask[p] = 1;
    set = { mask, ranked, ascending: ranked.slice().sort() };
    sets.set(hits, set);
  }
  return set;
}

/** Both masks at once; null (keep everything) is the identity. */
export function bothMasks(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(a.length);
  for (let p = 0; p < a.length; p++) out[p] = a[p] === 1 && b[p] === 1 ? 1 : 0;
  return out;
}

/** The kept positions (any order, all among `ranked`) in the hits' order, best first. */
export function inRankOrder(kept: Int32Array, ranked: Int32Array, size: number): Int32Array {
  // Nothing but the query narrows the list: every hit is kept.
  if (kept.length === ranked.length) return ranked;
  const keep = new Uint8Array(size);
  for (const p of kept) keep[p] = 1;
  const out = new Int32Array(kept.length);
  let n = 0;
  for (const p of ranked) if (keep[p] === 1) out[n++] = p;
  return out.subarray(0, n);
}
