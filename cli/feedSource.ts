/** Reads the text of a feed source given on the command line: a file or an http(s) URL. */
import { readFileSync, statSync } from 'node:fs';
import { decodeFeedBytes } from '../src/lib/feed/formats/decode';
import { MAX_FEED_BYTES } from '../src/lib/feed/limits';
import { FetchFailure, fetchLimited } from '../src/lib/ingest/fetchLimited';

export type SourceKind = 'folder' | 'file' | 'url';

/** A source that could not be read; the message is one line, for the user. */
export class SourceError extends Error {
  override name = 'SourceError';
}

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
    if (size > MAX_FEED_BYTES) throw new SourceError(`the file is too large: ${megabytes(size)}, over the ${megabytes(MAX_FEED_BYTES)} limit`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot read the file: ${oneLine(error)}`);
  }
  return { text: decodeFeedBytes(bytes), url: null };
}

export async function fetchFeedText(url: string, fetcher: typeof fetch = fetch): Promise<SourceText> {
  try {
    const fetched = await fetchLimited(url, { fetcher, headers: { accept: ACCEPT }, explainRedirects: true });
    return { text: decodeFeedBytes(fetched.bytes, fetched.contentType), url: fetched.url };
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    throw new SourceError(CLI_REASONS[error.reason](error.message));
  }
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

const CLI_REASONS: Record<FetchFailure['reason'], (detail: string) => string> = {
  timeout: (detail) => `cannot fetch it: ${detail}`,
  unreachable: (detail) => `cannot fetch it: ${oneLine(detail)}`,
  redirect: (detail) => `cannot fetch it: ${detail}`,
  http: (detail) => `the server answered HTTP ${detail}`,
  'too-large': () => `the feed is too large: over the ${megabytes(MAX_FEED_BYTES)} limit`,
  broken: (detail) => `the download broke off: ${oneLine(detail)}`,
};

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message + (error.cause instanceof Error ? ` (${error.cause.message})` : '') : String(error);
  return message.replace(/\s+/g, ' ').trim();
}
