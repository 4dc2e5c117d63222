import type { FeedArticle, FeedManifest, FeedShard } from '../../../src/lib/feed/folder';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';

export const FEED_URL = 'https://blog.test/feed/';

export function article(id: string, date: string | null, topics: string[] = [], extra: Partial<FeedArticle> = {}): FeedArticle {
  return {
    id,
    slug: id,
    url: `https://blog.test/posts/${id}/`,
    title: `Title ${id}`,
    date,
    topics,
    author: null,
    summary: `Summary of ${id}`,
    summaryTruncated: false,
    words: 400,
    readingMinutes: 2,
    body: { href: `bodies/${id}.h1.html`, hash: 'h1', bytes: 20 },
    ...extra,
  };
}

/** A feed with one shard per key; the hash is derived from the content, as the CLI does. */
export function makeFeed(shards: Record<string, FeedArticle[]>): { manifest: FeedManifest; files: Map<string, unknown> } {
  const files = new Map<string, unknown>();
  const refs = Object.entries(shards).map(([key, articles]) => {
    const shard: FeedShard = { format: 'folio-feed-shard', version: 1, key, articles };
    const hash = simpleHash(JSON.stringify(shard));
    const href = `index/${key}.${hash}.json`;
    files.set(href, shard);
    return { key, href, hash, count: articles.length };
  });
  const manifest: FeedManifest = {
    format: 'folio-feed',
    version: 1,
    title: 'Test Blog',
    description: '',
    homepage: 'https://blog.test/',
    language: 'en',
    author: 'Tester',
    generatedAt: '2026-01-01T00:00:00.000Z',
    articleCount: refs.reduce((n, r) => n + r.count, 0),
    topics: [{ slug: 'rust', name: 'Rust', count: 1 }],
    shards: refs,
  };
  files.set('manifest.json', manifest);
  return { manifest, files };
}

function simpleHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A fetch over in-memory files that records what was asked for. Values that are strings are sent raw. */
export function fakeFetch(files: Map<string, unknown>, options: { fail?: (path: string) => Response | Error | null } = {}) {
  const requests: string[] = [];
  const fetcher: Fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const path = url.href.startsWith(FEED_URL) ? url.href.slice(FEED_URL.length) : url.pathname;
    requests.push(path);
    const failure = options.fail?.(path);
    if (failure instanceof Error) throw failure;
    if (failure) return failure;
    if (!files.has(path)) return new Response('not found', { status: 404, statusText: 'Not Found' });
    const value = files.get(path);
    return new Response(typeof value === 'string' ? value : JSON.stringify(value), { status: 200 });
  };
  return { fetcher, requests };
}
