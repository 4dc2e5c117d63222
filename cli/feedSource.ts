/** Reads the text of a feed source given on the command line: a file or an http(s) URL. */
import { readFileSync, statSync } from 'node:fs';
import { decodeFeedBytes } from '../src/lib/feed/formats/decode';
import { MAX_FEED_BYTES } from '../src/lib/feed/formats/detect';

export type SourceKind = 'folder' | 'file' | 'url';

/** A source that could not be read; the message is one line, for the user. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** Bytes read at most: the text limit, with room for UTF-16 (two bytes per character of ASCII). */
const MAX_BYTES = 2 * MAX_FEED_BYTES;
const TIMEOUT_MS = 30_000;

export function sourceKind(source: string): SourceKind | null {
  if (/^https?:\/\//i.test(source)) return 'url';
  try {
    const stat = statSync(source);
    if (stat.isDirectory()) return 'folder';
    if (stat.isFile()) return 'file';
  } catch {
    // Not found.
  }
  return null;
}

export interface SourceText {
  text: string;
  /** The address the feed came from (after redirects), for resolving its relative links; null for a file. */
  url: string | null;
}

export function readFeedFile(file: string): SourceText {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_BYTES) throw new SourceError(`the file is too large: ${megabytes(size)}, over the ${megabytes(MAX_FEED_BYTES)} limit`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot read the file: ${oneLine(error)}`);
  }
  return { text: decodeFeedBytes(bytes), url: null };
}

export async function fetchFeedText(url: string, fetcher: typeof fetch = fetch): Promise<SourceText> {
  let response: Response;
  try {
    response = await fetcher(url, {
      headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1' },
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : oneLine(error);
    throw new SourceError(`cannot fetch it: ${reason}`);
  }
  if (!response.ok) throw new SourceError(`the server answered HTTP ${`${response.status} ${response.statusText}`.trim()}`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BYTES) throw new SourceError(`the feed is too large: ${megabytes(declared)}, over the ${megabytes(MAX_FEED_BYTES)} limit`);
  const bytes = await readBody(response);
  return { text: decodeFeedBytes(bytes, response.headers.get('content-type')), url: response.url || url };
}

/** The body, refused once it passes MAX_BYTES (a server may send more than it announced, or nothing). */
async function readBody(response: Response): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_BYTES) {
        await reader.cancel();
        throw new SourceError(`the feed is too large: over the ${megabytes(MAX_FEED_BYTES)} limit`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`the download broke off: ${oneLine(error)}`);
  }
  return Buffer.concat(chunks);
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message + (error.cause instanceof Error ? ` (${error.cause.message})` : '') : String(error);
  return message.replace(/\s+/g, ' ').trim();
}
