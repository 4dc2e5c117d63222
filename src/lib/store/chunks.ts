import type { FeedArticle } from '../feed/folder';
import type { ArticleText } from '../model/article';
import type { CatalogChunkRecord, TextBlockRecord } from './records';
import { blockKey, chunkKey, TEXT_BLOCK_SIZE } from './keys';

/** What a chunk stores per article, whatever it was read from. */
export interface ChunkArticle extends ArticleText {
  /** Epoch ms, or null. */
  date: number | null;
  /** Minutes east of UTC the date was written in; 0 when unknown. */
  dateOffset?: number;
  topics: readonly string[];
  bodyBytes: number;
}

export function fromFeedArticle(article: FeedArticle, defaultAuthor: string | null): ChunkArticle {
  const date = article.date === null ? Number.NaN : Date.parse(article.date);
  return {
    id: article.id,
    slug: article.slug,
    url: article.url,
    title: article.title,
    author: article.author ?? defaultAuthor,
    summary: article.summary,
    summaryTruncated: article.summaryTruncated,
    words: article.words,
    readingMinutes: article.readingMinutes,
    bodyHref: article.body?.href ?? null,
    bodyHash: article.body?.hash ?? null,
    date: Number.isNaN(date) ? null : date,
    dateOffset: article.dateOffset ?? 0,
    topics: article.topics,
    bodyBytes: article.body?.bytes ?? 0,
  };
}

/** Splits one shard's articles into a columnar chunk and its text blocks. */
export function buildChunk(
  sourceId: string,
  shardKey: string,
  hash: string,
  articles: readonly ChunkArticle[],
): { chunk: CatalogChunkRecord; blocks: TextBlockRecord[] } {
  const key = chunkKey(sourceId, shardKey, hash);
  const count = articles.length;
  const dates = new Float64Array(count);
  const offsets = new Int16Array(count);
  const topicStarts = new Uint32Array(count + 1);
  const bodyBytes = new Uint32Array(count);
  const hasBody = new Uint8Array(count);
  const topicDict: string[] = [];
  const dictIndex = new Map<string, number>();
  const refs: number[] = [];
  const blocks: TextBlockRecord[] = [];

  articles.forEach((article, i) => {
    dates[i] = article.date ?? Number.NaN;
    offsets[i] = article.dateOffset ?? 0;
    topicStarts[i] = refs.length;
    for (const topic of article.topics) {
      let ref = dictIndex.get(topic);
      if (ref === undefined) {
        ref = topicDict.push(topic) - 1;
        dictIndex.set(topic, ref);
      }
      refs.push(ref);
    }
    bodyBytes[i] = article.bodyBytes;
    hasBody[i] = article.bodyHref === null ? 0 : 1;
    const blockNumber = Math.floor(i / TEXT_BLOCK_SIZE);
    let block = blocks[blockNumber];
    if (!block) blocks.push((block = { key: blockKey(key, blockNumber), chunk: key, rows: [] }));
    block.rows.push(textOf(article));
  });
  topicStarts[count] = refs.length;

  return {
    chunk: {
      key,
      sourceId,
      shardKey,
      hash,
      count,
      ids: articles.map((a) => a.id),
      dates,
      offsets,
      topicDict,
      topicStarts,
      topicRefs: Uint32Array.from(refs),
      bodyBytes,
      hasBody,
      blockSize: TEXT_BLOCK_SIZE,
    },
    blocks,
  };
}

function textOf(article: ChunkArticle): ArticleText {
  return {
    id: article.id,
    slug: article.slug,
    url: article.url,
    title: article.title,
    author: article.author,
    summary: article.summary,
    summaryTruncated: article.summaryTruncated,
    words: article.words,
    readingMinutes: article.readingMinutes,
    bodyHref: article.bodyHref,
    bodyHash: article.bodyHash,
  };
}
