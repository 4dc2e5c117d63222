import { isInlineBody, type Article } from '../model/article';
import { AppError } from '../model/error';
import type { FolioDb } from '../store/FolioDb';
import { readBody, storeBody } from '../store/bodies';
import type { BodyRecord } from '../store/records';
import { toAppError } from './errors';
import { FETCH_TIMEOUT_MS, type Fetch } from './fetchLimited';

export type BodyResult =
  | { state: 'stored'; html: string; stale: boolean }
  | { state: 'link-only' }
  | { state: 'not-downloaded'; reason: string };

/** What it takes to find, fetch and store one article's text; plain data, so it can go to the worker. */
export type BodyRequest = Pick<Article, 'key' | 'bodyHref' | 'bodyHash'> & { feedUrl: string };

/** The answer that needs no network: no body at all, or a stored copy that is current. Null otherwise. */
export function answerWithoutNetwork(request: BodyRequest, stored: BodyRecord | undefined): BodyResult | null {
  if (request.bodyHref === null || request.bodyHash === null) return { state: 'link-only' };
  if (stored && stored.hash === request.bodyHash) return { state: 'stored', html: stored.html, stale: false };
  return null;
}

/** The stored copy, when it is current: the reader shows it without waiting for the worker. */
export async function currentCopy(db: FolioDb, request: BodyRequest): Promise<BodyResult | null> {
  return answerWithoutNetwork(request, request.bodyHref === null ? undefined : await readBody(db, request.key));
}

/**
 * The body for the detail view: the stored copy when it is current, otherwise fetched and
 * stored for offline reading. An older stored copy beats no copy when the network fails.
 */
export async function loadBody(db: FolioDb, request: BodyRequest, fetcher: Fetch = fetch): Promise<BodyResult> {
  const stored = request.bodyHref === null ? undefined : await readBody(db, request.key);
  const answer = answerWithoutNetwork(request, stored);
  if (answer) return answer;
  const { key, bodyHref, bodyHash } = request as BodyRequest & { bodyHref: string; bodyHash: string };
  // Text that came inside a feed document has no file of its own: the next sync brings it back.
  if (isInlineBody(bodyHref)) {
    if (stored) return { state: 'stored', html: stored.html, stale: true };
    return { state: 'not-downloaded', reason: 'Its text comes with the feed and returns at the next sync.' };
  }
  try {
    const html = await fetchBody(fetcher, new URL(bodyHref, request.feedUrl));
    await storeBody(db, key, bodyHash, html);
    return { state: 'stored', html, stale: false };
  } catch (error) {
    if (stored) return { state: 'stored', html: stored.html, stale: true };
    return { state: 'not-downloaded', reason: toAppError(error, 'the article').message };
  }
}

export async function fetchBody(fetcher: Fetch, url: URL): Promise<string> {
  const response = await fetcher(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new AppError('http', `The feed server answered ${response.status} for the article.`);
  return response.text();
}
