/**
 * How a sync fetches a feed folder's shards: a few at a time, in an order that may put an opened
 * article's month first, keeping each id repeated across shards once.
 */
import type { FeedShardRef } from '../feed/folder';
import { uniqueById } from '../feed/ids';
import type { IncomingShard } from '../store/shards';
import type { Fetch } from './fetchLimited';
import { fetchSegment, fetchShard } from './folderFetch';

const PARALLEL_FETCHES = 4;

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

async function fetchIncoming(fetcher: Fetch, feedUrl: string, ref: FeedShardRef, withBody: boolean): Promise<IncomingShard> {
  const [shard, segment] = await Promise.all([fetchShard(fetcher, feedUrl, ref), fetchSegment(fetcher, feedUrl, ref, withBody)]);
  return segment ? { shard, hash: ref.hash, segment } : { shard, hash: ref.hash };
}

/** Fetches shards a few at a time, handing each to `take` in the order given (the manifest's: newest first). */
export async function fetchInOrder(
  fetcher: Fetch,
  feedUrl: string,
  order: ShardOrder,
  withBody: (ref: FeedShardRef) => boolean,
  take: (shard: IncomingShard) => Promise<void>,
  allStarted: () => void = () => {},
  idle: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const pending = order.refs.map((ref) => ({ ref, promise: null as Promise<IncomingShard> | null }));
  const unique = idsOnce(order);
  const start = (i: number): void => {
    const slot = pending[i];
    if (!slot || slot.promise) return;
    slot.promise = fetchIncoming(fetcher, feedUrl, slot.ref, withBody(slot.ref));
    // After a failure nobody awaits the fetches started ahead; they must not reject unobserved.
    slot.promise.catch(() => {});
    if (i === pending.length - 1) allStarted();
  };
  for (let i = 0; i < Math.min(PARALLEL_FETCHES, pending.length); i++) start(i);
  for (let i = 0; i < pending.length; i++) {
    start(i);
    const shard = await (pending[i]?.promise as Promise<IncomingShard>);
    // An article's text the reader is waiting for goes before the next shard's fetch, parse and write.
    await idle();
    start(i + PARALLEL_FETCHES);
    await take(unique(shard));
  }
}
