/** Where the reader is in an article, from the layout: pure arithmetic over measured offsets. */

export interface Landmark {
  /** A heading's id. */
  id: string;
  /** Its top, in document pixels. */
  top: number;
}

export interface ArticleBox {
  /** The article text's top and bottom, in document pixels. */
  top: number;
  bottom: number;
  /** Headings in document order. */
  headings: readonly Landmark[];
}

export interface Place {
  heading: string | null;
  fraction: number;
  progress: number;
}

const clamp = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/**
 * The place at document offset `y` (the top of the screen): the last heading at or above it, how
 * far `y` is between that heading and the next (or the end), and how far through the whole text.
 * `viewport` lets the end of the text count as the end, though the last screen never scrolls past it.
 */
export function placeAt(box: ArticleBox, y: number, viewport: number): Place {
  const height = Math.max(1, box.bottom - box.top);
  const progress = clamp((y + viewport - box.top) / height);
  let index = -1;
  for (let i = 0; i < box.headings.length; i++) if ((box.headings[i]?.top ?? Infinity) <= y) index = i;
  const start = index === -1 ? box.top : (box.headings[index]?.top ?? box.top);
  const end = box.headings[index + 1]?.top ?? box.bottom;
  return { heading: index === -1 ? null : (box.headings[index]?.id ?? null), fraction: clamp((y - start) / Math.max(1, end - start)), progress };
}

/** The document offset of a place; a heading that is gone falls back to the whole-text progress. */
export function offsetOf(box: ArticleBox, place: Pick<Place, 'heading' | 'fraction' | 'progress'>, viewport: number): number {
  const index = place.heading === null ? -1 : box.headings.findIndex((h) => h.id === place.heading);
  if (place.heading !== null && index === -1) return Math.max(0, box.top + place.progress * (box.bottom - box.top) - viewport);
  const start = index === -1 ? box.top : (box.headings[index]?.top ?? box.top);
  const end = box.headings[index + 1]?.top ?? box.bottom;
  return start + place.fraction * (end - start);
}
