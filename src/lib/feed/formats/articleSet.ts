/**
 * The articles of one feed as its parser finds them: each ArticleDraft made a ParsedArticle with the
 * app's rules (article.ts), repeats and list pages dropped, at most MAX_ARTICLES_PER_FEED.
 */
import { skipLeadIn } from '../excerpt';
import { htmlToPlainText } from '../htmlText';
import { MAX_ARTICLES_PER_FEED, MAX_NAME_CHARS, MAX_SUMMARY_CHARS } from '../limits';
import { countWords, readingMinutes } from '../normalize';
import { articleTopics } from '../topics';
import { articleIdFor, cutSummary, readableSlug, type ArticleDraft, type Warnings } from './article';
import { isListPage } from './listPages';
import type { ParsedArticle } from './types';
import { absoluteUrls, clipText, firstWords, MAX_TITLE_CHARS, plainTitle, resolveUrl, textToHtml } from './values';

/** The articles of one feed, in order; a repeated item (same raw id) is kept once, the first time. */
export class ArticleSet {
  readonly articles: ParsedArticle[] = [];
  /** List and taxonomy pages skipped (see isListPage). */
  listPages = 0;
  /** Items past MAX_ARTICLES_PER_FEED, skipped unread. */
  overflow = 0;
  private readonly rawIds = new Set<string>();
  private readonly ids = new Set<string>();

  /** `feedBase`: the feed's address (or its xml:base), for relative URLs of items without a link. */
  constructor(
    private readonly warnings: Warnings,
    private readonly feedAuthor: string | null,
    private readonly feedBase: string | null = null,
  ) {}

  /** `where` names the item in warnings, e.g. "item 3" or "$.items[2]". */
  add(draft: ArticleDraft, where: string): void {
    // Checked first, so a feed of a million items costs a counter per item past the limit.
    if (this.articles.length >= MAX_ARTICLES_PER_FEED) {
      if (this.overflow++ === 0) this.warnings.addFirst(`${where}: the feed holds more than ${MAX_ARTICLES_PER_FEED.toLocaleString('en')} articles; read the first ${MAX_ARTICLES_PER_FEED.toLocaleString('en')}, skipped the rest.`);
      return;
    }
    const rawBody = draft.bodyHtml !== null && draft.bodyHtml.trim() !== '' ? draft.bodyHtml : null;
    const bodyText = rawBody === null ? '' : htmlToPlainText(rawBody);
    const { summary, truncated, words } = summaryOf(draft.summary, rawBody, bodyText);

    let title = plainTitle(draft.title);
    if (title === '') {
      title = clipText(firstWords(summary || bodyText, 10), MAX_TITLE_CHARS) || 'Untitled';
      this.warnings.add(`${where}: no title; showing it as "${title}".`);
    }
    if (isListPage(title, draft.url ?? draft.link ?? null, draft.date, summary !== '' || bodyText !== '')) {
      this.listPages++;
      this.warnings.add(`${where} ("${title}"): a list page, not an article; skipped.`);
      return;
    }

    const ownId = draft.id === null ? '' : draft.id.trim();
    let rawId = ownId !== '' ? ownId : draft.url;
    if (rawId === null) {
      rawId = `untitled:${title}|${draft.date ?? ''}`;
      this.warnings.add(`${where} ("${title}"): no id and no link; its id is derived from its title and date.`);
    }
    if (this.rawIds.has(rawId)) {
      this.warnings.add(`${where} ("${title}"): repeats the id ${JSON.stringify(rawId)} of an earlier one; kept the first.`);
      return;
    }
    this.rawIds.add(rawId);

    const url = draft.url ?? resolveUrl(ownId, null);
    if (url === null) this.warnings.add(`${where} ("${title}"): no link to the original post.`);
    const bodyHtml = rawBody === null ? null : absoluteUrls(rawBody, draft.base ?? url ?? this.feedBase);
    const baseId = articleIdFor(rawId, url);
    let id = baseId;
    for (let n = 2; this.ids.has(id); n++) id = `${baseId}-${n}`; // two raw ids with one hash: vanishingly rare
    this.ids.add(id);

    const { names, ignored } = articleTopics(draft.topics);
    if (ignored > 0) this.warnings.add(`${where} ("${title}"): ${draft.topics.length} topics; kept the first ${names.size}.`);

    this.articles.push({
      id,
      slug: readableSlug(url ?? rawId) || id,
      url: url ?? '',
      title,
      date: draft.date,
      ...(draft.dateOffset ? { dateOffset: draft.dateOffset } : {}),
      topics: [...names.keys()],
      author: clipName(draft.author ?? this.feedAuthor),
      summary: clipText(summary, MAX_SUMMARY_CHARS),
      summaryTruncated: truncated,
      words,
      readingMinutes: readingMinutes(words),
      topicNames: Object.fromEntries(names),
      bodyHtml,
    });
  }
}

function summaryOf(
  source: ArticleDraft['summary'],
  bodyHtml: string | null,
  bodyText: string,
): { summary: string; truncated: boolean; words: number } {
  const sourceHtml = source === null ? '' : 'html' in source ? source.html : (textToHtml(source.text) ?? '');
  const own = cutSummary(skipLeadIn(sourceHtml));
  if (own.summary !== '') {
    const bodyWords = countWords(bodyText);
    // An excerpt shorter than the body it summarises counts as cut (the list shows an ellipsis).
    const truncated = own.truncated || bodyWords > countWords(own.summary);
    return { ...own, truncated, words: bodyText !== '' ? bodyWords : countWords(htmlToPlainText(sourceHtml)) };
  }
  if (bodyHtml === null) return { summary: '', truncated: false, words: 0 };
  return { ...cutSummary(skipLeadIn(bodyHtml)), words: countWords(bodyText) };
}

function clipName(name: string | null): string | null {
  return name === null ? null : clipText(name, MAX_NAME_CHARS);
}
