/**
 * The contract every feed reader path must keep on the corpus: an input is either read into a sane
 * feed or refused with a FeedParseError that says what is wrong. Nothing else may be thrown.
 * Framework-free (throws plain Errors), so any test runner can use it.
 */
import { parseFeed } from '../../src/lib/feed/formats/detect';
import { normalizeParsedFeed, type NormalizedFeed } from '../../src/lib/feed/formats/toFolio';
import { FeedParseError } from '../../src/lib/feed/formats/types';
import { isSafeId } from '../../src/lib/feed/ids';
import { MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, MAX_TOPICS_PER_ARTICLE } from '../../src/lib/feed/limits';
import { stripInvisible } from '../../src/lib/feed/text';
import { topicSlug } from '../../src/lib/feed/topics';
import { CORPUS_URL } from './index';

export type Outcome = { kind: 'parsed'; feed: NormalizedFeed; warnings: string[] } | { kind: 'rejected'; error: FeedParseError };

/** parseFeed + normalizeParsedFeed; rethrows anything that is not a FeedParseError. */
export function readCase(text: string, url: string = CORPUS_URL): Outcome {
  try {
    const parsed = parseFeed(text, { url });
    return { kind: 'parsed', feed: normalizeParsedFeed(parsed), warnings: parsed.warnings };
  } catch (error) {
    if (error instanceof FeedParseError) return { kind: 'rejected', error };
    throw error;
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SAFE_ID = /^[a-z0-9._-]+$/;

function fail(what: string): never {
  throw new Error(what);
}

function checkString(value: unknown, what: string, { nullable = false, nonEmpty = false } = {}): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string') fail(`${what} is ${value === null ? 'null' : typeof value}, not a string`);
  if (nonEmpty && value.trim() === '') fail(`${what} is empty`);
}

function checkHttpUrl(value: unknown, what: string, { allowEmpty = false } = {}): void {
  if (value === null || (allowEmpty && value === '')) return;
  checkString(value, what);
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    return fail(`${what} is not an absolute URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${what} is not http(s): ${JSON.stringify(value)}`);
}

/** Display text: within `max` characters, with no bidi control or invisible character left in it. */
function checkShown(value: string | null, what: string, max: number): void {
  if (value === null) return;
  if (value.length > max) fail(`${what} is ${value.length} characters long, over ${max}`);
  if (stripInvisible(value) !== value) fail(`${what} keeps an invisible or bidi character: ${JSON.stringify(value.slice(0, 80))}`);
}

function checkCount(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(`${what} is not a whole number ≥ 0: ${String(value)}`);
}

/** Throws an Error naming the first thing that is not sane about a normalised feed. */
export function checkSaneFeed(feed: NormalizedFeed): void {
  checkString(feed.title, 'the feed title', { nonEmpty: true });
  checkString(feed.description, 'the feed description');
  checkHttpUrl(feed.homepage, 'the home page');
  checkString(feed.language, 'the language', { nullable: true });
  checkString(feed.author, 'the feed author', { nullable: true });
  if (!Array.isArray(feed.topics)) fail('topics is not an array');
  const topicSlugs = new Set<string>();
  for (const [i, t] of feed.topics.entries()) {
    checkString(t.slug, `topics[${i}].slug`, { nonEmpty: true });
    checkString(t.name, `topics[${i}].name`, { nonEmpty: true });
    checkCount(t.count, `topics[${i}].count`);
    if (topicSlug(t.slug) !== t.slug) fail(`topics[${i}].slug ${JSON.stringify(t.slug)} is not normalised`);
    checkShown(t.name, `topics[${i}].name`, 250);
    if (topicSlugs.has(t.slug)) fail(`topic ${JSON.stringify(t.slug)} is listed twice`);
    topicSlugs.add(t.slug);
  }
  if (!Array.isArray(feed.articles)) fail('articles is not an array');
  const ids = new Set<string>();
  let previous: string | null | undefined;
  for (const [i, a] of feed.articles.entries()) {
    const at = `articles[${i}]`;
    checkString(a.id, `${at}.id`, { nonEmpty: true });
    if (!SAFE_ID.test(a.id) || !isSafeId(a.id)) fail(`${at}.id is not a safe id: ${JSON.stringify(a.id)}`);
    if (ids.has(a.id)) fail(`${at}.id ${JSON.stringify(a.id)} repeats`);
    ids.add(a.id);
    checkString(a.slug, `${at}.slug`, { nonEmpty: true });
    checkHttpUrl(a.url, `${at}.url`, { allowEmpty: true });
    checkString(a.title, `${at}.title`, { nonEmpty: true });
    checkShown(a.title, `${at}.title`, MAX_TITLE_CHARS);
    checkShown(a.author, `${at}.author`, MAX_NAME_CHARS);
    checkShown(a.summary, `${at}.summary`, MAX_SUMMARY_CHARS);
    if (a.topics.length > MAX_TOPICS_PER_ARTICLE) fail(`${at} has ${a.topics.length} topics`);
    if (a.date !== null && (typeof a.date !== 'string' || !ISO_UTC.test(a.date))) fail(`${at}.date is not ISO 8601 UTC or null: ${JSON.stringify(a.date)}`);
    if (previous === null && a.date !== null) fail(`${at} is dated but follows an undated article`);
    if (previous != null && a.date !== null && a.date > previous) fail(`${at} is newer than the article before it`);
    previous = a.date;
    if (!Array.isArray(a.topics)) fail(`${at}.topics is not an array`);
    if (new Set(a.topics).size !== a.topics.length) fail(`${at}.topics repeats a slug`);
    for (const slug of a.topics) {
      checkString(slug, `${at}.topics[]`, { nonEmpty: true });
      if (!topicSlugs.has(slug)) fail(`${at}.topics has ${JSON.stringify(slug)}, which the feed's topics lack`);
    }
    checkString(a.author, `${at}.author`, { nullable: true });
    checkString(a.summary, `${at}.summary`);
    if (typeof a.summaryTruncated !== 'boolean') fail(`${at}.summaryTruncated is not a boolean`);
    checkCount(a.words, `${at}.words`);
    checkCount(a.readingMinutes, `${at}.readingMinutes`);
    checkString(a.bodyHtml, `${at}.bodyHtml`, { nullable: true });
  }
}

/** Throws unless a refusal's message is a sentence for the user that says what is wrong. */
export function checkRefusal(error: FeedParseError): void {
  const { message } = error;
  if (typeof message !== 'string' || message.trim().length < 12) fail(`refusal without a useful message: ${JSON.stringify(message)}`);
  if (/\bundefined\b|\[object |TypeError|Cannot read propert|is not a function/.test(message)) fail(`refusal with an internal message: ${message}`);
  if (/[\r\n]/.test(message)) fail(`refusal message spans lines: ${JSON.stringify(message)}`);
  if (error.line !== null && (!Number.isInteger(error.line) || error.line < 1)) fail(`refusal with line ${error.line}`);
}
