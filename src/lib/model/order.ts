/** ISO 8601 UTC text or epoch ms; null (or NaN) means the article is undated. */
export type Instant = string | number | null;

const undated = (date: Instant): boolean => date === null || (typeof date === 'number' && Number.isNaN(date));

/**
 * Newest first, undated last: the one order of every feed, shard and list. ISO 8601 UTC strings
 * of one form sort as their instants do, so both kinds compare without parsing.
 */
export function newestFirst(a: Instant, b: Instant): number {
  const aUndated = undated(a);
  const bUndated = undated(b);
  if (aUndated || bUndated) return aUndated === bUndated ? 0 : aUndated ? 1 : -1;
  return (a as string | number) < (b as string | number) ? 1 : (a as string | number) > (b as string | number) ? -1 : 0;
}

/** Code-unit order of keys or ids: how ties of dates are broken everywhere. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first, then by id, so equal dates still give one order. */
export function byNewest(a: { date: Instant; id: string }, b: { date: Instant; id: string }): number {
  return newestFirst(a.date, b.date) || compareKeys(a.id, b.id);
}
