import { cleanBody } from '../html/clean';
import { isInlineBody } from '../model/article';
import { AppError } from '../model/error';
import type { FolioDb } from '../store/FolioDb';
import { readBody, storeBody } from '../store/bodies';
import type { BodyRecord } from '../store/records';
import { toAppError } from './errors';
import { FetchFailure, fetchLimited, type Fetch } from './fetchLimited';
import { answerWithoutNetwork, isSanitized, storedResult, type BodyRequest, type BodyResult } from './storedBody';

/**
 * The body for the detail view, in the worker: the stored copy when it is current, otherwise
 * fetched, bounded, sanitised and stored for offline reading. A copy stored by an older release
 * is sanitised once here, never on the page. An older copy beats none when the network fails.
 */
export async function loadBody(db: FolioDb, request: BodyRequest, fetcher: Fetch = fetch): Promise<BodyResult> {
  let stored = request.bodyHref === null ? undefined : await readBody(db, request.key);
  const answer = answerWithoutNetwork(request, stored);
  if (answer) return answer;
  const { key, bodyHref, bodyHash } = request as BodyRequest & { bodyHref: string; bodyHash: string };
  if (stored && !isSanitized(stored)) stored = await resanitize(db, stored, request.url);
  if (stored && stored.hash === bodyHash) return storedResult(stored, false);
  // Text that came inside a feed document has no file of its own: the next sync brings it back.
  if (isInlineBody(bodyHref)) {
    if (stored) return storedResult(stored, true);
    return { state: 'not-downloaded', reason: 'Its text comes with the feed and returns at the next sync.' };
  }
  try {
    const body = cleanBody(await fetchBody(fetcher, new URL(bodyHref, request.feedUrl)), request.url);
    await storeBody(db, key, bodyHash, body);
    return { state: 'stored', ...body, stale: false };
  } catch (error) {
    if (stored) return storedResult(stored, true);
    return { state: 'not-downloaded', reason: toAppError(error, 'the article').message };
  }
}

async function resanitize(db: FolioDb, stored: BodyRecord, articleUrl: string): Promise<BodyRecord> {
  const body = cleanBody(stored.html, articleUrl);
  return storeBody(db, stored.key, stored.hash, body, stored.storedAt);
}

/** An article's HTML file, within the size limit of any download. */
export async function fetchBody(fetcher: Fetch, url: URL): Promise<string> {
  try {
    const { bytes } = await fetchLimited(url.href, { fetcher });
    return new TextDecoder().decode(bytes);
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    if (error.reason === 'http') throw new AppError('http', `The feed server answered ${error.status ?? error.message} for the article.`);
    // Too large counts as one article that failed, like a 404, not as a network failure.
    if (error.reason === 'too-large') throw new AppError('http', `The article is ${error.message}, more than Folio reads.`);
    if (error.reason === 'timeout') throw new AppError('timeout', 'The server took too long to send the article.');
    throw new TypeError(error.message);
  }
}
