import { articleKey } from '../catalog/catalog';
import type { FolioDb } from '../store/FolioDb';
import type { SourceKind, SourceRecord } from '../store/records';
import { FEED_FORMAT } from '../feed/folder';
import { readFeed, type NormalizedFeed } from '../feed/formats/toFolio';
import { toSyncError } from './errors';
import type { Fetch } from './folderFetch';
import { SyncError } from '../model/error';
import { syncSource } from './folder';
import type { SyncResult } from '../model/sync';
import { shardChanges, writeShards } from '../store/shards';
import { contentHash, feedContent } from './feedContent';
import { fetchFeedText } from './fetchFeedText';

export interface SourceRef {
  id: string;
  kind?: SourceKind;
  feedUrl: string;
}

export interface Environment {
  fetcher: Fetch;
  online: boolean;
  now: () => number;
}

const defaults = (): Environment => ({ fetcher: fetch, online: navigator.onLine, now: Date.now });

/**
 * Stores a whole feed document's articles as one transaction: shards that left the feed are
 * dropped with their bodies, reader state is kept, and a failure changes nothing.
 */
export async function storeFeed(db: FolioDb, ref: SourceRef, feed: NormalizedFeed, now: number): Promise<SyncResult> {
  const content = feedContent(feed);
  const { changed, drop } = await shardChanges(db, ref.id, content.shards, ({ shard, hash }) => ({ key: shard.key, hash }));
  const changedIds = new Set(changed.flatMap(({ shard }) => shard.articles.map((a) => a.id)));
  const source: SourceRecord = {
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
    defaultAuthor: feed.author,
    source,
    bodies: content.bodies
      .filter((b) => changedIds.has(b.id))
      .map((b) => ({ key: articleKey(ref.id, b.id), hash: b.hash, html: b.html, storedAt: now })),
  });
  return { sourceId: ref.id, ...counts, shardsFetched: changed.length, articleCount: content.articleCount, syncedAt: now };
}

function isFolioManifest(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === FEED_FORMAT;
  } catch {
    return false;
  }
}

/** Syncs one source of any kind; a file source has nothing to fetch. */
export async function syncAnySource(db: FolioDb, ref: SourceRef, env: Environment = defaults()): Promise<SyncResult> {
  const kind = ref.kind ?? 'folio';
  if (kind === 'folio') return syncSource(db, { id: ref.id, feedUrl: ref.feedUrl }, env.fetcher, undefined, env.now);
  if (kind === 'file') throw new SyncError('format', 'A source added from a file is not synced: add the file again to update it.');
  try {
    const text = await fetchFeedText(env.fetcher, ref.feedUrl, env.online);
    return await storeFeed(db, ref, readFeed(text, { url: ref.feedUrl }), env.now());
  } catch (error) {
    throw toSyncError(error, ref.feedUrl);
  }
}

/** A stable id for an address, so adding the same feed twice finds the existing source. */
export const sourceIdFor = (address: string): string => `s-${contentHash(address).slice(0, 12)}`;

/**
 * Adds a feed by URL: a Folio feed folder (its folder or manifest.json) or any feed document.
 * Nothing is stored unless the feed reads; the error says why it did not.
 */
export async function addSourceByUrl(db: FolioDb, address: string, env: Environment = defaults()): Promise<SyncResult> {
  let url: URL;
  try {
    url = new URL(address.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new SyncError('format', `"${address}" is not a web address: it should start with https://.`);
  }
  try {
    const text = await fetchFeedText(env.fetcher, url.href, env.online);
    if (isFolioManifest(text)) {
      const feedUrl = new URL('.', url).href;
      return await syncSource(db, { id: sourceIdFor(feedUrl), feedUrl }, env.fetcher, undefined, env.now);
    }
    const feed = readFeed(text, { url: url.href });
    return await storeFeed(db, { id: sourceIdFor(url.href), kind: 'feed', feedUrl: url.href }, feed, env.now());
  } catch (error) {
    throw toSyncError(error, url.href);
  }
}

/** Adds a feed from a file's text (it works offline). */
export async function addSourceFromFile(db: FolioDb, name: string, text: string, now: number = Date.now()): Promise<SyncResult> {
  try {
    const feed = readFeed(text);
    return await storeFeed(db, { id: sourceIdFor(`file:${name}`), kind: 'file', feedUrl: name }, feed, now);
  } catch (error) {
    throw toSyncError(error, name);
  }
}

/** Removes a source with its articles and their stored bodies; other sources and reader state stay. */
export async function removeSource(db: FolioDb, id: string): Promise<number> {
  return db.transaction('rw', [db.sources, db.catalog, db.texts, db.bodies], async () => {
    const chunks = await db.catalog.where('sourceId').equals(id).toArray();
    const keys = chunks.map((c) => c.key);
    await db.texts.where('chunk').anyOf(keys).delete();
    await db.catalog.bulkDelete(keys);
    await db.bodies.where('key').startsWith(`${id}/`).delete();
    await db.sources.delete(id);
    return chunks.reduce((n, c) => n + c.count, 0);
  });
}
