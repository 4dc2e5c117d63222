import { parseFeed } from '../feed/formats/detect';
import { normalizeParsedFeed, type NormalizedFeed } from '../feed/formats/toFolio';
import { cleanBody } from '../html/clean';
import { articleKey } from '../model/article';
import type { Source, SourceRef } from '../model/source';
import type { SyncResult } from '../model/sync';
import type { FolioDb } from '../store/FolioDb';
import { bodyRecord } from '../store/bodies';
import { shardChanges, writeShards } from '../store/shards';
import type { Environment } from './environment';
import { toAppError } from './errors';
import { feedContent } from './feedContent';
import { followPages } from './feedPages';
import { fetchFeedText } from './fetchFeedText';

/**
 * Stores a feed document's articles as one transaction. A feed shows only its latest items, so
 * articles that left it are kept, with their text and reader state; a failure changes nothing.
 * The bodies of changed articles are bounded and sanitised here, before they are stored.
 */
export async function storeFeed(db: FolioDb, ref: SourceRef, feed: NormalizedFeed, now: number): Promise<SyncResult> {
  const content = feedContent(feed);
  const { changed, drop } = await shardChanges(db, ref.id, content.shards, ({ shard, hash }) => ({ key: shard.key, hash }));
  const changedIds = new Set(changed.flatMap(({ shard }) => shard.articles.map((a) => a.id)));
  const urls = new Map(feed.articles.map((a) => [a.id, a.url]));
  const source: Source = {
    id: ref.id,
    kind: ref.kind ?? 'feed',
    feedUrl: ref.feedUrl,
    title: feed.title || ref.feedUrl,
    description: feed.description,
    homepage: feed.homepage,
    author: feed.author,
    topicNames: content.topicNames,
    articleCount: content.articleCount,
    feedGeneratedAt: null,
    lastSyncedAt: now,
  };
  const counts = await writeShards(db, {
    sourceId: ref.id,
    incoming: changed,
    drop,
    keepMissing: true,
    defaultAuthor: feed.author,
    source,
    bodies: content.bodies
      .filter((b) => changedIds.has(b.id))
      .map((b) => bodyRecord(articleKey(ref.id, b.id), b.hash, cleanBody(b.html, urls.get(b.id) ?? ''), now)),
  });
  return { sourceId: ref.id, title: source.title, ...counts, shardsFetched: changed.length, articleCount: content.articleCount, syncedAt: now, listPages: feed.listPages };
}

const encoder = new TextEncoder();

/** A feed document read from `url`, with the `next` pages of a paged Hugo index fetched and read too. */
export async function readFeedPages(text: string, url: string, env: Environment): Promise<NormalizedFeed> {
  const first = parseFeed(text, { url });
  if (!first.next) return normalizeParsedFeed(first);
  const read = async (next: string) => ({ text: await fetchFeedText(env.fetcher, next, env.online), url: next });
  return normalizeParsedFeed((await followPages(first, encoder.encode(text).byteLength, read)).feed);
}

/** Re-reads a feed document from its address and stores what changed. */
export async function syncFeedUrl(db: FolioDb, ref: SourceRef, env: Environment): Promise<SyncResult> {
  try {
    const text = await fetchFeedText(env.fetcher, ref.feedUrl, env.online);
    return await storeFeed(db, ref, await readFeedPages(text, ref.feedUrl, env), env.now());
  } catch (error) {
    throw toAppError(error, ref.feedUrl);
  }
}
