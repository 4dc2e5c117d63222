import { decodeFeedBytes } from '../feed/formats/decode';
import { AppError } from '../model/error';
import { FETCH_TIMEOUT_MS, FetchFailure, fetchLimited, type Fetch } from './fetchLimited';

/** The one-line reason; the explanation and hosting advice are the page's to show (display/hosting.ts). */
export const CORS_HINT = 'Its site does not let other sites read the feed.';

/**
 * Fetches a feed document with the shared limits, explaining each failure in a sentence: not
 * found, a bad redirect, too large, too slow. A browser reports a CORS refusal, a dead network
 * and a bad redirect alike (a TypeError): `online` tells the first from the second, and following
 * the redirects by hand finds the third when the browser lets it see them; else it says all three.
 */
export async function fetchFeedText(fetcher: Fetch, url: string, online: boolean): Promise<string> {
  try {
    const fetched = await fetchLimited(url, { fetcher, cache: 'no-cache', explainRedirects: online });
    return decodeFeedBytes(fetched.bytes, fetched.contentType);
  } catch (error) {
    throw error instanceof FetchFailure ? explain(error, url, online) : error;
  }
}

function explain(failure: FetchFailure, url: string, online: boolean): AppError {
  switch (failure.reason) {
    case 'timeout':
      return new AppError('timeout', `${url} took more than ${FETCH_TIMEOUT_MS / 1000} seconds to answer.`);
    case 'too-large':
      return new AppError('too-large', `${url} is ${failure.message}, the most Folio reads from one feed.`);
    case 'http':
      if (failure.status === 404) return new AppError('http', `${url} was not found (404). Check the address.`);
      return new AppError('http', `${url} answered ${failure.message}.`);
    case 'broken':
      return new AppError('offline', `The download of ${url} broke off: ${failure.message}`);
    case 'redirect':
      return new AppError('http', `Could not read ${url}: ${failure.message}.`);
    case 'unreachable':
      if (!online) return new AppError('offline', 'You are offline: connect to the network to add or sync a feed by URL.');
      return new AppError('cors', `Could not read ${url} (network error, CORS, or a bad redirect). ${CORS_HINT}`);
  }
}
