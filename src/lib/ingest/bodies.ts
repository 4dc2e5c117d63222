import type { FolioDb } from '../store/FolioDb';
import { isInlineBody } from './feedContent';
import type { Article } from '../catalog/article';
import type { Fetch } from './folderFetch';
import { toSyncError, SyncError } from './errors';

export type BodyResult =
  | { state: 'stored'; html: string; stale: boolean }
  | { state: 'link-only' }
  | { state: 'not-downloaded'; reason: string };

/**
 * The body for the detail view: the stored copy when it is current, otherwise fetched and
 * stored for offline reading. An older stored copy beats no copy when the network fails.
 */
export async function loadBody(db: FolioDb, article: Article, feedUrl: string, fetcher: Fetch = fetch): Promise<BodyResult> {
  if (article.bodyHref === null || article.bodyHash === null) return { state: 'link-only' };
  const stored = await db.bodies.get(article.key);
  if (stored && stored.hash === article.bodyHash) return { state: 'stored', html: stored.html, stale: false };
  // Text that came inside a feed document has no file of its own: the next sync brings it back.
  if (isInlineBody(article.bodyHref)) {
    if (stored) return { state: 'stored', html: stored.html, stale: true };
    return { state: 'not-downloaded', reason: 'Its text comes with the feed and returns at the next sync.' };
  }
  try {
    const html = await fetchBody(fetcher, new URL(article.bodyHref, feedUrl));
    await db.bodies.put({ key: article.key, hash: article.bodyHash, html, storedAt: Date.now() });
    return { state: 'stored', html, stale: false };
  } catch (error) {
    if (stored) return { state: 'stored', html: stored.html, stale: true };
    return { state: 'not-downloaded', reason: toSyncError(error, 'the article').message };
  }
}

export async function fetchBody(fetcher: Fetch, url: URL): Promise<string> {
  const response = await fetcher(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new SyncError('http', `The feed server answered ${response.status} for the article.`);
  return response.text();
}
