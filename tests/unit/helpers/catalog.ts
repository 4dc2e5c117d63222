import type { Article } from '../../../src/lib/model/article';
import { buildChunk, type ChunkArticle } from '../../../src/lib/store/chunks';
import { buildCatalog, keyAt, type Catalog, type CatalogSource } from '../../../src/lib/catalog/catalog';

export interface Row {
  id: string;
  date: string | null;
  topics: string[];
  /** Minutes east of UTC the date was written in. */
  offset?: number;
}

/** Catalogue metadata for a few articles; other fields get placeholders. */
export function chunkArticle({ id, date, topics, offset = 0 }: Row): ChunkArticle {
  return {
    id, slug: id, url: `https://blog.test/${id}/`, title: id, author: null, summary: '', summaryTruncated: false,
    words: 1, readingMinutes: 1, bodyHref: null, bodyHash: null, date: date === null ? null : Date.parse(date), dateOffset: offset, topics, bodyBytes: 0,
  };
}

/** One catalogue from shards of rows: `{ shardKey: rows }`, all in source "s" unless keyed "source:shard". */
export function catalogOf(shards: Record<string, Row[]>, sources: CatalogSource[] = []): Catalog {
  const chunks = Object.entries(shards).map(([name, rows]) => {
    const [sourceId, shardKey] = name.includes(':') ? (name.split(':') as [string, string]) : ['s', name];
    return buildChunk(sourceId, shardKey, 'h', rows.map(chunkArticle)).chunk;
  });
  return buildCatalog(chunks, sources);
}

/** A catalogue of whole articles (one chunk per source), with the chunks and text blocks to store. */
export function catalogOfArticles(articles: readonly Article[]) {
  const bySource = new Map<string, Article[]>();
  for (const article of articles) bySource.set(article.sourceId, [...(bySource.get(article.sourceId) ?? []), article]);
  const built = [...bySource].map(([sourceId, list]) =>
    buildChunk(sourceId, 'all', 'h', [...list].sort((a, b) => (b.date ?? -Infinity) - (a.date ?? -Infinity))),
  );
  return {
    catalog: buildCatalog(built.map((b) => b.chunk)),
    chunks: built.map((b) => b.chunk),
    blocks: built.flatMap((b) => b.blocks),
  };
}

/** Every key of a catalogue, in list order. */
export const keysOf = (catalog: Catalog): string[] => Array.from({ length: catalog.size }, (_, p) => keyAt(catalog, p));
