import type { FeedArticle, FeedManifest } from '../feed/format';
import type { ArticleRecord } from '../db/records';

export const articleKey = (sourceId: string, id: string): string => `${sourceId}/${id}`;
export const shardRecordKey = (sourceId: string, shardKey: string): string => `${sourceId}/${shardKey}`;

export function toArticleRecord(sourceId: string, shardKey: string, article: FeedArticle, manifest: FeedManifest): ArticleRecord {
  const date = article.date === null ? null : Date.parse(article.date);
  return {
    key: articleKey(sourceId, article.id),
    sourceId,
    id: article.id,
    slug: article.slug,
    url: article.url,
    title: article.title,
    date: date === null || Number.isNaN(date) ? null : date,
    topics: article.topics,
    author: article.author ?? manifest.author,
    summary: article.summary,
    summaryTruncated: article.summaryTruncated,
    words: article.words,
    readingMinutes: article.readingMinutes,
    bodyHref: article.body?.href ?? null,
    bodyHash: article.body?.hash ?? null,
    bodyBytes: article.body?.bytes ?? 0,
    shard: shardRecordKey(sourceId, shardKey),
  };
}
