/**
 * A Hugo JSON search index, as themes like PaperMod publish at /index.json: an array of
 * `{ title, permalink (or url), date, tags, summary, content }`. `summary` is Hugo's plainified
 * summary (entities may remain, so it is read as HTML); `content` is `.Plain`: plain text, one
 * paragraph per line. The index has no feed-level title: the site's host name stands in.
 */
import { decodeEntities } from '../normalize';
import { ArticleSet, feedTitle, readDate, Warnings, type ArticleDraft } from './article';
import { fail, isObject, optString, optStringList } from './json';
import { FeedParseError, type ParsedFeed } from './types';
import { personName, resolveUrl, textToHtml } from './values';

export function parseHugoIndex(entries: unknown[], feedUrl: string | null): ParsedFeed {
  const warnings = new Warnings();
  // index.json sits at the site root (or the root of a sub-path site): its folder is the home page.
  const homepage = resolveUrl('./', feedUrl);
  const set = new ArticleSet(warnings, null);
  let firstError: FeedParseError | null = null;
  for (const [i, entry] of entries.entries()) {
    const path = `$[${i}]`;
    try {
      set.add(draftOf(entry, path, feedUrl, warnings), path);
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

  return {
    title: feedTitle(null, homepage, feedUrl, warnings, false),
    description: '',
    homepage,
    author: null,
    language: null,
    articles: set.articles,
    warnings: warnings.toArray(),
  };
}

function draftOf(entry: unknown, path: string, base: string | null, warnings: Warnings): ArticleDraft {
  if (!isObject(entry)) fail(path, 'an object (an index entry)', entry);
  const link = optString(entry, 'permalink', path) ?? optString(entry, 'url', path);
  const url = resolveUrl(link, base);
  const date = readDate(optString(entry, 'date', path), `${path}.date`, warnings);
  const summary = optString(entry, 'summary', path);
  const content = optString(entry, 'content', path);
  return {
    id: link?.trim() || null,
    url,
    title: optString(entry, 'title', path),
    date,
    topics: optStringList(entry, 'tags', path).map((term) => ({ term })),
    author: personName(optString(entry, 'author', path)),
    summary: summary === null || summary.trim() === '' ? null : { html: summary },
    bodyHtml: content === null ? null : textToHtml(decodeEntities(content), true),
  };
}
