import { FEED_FORMAT } from '../feed/folder';
import { readFeed } from '../feed/formats/toFolio';
import { hash48 } from '../feed/hash';
import { AppError } from '../model/error';
import type { SyncResult } from '../model/sync';
import type { FolioDb } from '../store/FolioDb';
import { readSource } from '../store/sources';
import type { Environment } from './environment';
import { toAppError } from './errors';
import { readFeedPages, storeFeed } from './feedDocument';
import { fetchFeedText } from './fetchFeedText';
import { syncFolder } from './folder';

function isFolioManifest(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === FEED_FORMAT;
  } catch {
    return false;
  }
}

/** A stable id for an address, so adding the same feed twice finds the existing source. */
export const sourceIdFor = (address: string): string => `s-${hash48(address).slice(0, 12)}`;

/**
 * Adds a feed by URL: a Folio feed folder (its folder or manifest.json) or any feed document.
 * Nothing is stored unless the feed reads; the error says why it did not.
 */
export async function addSourceByUrl(db: FolioDb, address: string, env: Environment): Promise<SyncResult> {
  let url: URL;
  try {
    url = new URL(address.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new AppError('format', `"${address}" is not a web address: it should start with https://.`);
  }
  try {
    const text = await fetchFeedText(env.fetcher, url.href, env.online);
    if (isFolioManifest(text)) {
      const feedUrl = new URL('.', url).href;
      const existed = (await readSource(db, sourceIdFor(feedUrl))) !== undefined;
      return { ...(await syncFolder(db, { id: sourceIdFor(feedUrl), kind: 'folio', feedUrl }, env)), existed };
    }
    const feed = await readFeedPages(text, url.href, env);
    const existed = (await readSource(db, sourceIdFor(url.href))) !== undefined;
    return { ...(await storeFeed(db, { id: sourceIdFor(url.href), kind: 'feed', feedUrl: url.href }, feed, env.now())), existed };
  } catch (error) {
    throw toAppError(error, url.href);
  }
}

/**
 * Adds a feed from a file's text (it works offline). The source is the feed itself, known by its
 * home page (or, without one, its title), never by the file's name: two blogs' `index.xml` files
 * are two sources, and the same feed saved again updates its source, reader state kept.
 */
export async function addSourceFromFile(db: FolioDb, name: string, text: string, now: number = Date.now()): Promise<SyncResult> {
  try {
    const feed = readFeed(text);
    const id = sourceIdFor(`file:${feed.homepage ?? `${feed.title}\u0000${name}`}`);
    const existed = (await readSource(db, id)) !== undefined;
    return { ...(await storeFeed(db, { id, kind: 'file', feedUrl: name }, feed, now)), existed };
  } catch (error) {
    throw toAppError(error, name);
  }
}
