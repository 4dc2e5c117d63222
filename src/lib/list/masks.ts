import type { Catalog } from '../catalog/catalog';
import { positionsOf } from '../catalog/positions';
import type { ListParams } from './params';

/**
 * Narrows the catalogue beyond topics and dates (a source, "available offline", read or saved):
 * a mask over positions, 1 = keep. Null keeps everything.
 */
export type PositionMask = Uint8Array | null;

/** What the device knows about articles beyond the feed: stored text, read marks, saved articles. */
export interface ListMarks {
  stored: ReadonlySet<string>;
  read: ReadonlySet<string>;
  saved: ReadonlySet<string>;
}

export const NO_MARKS: ListMarks = { stored: new Set(), read: new Set(), saved: new Set() };

// Sets are replaced whole when they change, so a set's identity names its mask.
const keyMasks = new WeakMap<Catalog, WeakMap<ReadonlySet<string>, Uint8Array>>();

/** Positions whose keys are in the set, kept per catalogue and set. */
export function keyMask(catalog: Catalog, keys: ReadonlySet<string>): Uint8Array {
  let masks = keyMasks.get(catalog);
  if (!masks) keyMasks.set(catalog, (masks = new WeakMap()));
  let mask = masks.get(keys);
  if (!mask) {
    mask = new Uint8Array(catalog.size);
    for (const position of positionsOf(catalog, keys)) mask[position] = 1;
    masks.set(keys, mask);
  }
  return mask;
}

/** The positions the reading state keeps, as "keep if mask[p] === want". */
function stateMask(catalog: Catalog, params: ListParams, marks: ListMarks): { mask: Uint8Array; want: number } | null {
  switch (params.state) {
    case 'all':
      return null;
    case 'saved':
      return { mask: keyMask(catalog, marks.saved), want: 1 };
    case 'read':
      return { mask: keyMask(catalog, marks.read), want: 1 };
    case 'unread':
      return { mask: keyMask(catalog, marks.read), want: 0 };
  }
}

/**
 * What narrows the whole catalogue before topics and dates: one source (`source=`), the
 * offline-only filter (`offline=1`) and the reading state (`state=`), so counts, the archive and
 * previous/next follow them.
 */
export function listMask(catalog: Catalog, params: ListParams, marks: ListMarks): PositionMask {
  const state = stateMask(catalog, params, marks);
  if (!params.offline && params.source === null && state === null) return null;
  if (params.offline && params.source === null && state === null) return keyMask(catalog, marks.stored);
  const offline = params.offline ? keyMask(catalog, marks.stored) : null;
  const source = params.source === null ? -1 : catalog.sourceIds.indexOf(params.source);
  const mask = new Uint8Array(catalog.size);
  if (params.source !== null && source === -1) return mask;
  for (let p = 0; p < catalog.size; p++) {
    const keep = (source === -1 || catalog.sourceOf[p] === source) && (!offline || offline[p] === 1) && (!state || state.mask[p] === state.want);
    mask[p] = keep ? 1 : 0;
  }
  return mask;
}
