import type { Transaction } from 'dexie';
import { newestFirst } from '../model/order';
import { buildChunk, type ChunkArticle } from './chunks';

/** An article row as schema v1 stored it. */
interface V1ArticleRow {
  key: string;
  sourceId: string;
  id: string;
  slug: string;
  url: string;
  title: string;
  date: number | null;
  topics: string[];
  author: string | null;
  summary: string;
  summaryTruncated: boolean;
  words: number;
  readingMinutes: number;
  bodyHref: string | null;
  bodyHash: string | null;
  bodyBytes: number;
  shard: string;
}

interface V1ShardRow {
  key: string;
  sourceId: string;
  hash: string;
}

/** v7 → v8: each source's topic names, stored as a plain object until now, become a Map. */
export async function topicNamesToMaps(tx: Transaction): Promise<void> {
  await tx
    .table('sources')
    .toCollection()
    .modify((source: { topicNames?: Record<string, string> | Map<string, string> }) => {
      if (!(source.topicNames instanceof Map)) source.topicNames = new Map(Object.entries(source.topicNames ?? {}));
    });
}

/**
 * v4 → v5: chunks gain a column of date offsets. Older chunks were written without them, so their
 * dates count as written in UTC, as they were shown before; a later sync of a changed shard fills them in.
 */
export async function addDateOffsets(tx: Transaction): Promise<void> {
  await tx
    .table('catalog')
    .toCollection()
    .modify((chunk: { count: number; offsets?: Int16Array }) => {
      if (!(chunk.offsets instanceof Int16Array)) chunk.offsets = new Int16Array(chunk.count);
    });
}

/**
 * v1 → v2: regroups the per-article rows into columnar chunks, one per stored shard, keeping the
 * shard hashes so the next sync fetches nothing new. Reader state and bodies are untouched.
 */
export async function upgradeRowsToChunks(tx: Transaction): Promise<void> {
  const rows = (await tx.table('articles').toArray()) as V1ArticleRow[];
  const shards = new Map(((await tx.table('shards').toArray()) as V1ShardRow[]).map((s) => [s.key, s]));
  const byShard = new Map<string, V1ArticleRow[]>();
  for (const row of rows) {
    const list = byShard.get(row.shard);
    if (list) list.push(row);
    else byShard.set(row.shard, [row]);
  }
  for (const [shard, list] of byShard) {
    list.sort((a, b) => newestFirst(a.date, b.date));
    const sourceId = list[0]?.sourceId ?? '';
    const shardKey = shard.slice(sourceId.length + 1);
    const articles: ChunkArticle[] = list.map(({ key: _key, sourceId: _source, shard: _shard, ...article }) => article);
    const { chunk, blocks } = buildChunk(sourceId, shardKey, shards.get(shard)?.hash ?? '', articles);
    await tx.table('catalog').add(chunk);
    await tx.table('texts').bulkAdd(blocks);
  }
}
