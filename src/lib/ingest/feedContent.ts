import { FEED_VERSION, SHARD_FORMAT, type FeedArticle, type FeedShard } from '../feed/folder';
import type { NormalizedFeed } from '../feed/formats/toFolio';
import { hash48 } from '../feed/hash';
import { shardByMonth } from '../feed/layout';
import { INLINE_BODY } from '../model/article';
import type { IncomingShard } from '../store/shards';

export interface FeedContent {
  shards: IncomingShard[];
  bodies: { id: string; hash: string; html: string }[];
  topicNames: Map<string, string>;
  articleCount: number;
}

/**
 * Lays a feed read from RSS, Atom, JSON Feed or a Hugo index out as shards, exactly as the feed
 * builder lays out a feed folder, so the same store and list code serve every kind of source.
 * Bodies come with the feed, so they are stored at once and read offline from the start.
 */
export function feedContent(feed: NormalizedFeed): FeedContent {
  const articles: FeedArticle[] = [];
  const bodies: FeedContent['bodies'] = [];
  const encoder = new TextEncoder();
  for (const { bodyHtml, ...article } of feed.articles) {
    let body: FeedArticle['body'] = null;
    if (bodyHtml !== null) {
      const hash = hash48(bodyHtml);
      body = { href: `${INLINE_BODY}${article.id}`, hash, bytes: encoder.encode(bodyHtml).length };
      bodies.push({ id: article.id, hash, html: bodyHtml });
    }
    articles.push({ ...article, body });
  }
  const shards = shardByMonth(articles).map(({ key, articles: list }) => {
    const shard: FeedShard = { format: SHARD_FORMAT, version: FEED_VERSION, key, articles: list };
    return { shard, hash: hash48(JSON.stringify(list)) };
  });
  return {
    shards,
    bodies,
    topicNames: new Map(feed.topics.map((t) => [t.slug, t.name])),
    articleCount: feed.articles.length,
  };
}
