import { layoutFeed, type FeedFiles } from '../../../cli/feedFiles';
import type { FeedArticle, FeedManifest } from '../../../src/lib/feed/folder';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';

export const FOLDER_URL = 'https://blog.test/feed/';

export function entry(id: string, date: string, title: string, body: string | null, summary = `About ${title}`) {
  const article: Omit<FeedArticle, 'body'> = {
    id, slug: id, url: `https://blog.test/${id}/`, title, date, topics: ['notes'], author: null,
    summary, summaryTruncated: false, words: 10, readingMinutes: 1,
  };
  return { article, bodyHtml: body === null ? null : `<p>${body}</p>` };
}

export const folderInfo = { title: 'T', description: '', homepage: null, language: 'en', author: 'Ann', generatedAt: '2026-03-01T00:00:00.000Z', topics: [] };

export function buildFolder(entries: ReturnType<typeof entry>[], search = true): FeedFiles {
  return layoutFeed(entries, folderInfo, { search });
}

/** Serves a built feed folder (binary files as they are) and records the paths asked for. */
export function serveFolder(feed: FeedFiles, manifest: FeedManifest = feed.manifest) {
  const requests: string[] = [];
  const fetcher: Fetch = async (input) => {
    const path = String(input instanceof Request ? input.url : input).slice(FOLDER_URL.length);
    requests.push(path);
    if (path === 'manifest.json') return new Response(JSON.stringify(manifest));
    const bytes = feed.files.get(path);
    return bytes ? new Response(new Uint8Array(bytes)) : new Response('not found', { status: 404 });
  };
  return { requests, fetcher, env: { fetcher, online: true, now: Date.now } };
}
