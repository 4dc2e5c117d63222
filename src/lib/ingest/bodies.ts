import { cleanBody } from '../html/clean';
import { isInlineBody } from '../model/article';
import type { FolioDb } from '../store/FolioDb';
import { readBody, storeBody } from '../store/bodies';
import type { BodyRecord } from '../store/records';
import { fetchBody, type BodyAhead } from './bodyFile';
import { toAppError } from './errors';
import type { Fetch } from './fetchLimited';
import { answerWithoutNetwork, isSanitized, storedResult, type BodyRequest, type BodyResult } from './storedBody';

/**
 * The body for the detail view, in the worker: the stored copy when it is current, otherwise
 * fetched (or taken from `ahead`, its file already asked for), bounded, sanitised and stored for
 * offline reading. A copy stored by an older release is sanitised once here, never on the page.
 * An older copy beats none when the network fails.
 */
export async function loadBody(db: FolioDb, request: BodyRequest, fetcher: Fetch = fetch, ahead: BodyAhead | null = null): Promise<BodyResult> {
  try {
    return await bodyFor(db, request, fetcher, ahead);
  } finally {
    // A file asked for ahead and not used (a stored copy answered) is not downloaded to the end.
    ahead?.cancel();
  }
}

async function bodyFor(db: FolioDb, request: BodyRequest, fetcher: Fetch, ahead: BodyAhead | null): Promise<BodyResult> {
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
    const html = await (ahead?.text ?? fetchBody(fetcher, new URL(bodyHref, request.feedUrl)));
    const body = cleanBody(html, request.url);
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
