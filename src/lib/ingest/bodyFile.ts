/** An article's body file: fetched within the download limit, and asked for ahead of the code that cleans it. */
import { isInlineBody } from '../model/article';
import { AppError } from '../model/error';
import { FetchFailure, fetchLimited, type Fetch } from './fetchLimited';
import type { BodyRequest } from './storedBody';

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

/** A body file on its way before its job knows it needs it; `cancel` drops it when it turns out not to. */
export interface BodyAhead {
  text: Promise<string>;
  cancel(): void;
}

/**
 * Starts fetching the file a body request names, if any. The page asks the worker for a body only
 * when it has no current copy, so the file is nearly always wanted: asking for it beside the code
 * that cleans it and the stored copy, rather than after them, spares a reader who opens an article
 * while a first sync keeps the worker busy two waits.
 */
export function fetchBodyAhead(request: BodyRequest, fetcher: Fetch = fetch): BodyAhead | null {
  if (request.bodyHref === null || request.bodyHash === null || isInlineBody(request.bodyHref)) return null;
  const stop = new AbortController();
  const stoppable: Fetch = (input, init) => fetcher(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, stop.signal]) : stop.signal });
  const text = fetchBody(stoppable, new URL(request.bodyHref, request.feedUrl));
  // Observed by the job when it uses the file; a cancelled or unused one must not be reported as unhandled.
  text.catch(() => undefined);
  return { text, cancel: () => stop.abort() };
}
