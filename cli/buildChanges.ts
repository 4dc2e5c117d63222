/**
 * The change log's articles as a rebuild learns them, month by month, so the delta needs no shard
 * read again: comparing every rewritten month's old and new shards parsed 200,000 articles at 100k
 * after a scattered 1 % edit. An article is in the delta when it is new, moved to another shard, or
 * rendered again into a different record; one taken over from the last build in the same shard is
 * the same by construction.
 */
import type { FeedArticle, FeedColumnShard } from '../src/lib/feed/folder';
import type { IndexableDoc } from '../src/lib/search/build';
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

/**
 * A written shard's articles a delta carries. `sameMonth` holds the ids rendered this time, each
 * with whether the last build had it in this shard's month; `old` gives the last build's articles of
 * the month, read only when needed (a month whose posts were all rendered).
 */
export function shardChanges(key: string, articles: readonly FeedArticle[], sameMonth: ReadonlyMap<string, boolean>, old: () => ReadonlyMap<string, OldArticle>): FeedArticle[] {
  return articles.flatMap((article) => {
    const wasHere = sameMonth.get(article.id);
    if (wasHere === undefined) return old().get(article.id)?.shard === key ? [] : [article];
    const stored = asStored(key, article);
    if (!wasHere) return [stored];
    const was = old().get(article.id);
    return was?.shard === key && JSON.stringify(was.article) === JSON.stringify(stored) ? [] : [stored];
  });
}

/** Changed articles' docs held for the delta's segment: a 1 % rebuild at 100k has 1,000. */
const DOCS_HELD = 10_000;

export class BuildChanges {
  readonly #byShard = new Map<string, readonly FeedArticle[]>();
  /** The changed articles as their segments indexed them, while there are few enough to hold. */
  #docs: Map<string, IndexableDoc> | null = new Map();
  /** The last build's articles, by id: the month each was in. */
  readonly #monthOf = new Map<string, string>();

  constructor(previous: Previous) {
    for (const record of previous.cache.posts) if (isKept(record) && record.id !== undefined) this.#monthOf.set(record.id, record.month ?? '');
  }

  /** Whether the last build had this id in `month`. */
  wasIn(id: string, month: string): boolean {
    return this.#monthOf.get(id) === month;
  }

  /** Notes a written shard's changed articles (shardChanges). */
  shard(key: string, changed: readonly FeedArticle[], docs: readonly IndexableDoc[]): void {
    if (changed.length > 0) this.#byShard.set(key, changed);
    if (this.#docs === null) return;
    for (const doc of docs) this.#docs.set(doc.id, doc);
    // Past this, the delta's segment reads its docs back from the shards' segments instead.
    if (this.#docs.size > DOCS_HELD) this.#docs = null;
  }

  /** The delta's articles in the order of the new shards, and the ids no longer built (sorted). */
  known(shardKeys: readonly string[], records: Collected['records']): KnownChanges {
    const now = new Set(keptIds(records));
    return {
      articles: shardKeys.flatMap((shard) => (this.#byShard.get(shard) ?? []).map((article) => ({ shard, article }))),
      removed: [...this.#monthOf.keys()].filter((id) => !now.has(id)).sort(),
      docs: this.#docs,
    };
  }
}
