/** Reading a shard file, of either version, into full article records held to every limit. */
import { COLUMN_SHARD_VERSION, FEED_VERSION, SHARD_FORMAT, type FeedArticle, type FeedShard, type FeedShardRef } from './folder';
import { addWarning, uniqueById } from './ids';
import { columnRows } from './shardColumns';
import { parseArticle, parseArticleFields } from './validate';
import { Reader } from './reader';

export interface ShardOptions {
  /**
   * The key the manifest lists the shard under. When given it wins over the shard's own `key` (with
   * a warning when they differ): the manifest decides what is fetched and dropped, so the stored
   * shard must carry the same key, or it would be fetched again and never dropped.
   */
  key?: string;
  /** Receives what was repaired: repeated ids, replaced ids, ignored topics, a key mismatch. */
  warnings?: string[];
}

const SHARD_VERSIONS = [FEED_VERSION, COLUMN_SHARD_VERSION] as const;

export function parseShard(json: unknown, file: string, options: ShardOptions = {}): FeedShard {
  const { warnings } = options;
  const r = new Reader(file);
  const o = r.object(json, '$');
  const format = r.literal(o.format, SHARD_FORMAT, '$.format');
  const version = r.oneOf(o.version, SHARD_VERSIONS, '$.version');
  const ownKey = r.string(o.key, '$.key');
  const key = options.key ?? ownKey;
  if (key !== ownKey) addWarning(warnings, `${file}: the shard calls itself ${JSON.stringify(ownKey)}; read as the manifest's ${JSON.stringify(key)}.`);
  let articles: FeedArticle[];
  if (version === FEED_VERSION) {
    articles = r.array(o.articles, '$.articles').map((a, i) => parseArticle(r, a, `$.articles[${i}]`, warnings));
  } else {
    const { rows, at } = columnRows(r, o);
    articles = rows.map((row, i) => parseArticleFields(r, row, (field) => at(i, field), warnings));
  }
  return { format, version, key, articles: uniqueById(articles, file, warnings) };
}

/** parseShard for a shard the manifest lists as `ref`: the manifest's key wins. */
export function readShard(json: unknown, ref: FeedShardRef, warnings?: string[]): FeedShard {
  return parseShard(json, ref.href, warnings === undefined ? { key: ref.key } : { key: ref.key, warnings });
}
