import { MAX_FEED_BYTES } from '../feed/formats/limits';
import { decodeFeedBytes } from '../feed/formats/decode';
import type { Fetch } from './folderFetch';
import { SyncError } from '../model/error';

const TIMEOUT_MS = 30_000;

export const CORS_HINT =
  'The site does not let other sites read its feed (CORS). Host the feed next to Folio, or build it into a feed folder with `npm run feed -- build <url> --out public/feed`.';

/**
 * Fetches a feed document with a size limit, explaining each failure in a sentence: not found,
 * blocked by CORS, too large, too slow. A browser reports a CORS refusal and a dead network
 * alike (a TypeError), so `online` tells them apart.
 */
export async function fetchFeedText(fetcher: Fetch, url: string, online: boolean): Promise<string> {
  let response: Response;
  try {
    response = await fetcher(url, { cache: 'no-cache', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError') throw new SyncError('timeout', `${url} took more than ${TIMEOUT_MS / 1000} seconds to answer.`);
    if (!online) throw new SyncError('offline', 'You are offline: connect to the network to add or sync a feed by URL.');
    throw new SyncError('cors', `Could not read ${url}. ${CORS_HINT}`);
  }
  if (response.status === 404) throw new SyncError('http', `${url} was not found (404). Check the address.`);
  if (!response.ok) throw new SyncError('http', `${url} answered ${response.status} ${response.statusText}`.trim() + '.');
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_FEED_BYTES) throw tooLarge(url);
  const bytes = await readLimited(response, url);
  return decodeFeedBytes(bytes, response.headers.get('content-type'));
}

function tooLarge(url: string): SyncError {
  return new SyncError('too-large', `${url} is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB, the most Folio reads from one feed.`);
}

async function readLimited(response: Response, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FEED_BYTES) {
      await reader.cancel();
      throw tooLarge(url);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}
