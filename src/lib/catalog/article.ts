import type { Article, ArticleText } from '../model/article';
import { blockKey } from '../store/keys';
import { keyAt, topicsAt, type Catalog } from './catalog';
import { positionOf } from './positions';

/** Where the display text of the article at a position is stored. */
export function textLocation(catalog: Catalog, position: number): { block: string; row: number } | null {
  const chunk = catalog.chunks[catalog.chunkOf[position] ?? 0];
  if (!chunk || position >= catalog.size) return null;
  const row = catalog.rowOf[position] ?? 0;
  return { block: blockKey(chunk.key, Math.floor(row / chunk.blockSize)), row: row % chunk.blockSize };
}

export function assembleArticle(catalog: Catalog, position: number, text: ArticleText): Article {
  const date = catalog.dates[position] ?? Number.NaN;
  return {
    ...text,
    key: keyAt(catalog, position),
    sourceId: catalog.sourceIds[catalog.sourceOf[position] ?? 0] ?? '',
    date: Number.isNaN(date) ? null : date,
    dateOffset: catalog.offsets[position] ?? 0,
    topics: topicsAt(catalog, position),
    bodyBytes: catalog.bodyBytes[position] ?? 0,
  };
}

/** Positions of keys, leaving out unknown ones. */
export function positionsFor(catalog: Catalog, keys: readonly string[]): number[] {
  return keys.flatMap((key) => {
    const position = positionOf(catalog, key);
    return position === undefined ? [] : [position];
  });
}

/** The blocks that hold the given articles' text, each named once. */
export function blocksFor(catalog: Catalog, positions: readonly number[]): string[] {
  const blocks = new Set<string>();
  for (const position of positions) {
    const at = textLocation(catalog, position);
    if (at) blocks.add(at.block);
  }
  return [...blocks];
}

/** Joins positions with their text (a row of a block); null when one is not in memory. */
export function articlesFrom(
  catalog: Catalog,
  positions: readonly number[],
  textOf: (block: string, row: number) => ArticleText | undefined,
): Article[] | null {
  const articles: Article[] = [];
  for (const position of positions) {
    const at = textLocation(catalog, position);
    const text = at ? textOf(at.block, at.row) : undefined;
    if (!text) return null;
    articles.push(assembleArticle(catalog, position, text));
  }
  return articles;
}
