/**
 * Follows a paginated feed (a Hugo index with a `next` page) from a URL: page after page until
 * there is no next one, within MAX_FEED_PAGES pages and MAX_FEED_BYTES of text in all. A page that
 * fails, a loop or a limit stops the walk with a warning; the pages read so far are kept.
 * Shared by the app (adding and syncing a feed by URL) and the CLI.
 */
import { parseFeed } from '../feed/formats/detect';
import type { ParsedFeed } from '../feed/formats/types';
import { MAX_FEED_BYTES, MAX_FEED_PAGES } from '../feed/limits';

export interface Pages {
  feed: ParsedFeed;
  pages: number;
}

/** One page's text and its final address; throws an Error whose message says why it failed. */
export type PageReader = (url: string) => Promise<{ text: string; url: string | null }>;

const encoder = new TextEncoder();

/** `first` was read from `firstBytes` bytes of text; its `next` pages are read with `read`. */
export async function followPages(first: ParsedFeed, firstBytes: number, read: PageReader): Promise<Pages> {
  const feed: ParsedFeed = { ...first, articles: [...first.articles], warnings: [...first.warnings], listPages: first.listPages ?? 0 };
  const seen = new Set<string>();
  let total = firstBytes;
  let pages = 1;
  for (let next = first.next ?? null; next !== null; pages++) {
    if (seen.has(next)) return stop(feed, pages, `page ${pages + 1} (${next}) was already read; stopped there.`);
    if (pages >= MAX_FEED_PAGES) return stop(feed, pages, `read the first ${MAX_FEED_PAGES} pages; the rest (from ${next}) left out.`);
    seen.add(next);
    let page: ParsedFeed;
    try {
      const { text, url } = await read(next);
      total += encoder.encode(text).byteLength;
      if (total > MAX_FEED_BYTES) return stop(feed, pages, `the pages pass ${MAX_FEED_BYTES / (1024 * 1024)} MB together; stopped before ${next}.`);
      page = parseFeed(text, { url: url ?? next });
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return stop(feed, pages, `page ${pages + 1} (${next}): ${error.message.replace(/\.$/, '')}; stopped there.`);
    }
    feed.articles.push(...page.articles);
    feed.warnings.push(...page.warnings.map((w) => `page ${pages + 1}: ${w}`));
    feed.listPages = (feed.listPages ?? 0) + (page.listPages ?? 0);
    next = page.next ?? null;
  }
  return { feed: { ...feed, next: null }, pages };
}

function stop(feed: ParsedFeed, pages: number, warning: string): Pages {
  feed.warnings.push(warning);
  return { feed, pages };
}
