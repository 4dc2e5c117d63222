/**
 * One Hugo content file → one feed article (metadata + rendered body), a draft, or a skip report.
 * Pure: the caller reads files and writes the feed.
 */
import type { FeedArticle } from '../folder';
import { parseDateParts } from '../dates';
import { htmlToPlainText, htmlToWordText } from '../htmlText';
import { countWords, makeArticleId, readingMinutes, summarize } from '../normalize';
import { clipText } from '../formats/values';
import { MAX_SUMMARY_CHARS } from '../limits';
import * as field from './fields';
import { splitFrontMatter } from './frontMatter';
import { renderMarkdown } from './markdown';
import { skipLeadIn } from '../excerpt';

export interface SiteInfo {
  /**
   * Absolute home page of the original site, e.g. "https://example.org/"; null when unknown: the
   * articles then have url "" (no link to an original) and relative links in bodies stay relative.
   */
  baseUrl: string | null;
  /** URL section of the posts ("posts"). */
  section: string;
  /** Default author, for posts that name none. */
  author: string | null;
  /** Hugo's `timeZone` (IANA name): dates written without an offset are read in it; else UTC. */
  timeZone?: string | null;
}

export interface PostNote {
  line: number;
  message: string;
}

export interface BuiltArticle {
  kind: 'article';
  article: Omit<FeedArticle, 'body'>;
  /** Rendered body, or null when the post has no body (e.g. a link post). */
  bodyHtml: string | null;
  /** The body's text as words are counted and indexed (htmlToWordText), or null with no body. */
  bodyText: string | null;
  /** This post's spelling of each of its topics. */
  topicNames: field.TopicName[];
  /** What was repaired to read the file. */
  recovered: PostNote | null;
  /** Problems that did not stop the post (e.g. an unreadable date). */
  warnings: PostNote[];
}

export interface SkippedPost {
  kind: 'skipped';
  file: string;
  line: number;
  message: string;
}

export type PostResult = BuiltArticle | { kind: 'draft' } | SkippedPost;

const SUMMARY_WORDS = 70;

/** File stem used as the default slug; a page bundle ("x/index.md") is named by its folder. */
export function fileStem(file: string): string {
  const parts = file.split(/[\\/]/).filter((p) => p !== '');
  const name = parts[parts.length - 1] ?? '';
  const stem = name.replace(/\.(md|markdown)$/i, '');
  return stem.toLowerCase() === 'index' && parts.length > 1 ? (parts[parts.length - 2] ?? stem) : stem;
}

export function buildPost(file: string, text: string, site: SiteInfo): PostResult {
  const split = splitFrontMatter(text, file);
  if (!split.ok) return { kind: 'skipped', file, line: split.line, message: split.message };
  const { data, keyLines } = split;
  const lineOf = (key: string) => keyLines[key] ?? split.bodyStartLine;

  if (field.isDraft(data.draft)) return { kind: 'draft' };
  const title = field.title(data.title);
  if (title === null) return { kind: 'skipped', file, line: lineOf('title'), message: 'empty title' };

  const warnings: PostNote[] = [];
  const slug = field.text(data.slug) ?? fileStem(file);
  const url = field.postUrl(data.url, site.baseUrl, site.section, slug);

  const dateKey = ['date', 'publishDate', 'publishdate'].find((k) => data[k] !== undefined && data[k] !== null);
  const rawDate = dateKey === undefined ? undefined : data[dateKey];
  const dated = parseDateParts(rawDate, site.timeZone ?? null);
  const date = dated?.date ?? null;
  if (dateKey !== undefined && date === null && String(rawDate).trim() !== '' && !isGoZeroDate(rawDate)) {
    warnings.push({ line: lineOf(dateKey), message: `unrecognised date ${JSON.stringify(String(rawDate))}; the article is undated` });
  }

  const topicNames = field.topics(data.tags);
  const frontMatterSummary = field.text(data.summary);
  const hasBody = split.body.trim() !== '';
  let bodyHtml: string | null = null;
  let bodyText: string | null = null;
  let words: number;
  let minutes: number;
  let summary = { summary: '', truncated: false };
  if (hasBody) {
    bodyHtml = renderMarkdown(split.body, { baseUrl: url });
    bodyText = htmlToWordText(bodyHtml);
    words = countWords(bodyText);
    minutes = readingMinutes(words);
    summary = summarize(skipLeadIn(bodyHtml), SUMMARY_WORDS);
  } else {
    // A link post: the feed carries no body; figures may be given in the front matter.
    words = field.count(data.words) ?? 0;
    minutes = field.count(data.readingMinutes) ?? readingMinutes(words);
  }
  if (frontMatterSummary !== null) {
    // Hugo renders a front-matter summary as Markdown; it is "truncated" when there is more to read.
    summary = {
      summary: htmlToPlainText(renderMarkdown(frontMatterSummary, { baseUrl: url })),
      truncated: hasBody,
    };
  }

  const article: Omit<FeedArticle, 'body'> = {
    id: makeArticleId(slug),
    slug,
    url,
    title,
    date,
    ...(dated !== null && dated.offset !== 0 ? { dateOffset: dated.offset } : {}),
    topics: topicNames.map((t) => t.slug),
    author: field.author(data.author) ?? field.author(data.authors) ?? site.author,
    summary: clipText(summary.summary, MAX_SUMMARY_CHARS),
    summaryTruncated: summary.truncated || summary.summary.length > MAX_SUMMARY_CHARS,
    words,
    readingMinutes: minutes,
  };
  const recovered = split.recovered === null ? null : { line: 1, message: split.recovered };
  return { kind: 'article', article, bodyHtml, bodyText, topicNames, recovered, warnings };
}

function isGoZeroDate(value: unknown): boolean {
  return typeof value === 'string' && value.trim().startsWith('0001-01-01');
}
