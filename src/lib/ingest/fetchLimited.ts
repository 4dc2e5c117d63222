/**
 * The one way Folio downloads a feed document, in the app and in the CLI: a time limit, a byte
 * limit checked while the body streams in (a server may send more than it announced, or never
 * stop), and a typed failure that each caller turns into its own sentence.
 */
import { MAX_FEED_BYTES } from '../feed/limits';

export type Fetch = typeof fetch;

export const FETCH_TIMEOUT_MS = 30_000;

export type FetchFailureReason = 'timeout' | 'unreachable' | 'redirect' | 'http' | 'too-large' | 'broken';

export class FetchFailure extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

export interface LimitedFetchOptions {
  fetcher?: Fetch;
  maxBytes?: number;
  timeoutMs?: number;
  cache?: RequestCache;
  headers?: Record<string, string>;
  /**
   * When the address cannot be read, follow its redirects by hand to say whether they are the
   * cause (a loop, a non-web address). Off for article bodies: it costs a second request.
   */
  explainRedirects?: boolean;
}

export interface FetchedBytes {
  bytes: Uint8Array;
  contentType: string | null;
  /** The final address, after redirects. */
  url: string;
}

export async function fetchLimited(url: string, options: LimitedFetchOptions = {}): Promise<FetchedBytes> {
  const { fetcher = fetch, maxBytes = MAX_FEED_BYTES, timeoutMs = FETCH_TIMEOUT_MS } = options;
  let response: Response;
  try {
    response = await fetcher(url, { cache: options.cache, headers: options.headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new FetchFailure('timeout', `no answer within ${timeoutMs / 1000} s`);
    const problem = options.explainRedirects ? await redirectProblem(url, fetcher, timeoutMs) : null;
    if (problem !== null) throw new FetchFailure('redirect', problem);
    // Node names the cause (a refused connection, a bad certificate) beside "fetch failed".
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw new FetchFailure('unreachable', error instanceof Error ? `${error.message}${cause}` : String(error));
  }
  if (!response.ok) throw new FetchFailure('http', `${response.status} ${response.statusText}`.trim(), response.status);
  if (Number(response.headers.get('content-length')) > maxBytes) throw tooLarge(maxBytes);
  return { bytes: await readBody(response, maxBytes), contentType: response.headers.get('content-type'), url: response.url || url };
}

/** Redirects a fetch follows at most (the Fetch standard's limit). */
const MAX_REDIRECTS = 20;

/**
 * Why an address that could not be read fails, when its redirects are the cause, found by
 * following them by hand (`redirect: 'manual'`). Node shows each redirect's target; a browser
 * hides it (an opaque redirect), so there the answer only says that a redirect failed.
 * Null when redirects are not the cause, or the probe cannot tell.
 */
export async function redirectProblem(url: string, fetcher: Fetch, timeoutMs: number = FETCH_TIMEOUT_MS): Promise<string | null> {
  const seen = new Set([url]);
  let current = url;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetcher(current, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      return null;
    }
    void response.body?.cancel().catch(() => undefined);
    if (response.type === 'opaqueredirect') {
      return 'it redirects, and the redirect could not be followed: a redirect loop, a redirect to an address that is not a web page, or a site that does not let other sites read it (CORS)';
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location === null) return null;
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return `it redirects to "${location.slice(0, 100)}", which is not an address`;
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return `it redirects to a ${next.protocol} address, which is not a web page: Folio does not follow it`;
    if (seen.has(next.href)) return `it redirects in a loop (back to ${next.href})`;
    seen.add(next.href);
    current = next.href;
  }
  return `it redirects more than ${MAX_REDIRECTS} times`;
}

function tooLarge(maxBytes: number): FetchFailure {
  return new FetchFailure('too-large', `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
}

async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  // A declared length within the limit is read in one go, which costs less than a chunk loop;
  // a body that then runs longer than declared is cut by the browser, never read past it.
  const declared = response.headers.get('content-length');
  if (declared !== null && !response.headers.has('content-encoding')) {
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new FetchFailure(error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'broken', error instanceof Error ? error.message : String(error));
    }
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (error instanceof Error && error.name === 'TimeoutError') throw new FetchFailure('timeout', 'the download took too long');
    throw new FetchFailure('broken', error instanceof Error ? error.message : String(error));
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}
