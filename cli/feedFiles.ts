/** Lays out the feed folder (manifest, month shards, bodies) and writes it with a swap. */
import { createHash } from 'node:crypto';
import {
  COLUMN_SHARD_VERSION,
  FEED_FORMAT,
  FEED_VERSION,
  MANIFEST_VERSION,
  SHARD_FORMAT,
  type FeedArticle,
  type FeedManifest,
  type FeedShard,
  type FeedShardRef,
} from '../src/lib/feed/folder';
import { shardByMonth } from '../src/lib/feed/layout';
import { encodeColumns } from '../src/lib/feed/shardColumns';
import { byNewest } from '../src/lib/model/order';
import { searchSegmentFiles } from './feedSearch';
import { stagedWriter } from './feedWriter';

export type ManifestInfo = Omit<FeedManifest, 'format' | 'version' | 'articleCount' | 'shards' | 'revision' | 'deltas'>;

export interface FeedFiles {
  manifest: FeedManifest;
  /** Relative path → bytes, for everything but the manifest. */
  files: Map<string, Buffer>;
}

export function hash16(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

export interface LayoutOptions {
  /** Write each shard's search segment (default true). */
  search?: boolean;
  /** 2 (the default) writes columnar shards; 1 full records, in a version 3 folder, as builders did before. */
  shardVersion?: ShardFileVersion;
}

export type ShardFileVersion = typeof FEED_VERSION | typeof COLUMN_SHARD_VERSION;

/** A shard file's bytes: columnar (version 2) unless full records are asked for. */
export function shardFile(key: string, articles: FeedArticle[], version: ShardFileVersion = COLUMN_SHARD_VERSION): Buffer {
  const shard: FeedShard | ReturnType<typeof encodeColumns> =
    version === COLUMN_SHARD_VERSION ? encodeColumns(key, articles) : { format: SHARD_FORMAT, version: FEED_VERSION, key, articles };
  return Buffer.from(JSON.stringify(shard), 'utf8');
}

export function layoutFeed(
  entries: { article: Omit<FeedArticle, 'body'>; bodyHtml: string | null }[],
  info: ManifestInfo,
  options: LayoutOptions = {},
): FeedFiles {
  const files = new Map<string, Buffer>();
  const bodies = new Map<string, string>();
  const articles: FeedArticle[] = entries.map(({ article, bodyHtml }) => {
    if (bodyHtml === null) return { ...article, body: null };
    bodies.set(article.id, bodyHtml);
    const bytes = Buffer.from(bodyHtml, 'utf8');
    const hash = hash16(bytes);
    const href = `bodies/${article.id}.${hash}.html`;
    files.set(href, bytes);
    return { ...article, body: { href, hash, bytes: bytes.length } };
  });
  articles.sort(byNewest);

  // Articles are sorted newest first, so months come out newest first and "undated" last.
  const shards: FeedShardRef[] = shardByMonth(articles).map(({ key, articles: list }) => {
    const bytes = shardFile(key, list, options.shardVersion);
    const hash = hash16(bytes);
    const href = `index/${key}.${hash}.json`;
    files.set(href, bytes);
    const ref: FeedShardRef = { key, href, hash, count: list.length };
    return options.search === false ? ref : { ...ref, search: searchSegmentFiles(key, list, bodies, info.author, files) };
  });
  const manifest: FeedManifest = {
    format: FEED_FORMAT,
    // Full-record shards make the folder a version 3 one, which older readers take.
    version: options.shardVersion === FEED_VERSION ? 3 : MANIFEST_VERSION,
    ...info,
    articleCount: articles.length,
    shards,
    // A folder built from nothing; feedDeltas.ts moves it on when it rebuilds over an older one.
    revision: 1,
    deltas: [],
  };
  return { manifest, files };
}

/**
 * Writes the feed into a temporary folder next to `out`, then swaps its `bodies/`, `index/`,
 * `search/` and `manifest.json` in (manifest last), so no stale file survives; other files in `out` are kept.
 */
export function writeFeed(out: string, feed: FeedFiles): void {
  const writer = stagedWriter(out);
  try {
    for (const [rel, bytes] of feed.files) writer.put(rel, bytes);
    writer.commit(feed.manifest, new Set(feed.files.keys()));
  } finally {
    writer.dispose();
  }
}
