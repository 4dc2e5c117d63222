/** What the feed CLI's commands share: the loaded source and the one-line failure. */
import type { FeedArticle } from '../src/lib/feed/folder';
import type { ManifestInfo } from './feedFiles';

/** What a source yields, whatever its kind. */
export interface Loaded {
  entries: { article: Omit<FeedArticle, 'body'>; bodyHtml: string | null }[];
  info: Omit<ManifestInfo, 'generatedAt'>;
  /** The summary line's account of the source, e.g. "8 posts read, 5 articles, …". */
  account: string;
}

/** A failure to print as one line ("feed: <message>") with an exit status. */
export class Failure extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2,
    readonly usage = false,
  ) {
    super(message);
  }
}

export function validBaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    return parsed.href;
  } catch {
    throw new Failure(`--base-url must be an absolute http(s) URL, got "${url}"`, 2, true);
  }
}
