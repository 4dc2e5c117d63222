/**
 * The one way Folio downloads a feed document, in the app and in the CLI: a time limit, a byte
 * limit checked while the body streams in (a server may send more than it announced, or never
 * stop), and a typed failure that each caller turns into its own sentence.
 */
import { MAX_FEED_BYTES } from '../feed/limits';

export type Fetch = typeof fetch;

export const FETCH_TIMEOUT_MS = 30_000;

export type FetchFailureReason = 'timeout' | 'unreachable' | 'http' | 'too-large' | 'broken';

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
    throw new FetchFailure('unreachable', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new FetchFailure('http', `${response.status} ${response.statusText}`.trim(), response.status);
  if (Number(response.headers.get('content-length')) > maxBytes) throw tooLarge(maxBytes);
  return { bytes: await readBody(response, maxBytes), contentType: response.headers.get('content-type'), url: response.url || url };
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
