/**
 * parseFeed: the one entry point. Sniffs the format and dispatches —
 *   XML, root <rss>            → RSS 2.0 / 0.9x        XML, root <rdf:RDF> → RSS 1.0
 *   XML, root <feed>           → Atom 1.0
 *   JSON object, "version" https://jsonfeed.org/version/… (or an "items" array) → JSON Feed
 *   JSON array                 → Hugo search index
 *   JSON object with "articles" / "posts" (or index-shaped "items") → Hugo search index, paginated by "next"
 * and refuses, with a message for the user: empty input, input over the size limit, binary data,
 * an HTML page (naming the page's own feed when it links one), a Folio feed-folder manifest, and
 * anything else. It returns a ParsedFeed or throws a FeedParseError, nothing else.
 */
import { FEED_FORMAT, SHARD_FORMAT } from '../folder';
import { MAX_FEED_BYTES } from '../limits';
import { decodeEntities } from '../htmlText';
import { parseAtom } from './atom';
import { parseHugoIndex, wrappedIndex } from './hugoIndex';
import { get, isObject, parseJson, typeName } from './json';
import { isJsonFeedVersion, parseJsonFeed } from './jsonFeed';
import { parseRss } from './rss';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from './types';
import { resolveUrl } from './values';
import { parseXml } from './xml';

/** Reads a feed of any format; `maxBytes` defaults to MAX_FEED_BYTES (20 MB of UTF-8). */
export function parseFeed(text: string, options: ParseFeedOptions = {}): ParsedFeed {
  if (typeof text !== 'string') throw new FeedParseError('Expected the feed as text.');
  checkSize(text, options.maxBytes ?? MAX_FEED_BYTES);
  const feedUrl = resolveUrl(options.url, null);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = body.search(/\S/);
  if (start < 0) throw new FeedParseError('The feed is empty.');
  if (looksBinary(body)) {
    throw new FeedParseError('This is binary data (an image, an archive, compressed data…), not a feed.');
  }
  const declaration = junkBeforeDeclaration(body);
  if (declaration > 0) {
    // Output before the declaration: typically a PHP warning or debug output printed by the server.
    const line = body.slice(0, declaration).split('\n').length;
    const junk = body.slice(start, Math.min(declaration, start + 80)).replace(/\s+/g, ' ').trim();
    throw new FeedParseError(
      `Broken XML at line ${line}: the XML declaration comes after other text (${JSON.stringify(junk)}), often an error message the server printed before the feed.`,
      { line },
    );
  }
  const first = body[start];
  if (first === '{' || first === '[') return parseJsonText(body, feedUrl);
  // Leading whitespace before <?xml …?> is not XML, but common (PHP); skip it, keeping line numbers right.
  if (first === '<') return parseXmlText(body.slice(start), feedUrl, body.slice(0, start).split('\n').length - 1);
  throw new FeedParseError(
    `Not a feed: expected RSS, Atom, JSON Feed or a Hugo search index, but the text starts ${JSON.stringify(body.slice(start, start + 40))}.`,
  );
}

function parseXmlText(text: string, feedUrl: string | null, skippedLines: number): ParsedFeed {
  if (HTML_START.test(text.slice(0, 64 * 1024))) throw htmlPageError(text, feedUrl);
  const doc = parseXml(text, skippedLines);
  const local = doc.name.slice(doc.name.indexOf(':') + 1);
  if (doc.name === 'rss' || local === 'RDF') return parseRss(doc, feedUrl);
  if (local === 'feed') return parseAtom(doc, feedUrl);
  if (local.toLowerCase() === 'html') throw htmlPageError(text, feedUrl);
  throw new FeedParseError(
    `Not a feed: the XML's root element is <${doc.name}>, where a feed has <rss>, <feed> (Atom) or <rdf:RDF>.`,
    { line: 1 },
  );
}

