/**
 * A feed folder's manifest, shard references and articles, held to the format and the limits every
 * format has: hrefs inside the folder, links http(s) only, ids safe, text fit to show.
 */
import {
  FEED_FORMAT,
  MANIFEST_VERSIONS,
  type FeedArticle,
  type FeedBodyRef,
  type FeedDeltaRef,
  type FeedManifest,
  type FeedSearchRef,
  type FeedShardRef,
  type FeedTopic,
} from './folder';
import { addWarning, safeArticleId } from './ids';
import { MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from './limits';
import { clampOffset } from './dates';
import { FeedFormatError } from './folderError';
import { displayText, Reader, type Obj } from './reader';
import { topicName, topicSlug, topicSlugs } from './topics';

/** Where a feed folder's hrefs are checked: any folder would do, hrefs resolve the same way. */
const FOLDER = new URL('https://feed-folder.invalid/feed/');

/**
 * A relative href must stay inside the feed folder. It is resolved first, as the app will resolve
 * it, then compared: `%2e%2e/`, backslashes, tabs, `//host` and encoded slashes are refused.
 */
function checkHref(r: Reader, href: string, path: string): string {
  if (isPlainRelative(href)) return href;
  let url: URL | null = null;
  try {
    url = /^[a-z][a-z0-9+.-]*:/i.test(href.trim()) ? null : new URL(href, FOLDER);
  } catch {
    url = null;
  }
  // An encoded slash stays one segment here, but some servers decode it into a way out.
  const outside = !url || url.origin !== FOLDER.origin || !url.pathname.startsWith(FOLDER.pathname) || url.pathname === FOLDER.pathname;
  if (outside || /%2f|%5c/i.test(url?.pathname ?? '')) {
    r.fail(path, 'expected a path inside the feed folder');
  }
  return href;
}

/** Segments of letters, digits, "_", "-" and ".", none of them "." or "..": every builder-written href. */
const PLAIN_PATH = /^[\w.-]+(?:\/[\w.-]+)*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * An href that can only resolve inside the folder, found without building a URL: at 100k a first
 * sync checked 100,000 body hrefs, and resolving each took a tenth of the sync worker's time.
 */
export function isPlainRelative(href: string): boolean {
  return PLAIN_PATH.test(href) && !DOT_SEGMENT.test(href);
}

/**
 * Topic slugs are normalised as every format's are ("Rust" → "rust"); two spellings of one slug
 * become one topic, with their counts added and the first name kept.
 */
function parseTopics(r: Reader, value: unknown): FeedTopic[] {
  const bySlug = new Map<string, FeedTopic>();
  r.array(value, '$.topics').forEach((t, i) => {
    const p = `$.topics[${i}]`;
    const to = r.object(t, p);
    const slug = topicSlug(r.string(to.slug, `${p}.slug`));
    const count = r.count(to.count, `${p}.count`);
    const name = topicName(r.string(to.name, `${p}.name`), slug);
    if (slug === '') return;
    const earlier = bySlug.get(slug);
    if (earlier) earlier.count += count;
    else bySlug.set(slug, { slug, name, count });
  });
  return [...bySlug.values()];
}

/** Shard refs; a key listed twice is refused: which of the two shards holds the month is unknowable. */
export function parseShardRefs(r: Reader, value: unknown, at = '$.shards'): FeedShardRef[] {
  const firstOfKey = new Map<string, number>();
  return r.array(value, at).map((s, i): FeedShardRef => {
    const p = `${at}[${i}]`;
    const so = r.object(s, p);
    const key = r.string(so.key, `${p}.key`);
    if (key === '' || key.length > MAX_ID_CHARS) r.fail(`${p}.key`, `expected a key of 1 to ${MAX_ID_CHARS} characters`);
    const earlier = firstOfKey.get(key);
    if (earlier !== undefined) r.fail(`${p}.key`, `the key ${JSON.stringify(key)} is already used by ${at}[${earlier}]; each shard must be listed once`);
    firstOfKey.set(key, i);
    const ref: FeedShardRef = {
      key,
      href: checkHref(r, r.string(so.href, `${p}.href`), `${p}.href`),
      hash: r.string(so.hash, `${p}.hash`),
      count: r.count(so.count, `${p}.count`),
    };
    const search = parseSearchRef(r, so.search, `${p}.search`);
    return search ? { ...ref, search } : ref;
  });
}

function parseSearchRef(r: Reader, value: unknown, path: string): FeedSearchRef | null {
  if (value === null || value === undefined) return null;
  const o = r.object(value, path);
  const meta = parseBody(r, o.meta, `${path}.meta`);
  if (!meta) r.fail(`${path}.meta`, 'expected the meta part of the search segment');
  return { meta, body: parseBody(r, o.body, `${path}.body`) };
}

export function parseManifest(json: unknown, file = 'manifest.json'): FeedManifest {
  const r = new Reader(file);
  const o = r.object(json, '$');
  // Check what kind of document it is first: a wrong kind explains every later mismatch.
  const format = r.literal(o.format, FEED_FORMAT, '$.format');
  const version = r.oneOf(o.version, MANIFEST_VERSIONS, '$.version');
  const topics = parseTopics(r, o.topics);
  const shards = parseShardRefs(r, o.shards);
  return {
    format,
    version,
    title: r.text(o.title, '$.title', MAX_TITLE_CHARS),
    description: r.optText(o.description, '$.description', MAX_DESCRIPTION_CHARS) ?? '',
    homepage: r.webUrl(o.homepage, '$.homepage', null),
    language: r.nullableString(o.language, '$.language') ?? 'en',
    author: r.optText(o.author, '$.author', MAX_NAME_CHARS),
    generatedAt: r.string(o.generatedAt, '$.generatedAt'),
    articleCount: r.count(o.articleCount, '$.articleCount'),
    topics,
    shards,
    ...(version >= 3 ? revisionOf(r, o) : {}),
  };
}

/**
 * Version 3's revision and deltas (and version 4's). They only spare readers fetches, so a folder whose revision or
 * deltas cannot be read is read without them (revision 0: readers fetch changed shards).
 */
function revisionOf(r: Reader, o: Obj): { revision: number; deltas: FeedDeltaRef[] } {
  try {
    return { revision: r.count(o.revision, '$.revision'), deltas: parseDeltaRefs(r, o.deltas) };
  } catch {
    return { revision: 0, deltas: [] };
  }
}

/** Version 3's delta refs; absent reads as none. */
function parseDeltaRefs(r: Reader, value: unknown): FeedDeltaRef[] {
  if (value === undefined || value === null) return [];
  return r.array(value, '$.deltas').map((d, i) => {
    const p = `$.deltas[${i}]`;
    const o = r.object(d, p);
    const file = parseBody(r, o, p) as FeedBodyRef;
    const search = parseSearchRef(r, o.search, `${p}.search`);
    return { from: r.count(o.from, `${p}.from`), to: r.count(o.to, `${p}.to`), ...file, ...(search ? { search } : {}) };
  });
}

export function parseBody(r: Reader, value: unknown, path: string): FeedBodyRef | null {
  if (value === null || value === undefined) return null;
  const b = r.object(value, path);
  return {
    href: checkHref(r, r.string(b.href, `${path}.href`), `${path}.href`),
    hash: r.string(b.hash, `${path}.hash`),
    bytes: r.count(b.bytes, `${path}.bytes`),
  };
}

/**
 * One article, held to the limits every format has (limits.ts). An id that is not [a-z0-9._-], is
 * too long, or is "", "." or ".." is replaced by a safe one made from it (see safeArticleId).
 */
export function parseArticle(r: Reader, value: unknown, path: string, warnings?: string[]): FeedArticle {
  return parseArticleFields(r, r.object(value, path), (field) => `${path}.${field}`, warnings);
}

/**
 * parseArticle over a record's fields, wherever they stand: `at` names the JSON path of each. Paths
 * are made only for a message: a 100k feed's shards have 1.2 million fields.
 */
export function parseArticleFields(r: Reader, a: Obj, at: (field: string) => string, warnings?: string[]): FeedArticle {
  try {
    return articleFields(r, a, at, warnings);
  } catch (error) {
    throw error instanceof FeedFormatError ? placed(error, at) : error;
  }
}

/** A field's own path ("summary", "body.href", "topics[2]") made whole by `at`. */
function placed(error: FeedFormatError, at: (field: string) => string): FeedFormatError {
  const field = /^[A-Za-z]+/.exec(error.path)?.[0];
  return field === undefined ? error : new FeedFormatError(error.file, at(field) + error.path.slice(field.length), error.problem);
}

/** parseArticleFields with each path named by its field alone. */
function articleFields(r: Reader, a: Obj, at: (field: string) => string, warnings?: string[]): FeedArticle {
  const date = r.nullableString(a.date, 'date');
  if (date !== null && Number.isNaN(Date.parse(date))) r.fail('date', 'expected an ISO 8601 date');
  const offset = date === null || typeof a.dateOffset !== 'number' ? 0 : clampOffset(a.dateOffset);
  const rawId = r.string(a.id, 'id');
  const id = safeArticleId(rawId);
  if (id !== rawId) addWarning(warnings, `${at('id')}: ${JSON.stringify(rawId.slice(0, 60))} is not a usable id; read as "${id}".`);
  const summary = displayText(r.nullableString(a.summary, 'summary') ?? '', MAX_SUMMARY_CHARS);
  const topics = topicSlugs(r.stringArray(a.topics, 'topics'), r.topicSlugs);
  if (topics.ignored > 0) addWarning(warnings, `${at('topics')}: only the first ${topics.slugs.length} topics are kept.`);
  return {
    id,
    slug: r.optText(a.slug, 'slug', MAX_ID_CHARS) ?? id,
    url: r.webUrl(r.string(a.url, 'url'), 'url', ''),
    title: r.text(a.title, 'title', MAX_TITLE_CHARS) || 'Untitled',
    date,
    ...(offset !== 0 ? { dateOffset: offset } : {}),
    topics: topics.slugs,
    author: r.optText(a.author, 'author', MAX_NAME_CHARS),
    summary: summary.text,
    // A summary cut here is shown with an ellipsis, like any other cut one.
    summaryTruncated: a.summaryTruncated === true || summary.cut,
    words: r.count(a.words, 'words'),
    readingMinutes: r.count(a.readingMinutes, 'readingMinutes'),
    body: parseBody(r, a.body, 'body'),
  };
}
