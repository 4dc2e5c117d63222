/**
 * Shards this builder wrote, read back without holding every field to the feed's limits again:
 * a rebuild after a scattered 1 % edit reads all 100,000 articles back, and validating them took
 * most of that. A shard counts as the builder's own when its bytes still have the hash its name
 * and the manifest give; anything else goes through the feed's full reader (parseShard).
 */
import { COLUMN_SHARD_VERSION, type FeedArticle, type FeedColumnShard, type SparseColumn } from '../src/lib/feed/folder';
import { readingMinutes } from '../src/lib/feed/normalize';
import { parseShard } from '../src/lib/feed/shard';
import { bodyHref, expandUrl } from '../src/lib/feed/shardColumns';
import { hash16 } from './feedFiles';

const sparse = <T>(column: SparseColumn<T> | undefined, i: number): T | undefined => column?.[i];

/** A columnar shard's articles, field for field as parseShard gives a valid one. */
export function decodeOwnColumns(shard: FeedColumnShard): FeedArticle[] {
  const { columns: c, topics, authors } = shard;
  const template = shard.urlTemplate ?? null;
  return c.id.map((id, i): FeedArticle => {
    const slug = sparse(c.slug, i) ?? id;
    const words = c.words[i] as number;
    const offset = sparse(c.dateOffset, i);
    const author = c.author[i];
    const body = c.body[i];
    return {
      id,
      slug,
      url: sparse(c.url, i) ?? expandUrl(template, slug),
      title: c.title[i] as string,
      date: c.date[i] ?? null,
      ...(offset !== undefined && offset !== 0 ? { dateOffset: offset } : {}),
      topics: (c.topics[i] ?? []).map((t) => topics[t] as string),
      author: author === null || author === undefined ? null : (authors[author] ?? null),
      summary: c.summary[i] as string,
      summaryTruncated: c.summaryTruncated?.[i] === 1,
      words,
      readingMinutes: sparse(c.readingMinutes, i) ?? readingMinutes(words),
      body: body ? { href: sparse(c.bodyHref, i) ?? bodyHref(id, body[0]), hash: body[0], bytes: body[1] } : null,
    };
  });
}

/** A shard file's articles: decoded directly when it is this builder's own columnar shard, else read and checked in full. */
export function readOwnShard(bytes: Buffer, href: string, hash: string): FeedArticle[] {
  const json = JSON.parse(bytes.toString('utf8')) as unknown;
  const own = hash16(bytes) === hash && (json as { version?: unknown }).version === COLUMN_SHARD_VERSION;
  return own ? decodeOwnColumns(json as FeedColumnShard) : parseShard(json, href).articles;
}
