import type { FeedManifest, FeedShard, FeedShardRef } from '../feed/folder';
import { parseManifest, parseShard } from '../feed/validate';
import { SyncError, toSyncError } from './errors';

const TIMEOUT_MS = 30_000;

export type Fetch = typeof fetch;

async function fetchJson(fetcher: Fetch, url: URL, what: string, cache: RequestCache): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(url, { cache, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw toSyncError(error, what);
  }
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`.trim();
    throw new SyncError('http', `The feed server answered ${status} for ${what}.`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toSyncError(error, what);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SyncError('format', `${what} is not valid JSON: the file is damaged or incomplete.`);
  }
}

/** The manifest is the feed's only mutable file: always revalidate it. */
export async function fetchManifest(fetcher: Fetch, feedUrl: string): Promise<FeedManifest> {
  const json = await fetchJson(fetcher, new URL('manifest.json', feedUrl), 'the feed manifest', 'no-cache');
  try {
    return parseManifest(json);
  } catch (error) {
    throw toSyncError(error, 'the feed manifest');
  }
}

/** Shard files are named by their hash, so any cached copy is good. */
export async function fetchShard(fetcher: Fetch, feedUrl: string, ref: FeedShardRef): Promise<FeedShard> {
  const json = await fetchJson(fetcher, new URL(ref.href, feedUrl), ref.href, 'default');
  try {
    return parseShard(json, ref.href);
  } catch (error) {
    throw toSyncError(error, ref.href);
  }
}
