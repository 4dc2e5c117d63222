/**
 * What the feed-format parsers (RSS 2.0 / 1.0, Atom 1.0, JSON Feed 1.0 / 1.1, Hugo search index)
 * produce: one shape for all formats, normalised with the rules shared by the rest of the app.
 * Pure and browser-safe.
 */
import type { FeedArticle } from '../folder';

export type ParsedArticle = Pick<
  FeedArticle,
  'id' | 'slug' | 'url' | 'title' | 'date' | 'dateOffset' | 'topics' | 'author' | 'summary' | 'summaryTruncated' | 'words' | 'readingMinutes'
> & {
  /** Display name of each topic slug in `topics` (the spelling first met in the feed). */
  topicNames: Record<string, string>;
  /** The article's body as the feed carries it: raw, unsanitised HTML (sanitised at display time), or null. */
  bodyHtml: string | null;
};

export interface ParsedFeed {
  title: string;
  /** The feed's own description (RSS description, Atom subtitle, JSON Feed description) as plain text, or "". */
  description: string;
  /** The blog's home page (absolute http(s) URL), or null. */
  homepage: string | null;
  author: string | null;
  language: string | null;
  /** In feed order, repeated items removed. */
  articles: ParsedArticle[];
  /** Problems that did not stop the parse (skipped items, missing titles…), for the user to see. */
  warnings: string[];
  /** List and taxonomy pages ("Tags", "Posts"…, undated and empty) that were skipped; absent means 0. */
  listPages?: number;
  /**
   * A paginated index's next page (`{"articles": [...], "next": "…/page/2/index.json"}`), absolute
   * http(s), for a reader that follows pages; null or absent when there is none.
   */
  next?: string | null;
}

export interface ParseFeedOptions {
  /** The address the feed was fetched from: the base for relative links, and the fallback title. */
  url?: string;
  /** Inputs larger than this many bytes (UTF-8) are refused. Default: MAX_FEED_BYTES. */
  maxBytes?: number;
}

export interface FeedErrorLocation {
  /** 1-based line in an XML document. */
  line?: number;
  column?: number;
  /** JSON path, e.g. "$.items[3].date_published". */
  path?: string;
}

/**
 * The input is not a feed Folio can read. The message is for the user: it names the problem and,
 * where known, its place (`line N` for XML, a JSON path like `$.items[3].date` for JSON).
 */
export class FeedParseError extends Error {
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string | null;

  constructor(message: string, location: FeedErrorLocation = {}) {
    super(message);
    this.name = 'FeedParseError';
    this.line = location.line ?? null;
    this.column = location.column ?? null;
    this.path = location.path ?? null;
  }
}
