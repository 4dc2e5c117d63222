import type { FeedBodyRef, FeedDelta, FeedDeltaRef, FeedManifest, FeedShard, FeedShardRef } from '../feed/folder';
import { parseDelta } from '../feed/delta';
import type { IncomingSegment } from '../store/segments';
import { parseManifest } from '../feed/validate';
import { readShard } from '../feed/shard';
import { AppError } from '../model/error';
import { toAppError } from './errors';
import { FetchFailure, fetchLimited, type Fetch } from './fetchLimited';

const decoder = new TextDecoder();

/** A feed folder's JSON file, within the same time and size limits as any feed document. */
async function fetchJson(fetcher: Fetch, url: URL, what: string, cache: RequestCache): Promise<unknown> {
  let text: string;
  try {
    text = decoder.decode((await fetchLimited(url.href, { fetcher, cache })).bytes);
  } catch (error) {
    throw error instanceof FetchFailure ? explain(error, what) : toAppError(error, what);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('format', `${what} is not valid JSON: the file is damaged or incomplete.`);
  }
}

function explain(failure: FetchFailure, what: string): AppError {
  switch (failure.reason) {
    case 'http':
      return new AppError('http', `The feed server answered ${failure.message} for ${what}.`);
    case 'timeout':
      return new AppError('timeout', `The server took too long to send ${what}.`);
    case 'too-large':
      return new AppError('too-large', `${what} is ${failure.message}, the most Folio reads from one file.`);
    case 'redirect':
      return new AppError('http', `Could not read ${what}: ${failure.message}.`);
    case 'unreachable':
    case 'broken':
      return new AppError('offline', `Could not reach the feed to fetch ${what}: the network is off or the server is down.`);
  }
}

/** The manifest is the feed's only mutable file: always revalidate it. */
export async function fetchManifest(fetcher: Fetch, feedUrl: string): Promise<FeedManifest> {
  const json = await fetchJson(fetcher, new URL('manifest.json', feedUrl), 'the feed manifest', 'no-cache');
  try {
    return parseManifest(json);
  } catch (error) {
    throw toAppError(error, 'the feed manifest');
  }
}

/**
 * What a sync stores (shards, segment parts, deltas) bypasses the browser's HTTP cache: the store is
 * the copy, and a second one there cost disk and, at 10,000 articles, a third of a second of a first
 * sync (README, *Hosting*). The files are named by their hash, so nothing is ever revalidated.
 */
const STORED: RequestCache = 'no-store';

/** A shard the manifest lists, held to the format and its limits. */
export async function fetchShard(fetcher: Fetch, feedUrl: string, ref: FeedShardRef): Promise<FeedShard> {
  const json = await fetchJson(fetcher, new URL(ref.href, feedUrl), ref.href, STORED);
  try {
    // The manifest's key wins over the shard's own: it decides what is fetched and dropped.
    return readShard(json, ref);
  } catch (error) {
    throw toAppError(error, ref.href);
  }
}

/** A search segment part: binary, named by its hash like a shard. */
export async function fetchSegmentPart(fetcher: Fetch, feedUrl: string, ref: FeedBodyRef): Promise<Uint8Array> {
  try {
    return (await fetchLimited(new URL(ref.href, feedUrl).href, { fetcher, cache: STORED })).bytes;
  } catch (error) {
    throw error instanceof FetchFailure ? explain(error, ref.href) : toAppError(error, ref.href);
  }
}
/**
 * The shard's search segment from the folder: the meta part, and the body part when `withBody`.
 * A segment that fails to arrive is not fatal: the store builds the meta part from the shard. A body
 * part that fails is left missing (bodyRef kept), for the end of the sync or the next one to fetch.
 */
export async function fetchSegment(fetcher: Fetch, feedUrl: string, ref: Pick<FeedShardRef, 'search'>, withBody: boolean): Promise<IncomingSegment | undefined> {
  if (!ref.search) return undefined;
  const body = ref.search.body;
  try {
    const [meta, bodyBytes] = await Promise.all([
      fetchSegmentPart(fetcher, feedUrl, ref.search.meta),
      withBody && body ? fetchSegmentPart(fetcher, feedUrl, body).catch(() => null) : Promise.resolve(null),
    ]);
    return { meta, body: bodyBytes, bodyRef: body };
  } catch {
    return undefined;
  }
}


/** A delta file: named by its hash like a shard. */
export async function fetchDelta(fetcher: Fetch, feedUrl: string, ref: FeedDeltaRef): Promise<FeedDelta> {
  const json = await fetchJson(fetcher, new URL(ref.href, feedUrl), ref.href, STORED);
  try {
    return parseDelta(json, ref.href);
  } catch (error) {
    throw toAppError(error, ref.href);
  }
}
