/**
 * The change log's articles as a rebuild learns them, month by month, so the delta needs no shard
 * read again: comparing every rewritten month's old and new shards parsed 200,000 articles at 100k
 * after a scattered 1 % edit. An article is in the delta when it is new, moved to another shard, or
 * rendered again into a different record; one taken over from the last build in the same shard is
 * the same by construction.
 */
import type { FeedArticle, FeedColumnShard } from '../src/lib/feed/folder';
import { isKept } from './buildCache';
import type { KnownChanges } from './feedDeltas';
import { shardFile } from './feedFiles';
import { decodeOwnColumns } from './ownShards';
import type { Collected, Previous } from './folderPosts';

/** An article of the last build, with the shard it was in. */
export interface OldArticle {
  shard: string;
  article: FeedArticle;
}

/** An article as a reader of its shard gets it back: the record the delta carries and is compared by. */
const asStored = (shard: string, article: FeedArticle): FeedArticle => decodeOwnColumns(JSON.parse(shardFile(shard, [article]).toString('utf8')) as FeedColumnShard)[0] ?? article;

const keptIds = (records: Collected['records']): string[] => records.flatMap((r) => (isKept(r) && r.id !== undefined ? [r.id] : []));

export class BuildChanges {
  readonly #byShard = new Map<string, FeedArticle[]>();
  /** The last build's articles, by id: the month each was in. */
  readonly #monthOf = new Map<string, string>();

  constructor(previous: Previous) {
    for (const record of previous.cache.posts) if (isKept(record) && record.id !== undefined) this.#monthOf.set(record.id, record.month ?? '');
  }

  /**
   * Notes a written shard's changed articles. `fresh` holds the ids rendered this time; `old` gives the
   * last build's articles of the month, read only when needed (a month whose posts were all rendered).
   */
  shard(key: string, month: string, articles: readonly FeedArticle[], fresh: ReadonlySet<string>, old: () => ReadonlyMap<string, OldArticle>): void {
    const changed = articles.flatMap((article) => {
      if (!fresh.has(article.id)) return old().get(article.id)?.shard === key ? [] : [article];
      const stored = asStored(key, article);
      if (this.#monthOf.get(article.id) !== month) return [stored];
      const was = old().get(article.id);
      return was?.shard === key && JSON.stringify(was.article) === JSON.stringify(stored) ? [] : [stored];
    });
    if (changed.length > 0) this.#byShard.set(key, changed);
  }

  /** The delta's articles in the order of the new shards, and the ids no longer built (sorted). */
  known(shardKeys: readonly string[], records: Collected['records']): KnownChanges {
    const now = new Set(keptIds(records));
    return {
      articles: shardKeys.flatMap((shard) => (this.#byShard.get(shard) ?? []).map((article) => ({ shard, article }))),
      removed: [...this.#monthOf.keys()].filter((id) => !now.has(id)).sort(),
    };
  }
}
