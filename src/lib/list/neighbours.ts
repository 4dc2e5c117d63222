import { keyAt, type Catalog } from '../catalog/catalog';
import { positionOf } from '../catalog/positions';
import type { ListParams } from './params';
import { NO_MARKS, type ListMarks } from './masks';
import { listPositions } from './query';
import type { SearchHits } from './search';

export interface Neighbours {
  previous: string | null;
  next: string | null;
  /** 1-based place in the filtered list, or null when the article is not in it. */
  position: number | null;
  total: number;
}

/** Previous and next article keys within the filtered, sorted list (ignoring pagination). */
export function neighbours(catalog: Catalog, params: ListParams, key: string, marks: ListMarks = NO_MARKS, hits: SearchHits | null = null): Neighbours {
  const ordered = listPositions(catalog, params, marks, hits);
  const target = positionOf(catalog, key);
  const index = target === undefined ? -1 : ordered.indexOf(target);
  if (index === -1) return { previous: null, next: null, position: null, total: ordered.length };
  const keyOf = (i: number): string | null => (i >= 0 && i < ordered.length ? keyAt(catalog, ordered[i] ?? 0) : null);
  return { previous: keyOf(index - 1), next: keyOf(index + 1), position: index + 1, total: ordered.length };
}
