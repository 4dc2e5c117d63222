/**
 * The page numbers a pager shows around the current page: `span` consecutive pages (fewer when
 * there are fewer), centred on the current one and slid inward at either end, so the row keeps its
 * length from the first page to the last. First, previous, next and last are links of their own.
 */
export function pageSpan(current: number, pageCount: number, span: number): number[] {
  const count = Math.max(0, Math.min(span, pageCount));
  if (count === 0) return [];
  const page = Math.min(Math.max(1, current), pageCount);
  const start = Math.min(Math.max(1, page - Math.floor((count - 1) / 2)), pageCount - count + 1);
  return Array.from({ length: count }, (_, i) => start + i);
}

/** The page a reader typed, if it is one: a whole number from 1 to the last page. */
export function pageFromInput(text: string, pageCount: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const page = Number(trimmed);
  return page >= 1 && page <= pageCount ? page : null;
}
