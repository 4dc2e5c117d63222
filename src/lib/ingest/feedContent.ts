import type { FeedArticle, FeedShard } from '../feed/folder';
import { FEED_VERSION, SHARD_FORMAT } from '../feed/folder';
import type { NormalizedFeed } from '../feed/formats/toFolio';
import type { IncomingShard } from '../store/shards';
import { hash48 } from '../feed/hash';

/** Marks a body that arrived inside the feed document: there is no file to fetch it from. */
export const INLINE_BODY = 'inline:';

export const isInlineBody = (href: string | null): boolean => href !== null && href.startsWith(INLINE_BODY);

/** Enough to tell whether content changed; the parsers' own hash. */
export const contentHash = hash48;

export interface FeedContent {
  shards: IncomingShard[];
  bodies: { id: string; hash: string; html: string }[];
  topicNames: Record<string, string>;
  articleCount: number;
}

/**
 * Lays a feed read from RSS, Atom, JSON Feed or a Hugo index out as monthly shards, like a
 * Folio feed folder, so the same store and list code serve every kind of source. Bodies come
 * with the feed, so they are stored at once and the articles read offline from the start.
 */
export function feedContent(feed: NormalizedFeed): FeedContent {
  const months = new Map<string, FeedArticle[]>();
  const bodies: FeedContent['bodies'] = [];
  for (const { bodyHtml, ...article } of feed.articles) {
    let body: FeedArticle['body'] = null;
    if (bodyHtml !== null) {
      const hash = contentHash(bodyHtml);
      body = { href: `${INLINE_BODY}${article.id}`, hash, bytes: new TextEncoder().encode(bodyHtml).length };
      bodies.push({ id: article.id, hash, html: bodyHtml });
    }
    const month = article.date === null ? 'undated' : article.date.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push({ ...article, body });
    months.set(month, list);
  }
  const shards = [...months].map(([key, articles]) => {
    const shard: FeedShard = { format: SHARD_FORMAT, version: FEED_VERSION, key, articles };
    return { shard, hash: contentHash(JSON.stringify(articles)) };
  });
  return {
    shards,
    bodies,
    topicNames: Object.fromEntries(feed.topics.map((t) => [t.slug, t.name])),
    articleCount: feed.articles.length,
  };
}
