import type { FeedArticle, FeedShard } from '../feed/format';
import { FEED_VERSION, SHARD_FORMAT } from '../feed/format';
import type { NormalizedFeed } from '../feed/formats/toFolio';
import type { IncomingShard } from '../sync/writeShards';

/** Marks a body that arrived inside the feed document: there is no file to fetch it from. */
export const INLINE_BODY = 'inline:';

export const isInlineBody = (href: string | null): boolean => href !== null && href.startsWith(INLINE_BODY);

/** FNV-1a over UTF-16 code units, as hex: enough to tell whether content changed. */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

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
