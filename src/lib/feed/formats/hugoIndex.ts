/**
 * A Hugo JSON search index, as themes like PaperMod publish at /index.json: an array of
 * `{ title, permalink (or url), date, tags, summary, content }`. `summary` is Hugo's plainified
 * summary (entities may remain, so it is read as HTML); `content` is `.Plain`: plain text, one
 * paragraph per line. The index has no feed-level title: the site's host name stands in.
 *
 * Custom index templates often wrap the array in an object, with the next page of a paginated
 * index: `{"articles": [...], "next": ".../page/2/index.json"}`, `{"posts": [...]}`, or
 * `{"items": [...]}` when the items are shaped like index entries rather than JSON Feed items.
 */
import { decodeEntities } from '../htmlText';
import { feedTitle, readDate, Warnings, type ArticleDraft } from './article';
import { ArticleSet } from './articleSet';
import { fail, get, isObject, optString, optStringList, type JsonObject } from './json';
import { FeedParseError, type ParsedFeed } from './types';
import { personName, resolveUrl, textToHtml } from './values';

/** What a wrapping object adds to the entries: where they are, a title, a home page, the next page. */
export interface IndexPage {
  /** JSON path of the entries array, "$" for a bare array. */
  path: string;
  title: string | null;
  homepage: string | null;
  /** The next page as written (may be relative). */
  next: string | null;
}

const BARE: IndexPage = { path: '$', title: null, homepage: null, next: null };
// Keys that only a JSON Feed item has, and keys that only an index entry has.
const JSON_FEED_KEYS = ['id', 'content_html', 'content_text', 'date_published', 'date_modified', 'external_url', 'authors'];
const INDEX_KEYS = ['permalink', 'date', 'content', 'lastmod', 'categories'];

/**
 * The entries of an index wrapped in an object, or null when `obj` is not one. `articles` and
 * `posts` hold entries when not empty (or with a `next`); `items` only when no item has a JSON Feed key and some have an
 * index key (the first 20 items decide: linear, and a feed is consistent).
 */
export function wrappedIndex(obj: JsonObject): { entries: unknown[]; page: IndexPage } | null {
  for (const key of ['articles', 'posts', 'items']) {
    const entries = get(obj, key);
    if (!Array.isArray(entries)) continue;
    if (key === 'items' && !looksLikeIndex(entries)) return null;
    // An empty list proves nothing ({"posts": []} is as likely some other JSON), unless it says where more is.
    if (entries.length === 0 && get(obj, 'next') === undefined) continue;
    const text = (name: string) => {
      const value = get(obj, name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    };
    const homepage = text('home_page_url') ?? text('homepage') ?? text('baseURL');
    return { entries, page: { path: `$.${key}`, title: text('title'), homepage, next: text('next') ?? text('next_url') } };
  }
  return null;
}

function looksLikeIndex(entries: unknown[]): boolean {
  const sample = entries.slice(0, 20).filter(isObject);
  const has = (keys: string[]) => sample.some((entry) => keys.some((key) => Object.hasOwn(entry, key)));
  return !has(JSON_FEED_KEYS) && has(INDEX_KEYS);
}

export function parseHugoIndex(entries: unknown[], feedUrl: string | null, page: IndexPage = BARE): ParsedFeed {
  const warnings = new Warnings();
  // index.json sits at the site root (or the root of a sub-path site): its folder is the home page.
  const homepage = resolveUrl(page.homepage, feedUrl) ?? resolveUrl('./', feedUrl);
  // A file has no address: relative permalinks then resolve against the home page the index names.
  const base = feedUrl ?? homepage;
  const set = new ArticleSet(warnings, null);
  let firstError: FeedParseError | null = null;
  let unresolved = 0;
  for (const [i, entry] of entries.entries()) {
    const path = `${page.path}[${i}]`;
    try {
      const draft = draftOf(entry, path, base, warnings);
      if (draft.url === null && draft.link) unresolved++;
      set.add(draft, path);
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      firstError ??= error;
      warnings.add(`${error.message.replace(/\.$/, '')}; entry skipped.`);
    }
  }
  if (firstError !== null && set.articles.length === 0) {
    const { message, path } = firstError;
    throw new FeedParseError(`Not a Hugo search index: no entry could be read (${message.replace(/\.$/, '')}).`, {
      ...(path === null ? {} : { path }),
    });
  }
  if (entries.length === 0) warnings.add('The index is empty.');
  if (unresolved > 0) warnings.add(`${unresolved} entries have relative links and the index has no address: give its base URL to link to the posts.`);
  const next = resolveUrl(page.next, base);
  if (page.next !== null && next === null) warnings.add(`The index continues at ${JSON.stringify(page.next.slice(0, 200))}, which does not resolve to an http(s) address.`);

  return {
    title: feedTitle(page.title, homepage, feedUrl, warnings, false),
    description: '',
    homepage,
    author: null,
    language: null,
    articles: set.articles,
    warnings: warnings.toArray(),
    listPages: set.listPages,
    next,
  };
}

function draftOf(entry: unknown, path: string, base: string | null, warnings: Warnings): ArticleDraft {
  if (!isObject(entry)) fail(path, 'an object (an index entry)', entry);
  const link = optString(entry, 'permalink', path) ?? optString(entry, 'url', path);
  const url = resolveUrl(link, base);
  const dated = readDate(optString(entry, 'date', path), `${path}.date`, warnings);
  const summary = optString(entry, 'summary', path);
  const content = optString(entry, 'content', path);
  return {
    id: link?.trim() || null,
    url,
    link,
    title: optString(entry, 'title', path),
    date: dated?.date ?? null,
    dateOffset: dated?.offset ?? 0,
    topics: optStringList(entry, 'tags', path).map((term) => ({ term })),
    author: personName(optString(entry, 'author', path)),
    summary: summary === null || summary.trim() === '' ? null : { html: summary },
    bodyHtml: content === null ? null : textToHtml(decodeEntities(content), true),
  };
}
