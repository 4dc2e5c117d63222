/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). Read: title, home_page_url, authors[0]
 * (1.1) or author (1.0), language, and per item id, url (else external_url), title, date_published
 * (else date_modified), tags, authors / author, summary, content_html (else content_text).
 * A member of the wrong type at feed level fails the parse with its JSON path; inside an item it
 * skips that item with a warning naming the path.
 */
import { feedDescription, feedTitle, readDate, Warnings, type ArticleDraft } from './article';
import { ArticleSet } from './articleSet';
import { fail, get, isObject, optString, optStringList, typeName, type JsonObject } from './json';
import { FeedParseError, type ParsedFeed } from './types';
import { personName, resolveBase, resolveUrl, textToHtml } from './values';

const VERSION_PREFIX = /^https?:\/\/jsonfeed\.org\/version\//;

export function isJsonFeedVersion(version: unknown): boolean {
  return typeof version === 'string' && VERSION_PREFIX.test(version);
}

export function parseJsonFeed(feed: JsonObject, feedUrl: string | null): ParsedFeed {
  const warnings = new Warnings();
  const version = optString(feed, 'version', '$');
  if (version === null) warnings.add('$.version: missing; read as a JSON Feed because it has "items".');
  else if (!/\/version\/1(?:\.[01])?\/?$/.test(version)) warnings.add(`$.version: unknown version ${JSON.stringify(version)}; read as 1.1.`);

  const title = optString(feed, 'title', '$');
  const homepage = resolveUrl(optString(feed, 'home_page_url', '$'), feedUrl);
  const base = resolveBase(optString(feed, 'feed_url', '$'), feedUrl) ?? homepage;
  const author = authorOf(feed, '$');
  const language = optString(feed, 'language', '$')?.trim() || null;
  const items = get(feed, 'items');
  if (!Array.isArray(items)) fail('$.items', 'an array', items);

  const set = new ArticleSet(warnings, author, base);
  items.forEach((item: unknown, i) => {
    const path = `$.items[${i}]`;
    try {
      set.add(draftOf(item, path, base, warnings), path);
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      warnings.add(`${error.message.replace(/\.$/, '')}; item skipped.`);
    }
  });

  return {
    title: feedTitle(title, homepage, feedUrl, warnings),
    description: feedDescription(optString(feed, 'description', '$')),
    homepage,
    author,
    language,
    articles: set.articles,
    listPages: set.listPages,
    warnings: warnings.toArray(),
  };
}

function draftOf(item: unknown, path: string, base: string | null, warnings: Warnings): ArticleDraft {
  if (!isObject(item)) fail(path, 'an object', item);
  // The spec asks readers to take a numeric id as its string form.
  const rawId = get(item, 'id');
  if (rawId !== undefined && rawId !== null && typeof rawId !== 'string' && !(typeof rawId === 'number' && Number.isFinite(rawId))) {
    fail(`${path}.id`, 'a string', rawId);
  }
  const url = resolveUrl(optString(item, 'url', path), base);
  const externalUrl = resolveUrl(optString(item, 'external_url', path), base);
  const published = optString(item, 'date_published', path);
  const modified = optString(item, 'date_modified', path);
  const dated = readDate(published ?? modified, `${path}.${published === null ? 'date_modified' : 'date_published'}`, warnings);
  const contentHtml = optString(item, 'content_html', path);
  const contentText = optString(item, 'content_text', path);
  const summary = optString(item, 'summary', path);
  return {
    id: rawId === undefined || rawId === null ? null : String(rawId),
    url: url ?? externalUrl,
    title: optString(item, 'title', path),
    date: dated?.date ?? null,
    dateOffset: dated?.offset ?? 0,
    topics: optStringList(item, 'tags', path).map((term) => ({ term })),
    author: authorOf(item, path),
    summary: summary === null || summary.trim() === '' ? null : { text: summary },
    bodyHtml: contentHtml !== null && contentHtml.trim() !== '' ? contentHtml : textToHtml(contentText ?? ''),
  };
}

/** authors[0].name (1.1), else author.name (1.0); type errors fail with the path. */
function authorOf(obj: JsonObject, path: string): string | null {
  const authors = get(obj, 'authors');
  if (authors !== undefined && authors !== null) {
    if (!Array.isArray(authors)) fail(`${path}.authors`, 'an array', authors);
    for (const [i, author] of authors.entries()) {
      if (!isObject(author)) fail(`${path}.authors[${i}]`, 'an object', author);
      const name = personName(optString(author, 'name', `${path}.authors[${i}]`));
      if (name !== null) return name;
    }
  }
  const author = get(obj, 'author');
  if (author === undefined || author === null) return null;
  if (!isObject(author)) {
    throw new FeedParseError(`${path}.author: expected an object with a "name", got ${typeName(author)}.`, { path: `${path}.author` });
  }
  return personName(optString(author, 'name', `${path}.author`));
}