const FEED_ROOT = /<(?:rss|feed|[\w.-]+:feed|rdf:RDF)\b/;
const DECLARED_FEED = /<\?xml[^>]{0,200}\?>\s*(?:<!--(?:[^-]|-(?!->)){0,2000}-->\s*)*(?:<!DOCTYPE[^>[]{0,500}>\s*)?<(?:rss|feed|[\w.-]+:feed|rdf:RDF)\b/y;

/**
 * Where an XML declaration opens a feed after other text (not whitespace or comments) that holds no
 * feed itself, or -1. Linear: one indexOf, bounded patterns.
 */
function junkBeforeDeclaration(text: string): number {
  if (/^\s*<\?xml/.test(text)) return -1;
  const declaration = /<\?xml\s/g;
  declaration.lastIndex = 1;
  const at = declaration.exec(text.slice(0, 64 * 1024))?.index ?? -1;
  if (at < 0) return -1;
  const before = text.slice(0, at);
  if (/^\s*(?:<!--(?:[^-]|-(?!->))*-->\s*)*$/.test(before) || FEED_ROOT.test(before)) return -1;
  DECLARED_FEED.lastIndex = at;
  return DECLARED_FEED.test(text) ? at : -1;
}

function parseJsonText(text: string, feedUrl: string | null): ParsedFeed {
  const value = parseJson(text);
  if (Array.isArray(value)) return parseHugoIndex(value, feedUrl);
  if (!isObject(value)) {
    throw new FeedParseError(`Not a feed: the JSON is ${typeName(value)}.`, { path: '$' });
  }
  const format = get(value, 'format');
  if (format === FEED_FORMAT || format === SHARD_FORMAT) {
    throw new FeedParseError(
      'This is a Folio feed folder file (manifest.json), not a feed: add the folder with the folder sync instead.',
      { path: '$.format' },
    );
  }
  const isJsonFeed = isJsonFeedVersion(get(value, 'version'));
  const wrapped = isJsonFeed ? null : wrappedIndex(value);
  if (wrapped !== null) return parseHugoIndex(wrapped.entries, feedUrl, wrapped.page);
  if (isJsonFeed || Array.isArray(get(value, 'items'))) return parseJsonFeed(value, feedUrl);
  throw new FeedParseError(
    'Not a feed: this JSON is neither a JSON Feed (its "version" starts with https://jsonfeed.org/version/) ' +
      'nor a Hugo search index (an array of posts, or an object with an "articles", "posts" or "items" array).',
    { path: '$.version' },
  );
}

function checkSize(text: string, maxBytes: number): void {
  // A UTF-16 code unit is 1 to 3 bytes of UTF-8: count exactly only when it could matter.
  if (text.length * 3 <= maxBytes) return;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) bytes += 2; // half of a 4-byte pair
    else if (c >= 0xdc00 && c <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  if (bytes > maxBytes) {
    throw new FeedParseError(`The feed is too large: ${megabytes(bytes)}, over the ${megabytes(maxBytes)} limit.`);
  }
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** NUL, many control characters or many U+FFFD (bytes that were not text) in the first 4 KB. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > 8 && odd > sample.length / 20;
}

// An HTML page: <!DOCTYPE html…> or an <html>/<head>/<body> element first, after any XML prolog.
// (The comment pattern cannot step over a "-->", so it never backtracks across comments.)
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*(?:<!doctype\s+html\b|<(?:html|head|body)\b)/i;
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);

function htmlPageError(html: string, base: string | null): FeedParseError {
  const feeds = feedLinks(html, base);
  const [first, ...others] = feeds;
  if (first === undefined) {
    return new FeedParseError(
      "This is an HTML page, not a feed. Use the address of the blog's RSS, Atom or JSON feed instead " +
        '(often /index.xml, /feed/ or /atom.xml; the page does not link one).',
    );
  }
  const also = others.length > 0 ? ` (it also links ${others.join(', ')})` : '';
  return new FeedParseError(`This is an HTML page, not a feed. The page links its feed: use ${first} instead${also}.`);
}

/** hrefs of <link rel="alternate" type="application/rss+xml|atom+xml|feed+json"> in the page's head. */
function feedLinks(html: string, base: string | null): string[] {
  const found: string[] = [];
  // Bounded repetitions keep these patterns linear on hostile pages.
  for (const [tag] of html.slice(0, 256 * 1024).matchAll(/<link\b[^>]{0,1000}>/gi)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([^\s=/<>"']{1,64})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attrs.set((m[1] ?? '').toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? '').trim());
    }
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    const href = attrs.get('href') ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type) || href === '') continue;
    const url = resolveUrl(href, base) ?? (/^[a-z][a-z0-9+.-]*:/i.test(href) ? null : href);
    if (url !== null && !found.includes(url)) found.push(url);
  }
  return found;
}
