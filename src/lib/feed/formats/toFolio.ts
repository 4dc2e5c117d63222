/**
 * The one step from a parsed feed (RSS, Atom, JSON Feed, Hugo index: see parseFeed) to Folio's
 * article model, shared by the CLI (which lays the result out as a feed folder) and the app (which
 * imports a feed by URL or file). Pure and browser-safe: no Node imports.
 *
 * The per-item rules live in the parsers' shared ./article module and are not repeated here:
 *   - dates: ISO 8601 UTC, or null (Go's zero date, empty or unreadable);
 *   - titles: entities decoded, markup dropped (a tag never closed stays text), at most 300 characters;
 *   - summaries: plain text, Hugo's auto summary (whole paragraphs up to the 70th word, or what
 *     precedes <!--more-->), cut at a word when a paragraph runs long;
 *   - topics: Hugo tag slugs, with the spelling of the feed as the display name;
 *   - links: relative ones resolved against xml:base, else the item's link, else the feed's address;
 *   - ids: from the guid, else the id, else the link, made [a-z0-9._-] (a readable slug plus a hash);
 *     a repeated item is kept once;
 *   - authors: dc:creator / RSS author, Atom author, JSON Feed authors[0] / author, else the feed's;
 *   - bodies: content:encoded (else a description longer than a summary), Atom content (html,
 *     xhtml, text), JSON Feed content_html (else content_text), the Hugo index's content.
 * This module adds the feed-level view: the topic list with counts, newest-first order, and a last
 * check of the invariants (safe unique ids, newest copy kept; normalised, unique, bounded topics;
 * ISO dates) for a ParsedFeed that was built by hand.
 */
import type { FeedArticle, FeedTopic } from '../folder';
import { safeArticleId, uniqueById } from '../ids';
import { newestFirst } from '../../model/order';
import { articleTopics, TopicTally } from '../topics';
import { clampOffset, parseDateParts } from '../dates';
import { parseFeed } from './detect';
import type { ParsedFeed, ParseFeedOptions } from './types';

/** An article of a feed folder, with its body as raw (unsanitised) HTML instead of a file reference. */
export type NormalizedArticle = Omit<FeedArticle, 'body'> & { bodyHtml: string | null };

export interface NormalizedFeed {
  title: string;
  /** Plain text, or "". */
  description: string;
  /** Absolute http(s) URL of the blog, or null. */
  homepage: string | null;
  /** As the feed states it ("en-gb"), or null. */
  language: string | null;
  /** The feed's default author, or null. */
  author: string | null;
  /** Each topic once, with its display name and article count; by count, descending, then slug. */
  topics: FeedTopic[];
  /** Newest first; undated articles last, in feed order. */
  articles: NormalizedArticle[];
  /** List and taxonomy pages the feed carried and that were skipped. */
  listPages: number;
}

export function normalizeParsedFeed(parsed: ParsedFeed): NormalizedFeed {
  const names = new Map<NormalizedArticle, Map<string, string>>();
  const articles = parsed.articles.map((a): NormalizedArticle => {
    // The parsers already follow these rules; a ParsedFeed built by hand may not.
    // topicNames may hold "__proto__" as an own key: read own properties only.
    const topics = articleTopics(a.topics.map((term) => ({ term, label: Object.hasOwn(a.topicNames, term) ? a.topicNames[term] : null })));
    const dated = parseDateParts(a.date);
    const offset = dated === null ? 0 : clampOffset(a.dateOffset ?? dated.offset);
    const article: NormalizedArticle = {
      id: safeArticleId(a.id),
      slug: a.slug,
      url: a.url,
      title: a.title,
      date: dated?.date ?? null,
      ...(offset !== 0 ? { dateOffset: offset } : {}),
      topics: [...topics.names.keys()],
      author: a.author,
      summary: a.summary,
      summaryTruncated: a.summaryTruncated,
      words: a.words,
      readingMinutes: a.readingMinutes,
      bodyHtml: a.bodyHtml,
    };
    names.set(article, topics.names);
    return article;
  });
  // Array#sort is stable: equal dates (and all undated articles) keep the feed's order. Sorting
  // before de-duplicating keeps the newest copy of a repeated id.
  articles.sort((a, b) => newestFirst(a.date, b.date));
  const unique = uniqueById(articles, 'feed');
  const tally = new TopicTally();
  for (const article of unique) tally.add([...(names.get(article) ?? [])].map(([slug, name]) => ({ slug, name })));
  return {
    title: parsed.title,
    description: parsed.description,
    homepage: parsed.homepage,
    language: parsed.language,
    author: parsed.author,
    topics: tally.topics(),
    articles: unique,
    listPages: parsed.listPages ?? 0,
  };
}

/** parseFeed then normalizeParsedFeed, for callers that do not need the parse warnings. Throws FeedParseError. */
export function readFeed(text: string, options: ParseFeedOptions = {}): NormalizedFeed {
  return normalizeParsedFeed(parseFeed(text, options));
}
