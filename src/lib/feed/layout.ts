/** How a feed's articles are laid out in shards: by month of publication, newest first. */

/** Most articles in one shard; a fuller month continues in "<month>-2", "<month>-3"… */
export const SHARD_SIZE = 2000;

/** A shard's articles before they are written or stored. */
export interface ShardLayout<T> {
  key: string;
  articles: T[];
}

/**
 * Groups newest-first articles by UTC year-month ("2026-04", or "undated"), splitting a month of
 * more than SHARD_SIZE articles, so one shard never grows without bound.
 */
export function shardByMonth<T extends { date: string | null }>(articles: readonly T[]): ShardLayout<T>[] {
  const months = new Map<string, T[]>();
  for (const article of articles) {
    const month = article.date === null ? 'undated' : article.date.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(article);
    else months.set(month, [article]);
  }
  const shards: ShardLayout<T>[] = [];
  for (const [month, list] of months) {
    for (let part = 0; part * SHARD_SIZE < list.length; part++) {
      shards.push({ key: part === 0 ? month : `${month}-${part + 1}`, articles: list.slice(part * SHARD_SIZE, (part + 1) * SHARD_SIZE) });
    }
  }
  return shards;
}
