import type { ArticleRecord } from '../db/records';

/** The article rows as the list needs them: newest first, undated last, with a position per key. */
export interface Catalog {
  articles: readonly ArticleRecord[];
  positions: ReadonlyMap<string, number>;
  /** Topic slug → display name, merged over all sources. */
  topicNames: ReadonlyMap<string, string>;
}

export function compareNewestFirst(a: ArticleRecord, b: ArticleRecord): number {
  if (a.date === b.date) return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return b.date - a.date;
}

export function buildCatalog(rows: readonly ArticleRecord[], topicNames: ReadonlyMap<string, string> = new Map()): Catalog {
  const articles = [...rows].sort(compareNewestFirst);
  return {
    articles,
    positions: new Map(articles.map((a, i) => [a.key, i])),
    topicNames,
  };
}

export const EMPTY_CATALOG: Catalog = buildCatalog([]);

/** Falls back to the slug for a topic no manifest names. */
export function topicName(catalog: Catalog, slug: string): string {
  return catalog.topicNames.get(slug) ?? slug;
}
