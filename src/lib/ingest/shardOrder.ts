/** The order a sync stores a feed folder's shards in, and which copy of an id repeated across them it keeps. */
import type { FeedShardRef } from '../feed/folder';
import { uniqueById } from '../feed/ids';
import type { IncomingShard } from '../store/shards';

const DATED_ID = /^(\d{4})-(\d{2})-\d{2}(?![0-9])/;

export interface ShardOrder {
  /** The shards in the order to store them. */
  refs: FeedShardRef[];
  /** How many at the front were moved there for the article (0: manifest order). */
  early: number;
  /** The manifest's order (newest first): it decides which copy of a repeated id is kept. */
  manifest: readonly FeedShardRef[];
}

/** The manifest's order, unchanged. */
export const manifestOrder = (refs: readonly FeedShardRef[]): ShardOrder => ({ refs: [...refs], early: 0, manifest: refs });

/**
 * The shards a first sync stores first when the reader opens an article by its address: those of
 * the month its id names, when the id starts with a date (Hugo names posts so, and the builder keeps
 * the name as the id). Otherwise the article shows only once the sync reaches its month, at 100k
 * the whole first sync for the oldest. A hint only: a shard is a month of publication in UTC, so a
 * post dated near midnight at a month's end may be in the next one, and the sync then keeps its order.
 */
export function shardsForArticleFirst(refs: readonly FeedShardRef[], articleId: string | undefined): ShardOrder {
  const dated = articleId === undefined ? null : DATED_ID.exec(articleId);
  if (!dated) return manifestOrder(refs);
  const month = `${dated[1]}-${dated[2]}`;
  // A month of more than 2,000 articles goes on in "2026-04-2", "2026-04-3" (README, feed folder format).
  const inMonth = (ref: FeedShardRef): boolean => ref.key === month || ref.key.startsWith(`${month}-`);
  const first = refs.filter(inMonth);
  return { refs: [...first, ...refs.filter((ref) => !inMonth(ref))], early: first.length, manifest: refs };
}

/**
 * Ids kept once across shards, in the newest: the list keys articles by id. Shards moved ahead for
 * an article are checked only against each other; their ids count from their own place in the
 * manifest on, so a newer shard that repeats one keeps it too, and the catalogue lists the newer
 * copy, as for a feed that repeats an id across shards synced apart.
 */
export function idsOnce(order: ShardOrder): (incoming: IncomingShard) => IncomingShard {
  const seen = new Set<string>();
  const rank = new Map(order.manifest.map((ref, i) => [ref.key, i]));
  const held = new Map<string, string[]>();
  const early = new Set(order.refs.slice(0, order.early).map((ref) => ref.key));
  const seenEarly = new Set<string>();
  return (incoming) => {
    const { key } = incoming.shard;
    for (const [heldKey, ids] of held) {
      if ((rank.get(heldKey) ?? 0) > (rank.get(key) ?? 0)) continue;
      for (const id of ids) seen.add(id);
      held.delete(heldKey);
    }
    const articles = uniqueById(incoming.shard.articles, `shard ${key}`, undefined, early.has(key) ? seenEarly : seen);
    if (early.has(key)) held.set(key, articles.map((a) => a.id));
    return { ...incoming, shard: { ...incoming.shard, articles } };
  };
}
