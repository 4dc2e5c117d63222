import {
  FEED_FORMAT,
  FEED_VERSION,
  SHARD_FORMAT,
  type FeedArticle,
  type FeedBodyRef,
  type FeedManifest,
  type FeedShard,
  type FeedShardRef,
  type FeedTopic,
} from './folder';

import { FeedFormatError } from './folderError';

export { FeedFormatError };

type Obj = Record<string, unknown>;

class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new FeedFormatError(this.file, path, problem);
  }

  object(value: unknown, path: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Obj;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'expected an array');
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'expected a string');
    return value;
  }

  nullableString(value: unknown, path: string): string | null {
    return value === null || value === undefined ? null : this.string(value, path);
  }

  count(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(path, 'expected a whole number ≥ 0');
    return value;
  }

  literal<T>(value: unknown, expected: T, path: string): T {
    if (value !== expected) this.fail(path, `expected ${JSON.stringify(expected)}`);
    return expected;
  }

  /**
   * A link the app will put in an href: an absolute http(s) URL, or `empty` for anything else. A
   * "javascript:" or "data:" link from a hostile feed folder must never reach the page, so it is
   * dropped here, where every feed enters the app, rather than failing the whole feed.
   */
  webUrl<T extends string | null>(value: unknown, path: string, empty: T): string | T {
    const text = this.nullableString(value, path);
    if (text === null) return empty;
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:' ? text : empty;
    } catch {
      return empty;
    }
  }

  stringArray(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }
}

/** A relative href must stay inside the feed folder. */
function checkHref(r: Reader, href: string, path: string): string {
  if (href.startsWith('/') || href.includes('..') || /^[a-z][a-z0-9+.-]*:/i.test(href)) {
    r.fail(path, 'expected a path inside the feed folder');
  }
  return href;
}

export function parseManifest(json: unknown, file = 'manifest.json'): FeedManifest {
  const r = new Reader(file);
  const o = r.object(json, '$');
  // Check what kind of document it is first: a wrong kind explains every later mismatch.
  const format = r.literal(o.format, FEED_FORMAT, '$.format');
  const version = r.literal(o.version, FEED_VERSION, '$.version');
  const topics = r.array(o.topics, '$.topics').map((t, i): FeedTopic => {
    const p = `$.topics[${i}]`;
    const to = r.object(t, p);
    return { slug: r.string(to.slug, `${p}.slug`), name: r.string(to.name, `${p}.name`), count: r.count(to.count, `${p}.count`) };
  });
  const shards = r.array(o.shards, '$.shards').map((s, i): FeedShardRef => {
    const p = `$.shards[${i}]`;
    const so = r.object(s, p);
    return {
      key: r.string(so.key, `${p}.key`),
      href: checkHref(r, r.string(so.href, `${p}.href`), `${p}.href`),
      hash: r.string(so.hash, `${p}.hash`),
      count: r.count(so.count, `${p}.count`),
    };
  });
  return {
    format,
    version,
    title: r.string(o.title, '$.title'),
    description: r.nullableString(o.description, '$.description') ?? '',
    homepage: r.webUrl(o.homepage, '$.homepage', null),
    language: r.nullableString(o.language, '$.language') ?? 'en',
    author: r.nullableString(o.author, '$.author'),
    generatedAt: r.string(o.generatedAt, '$.generatedAt'),
    articleCount: r.count(o.articleCount, '$.articleCount'),
    topics,
    shards,
  };
}

function parseBody(r: Reader, value: unknown, path: string): FeedBodyRef | null {
  if (value === null || value === undefined) return null;
  const b = r.object(value, path);
  return {
    href: checkHref(r, r.string(b.href, `${path}.href`), `${path}.href`),
    hash: r.string(b.hash, `${path}.hash`),
    bytes: r.count(b.bytes, `${path}.bytes`),
  };
}

function parseArticle(r: Reader, value: unknown, path: string): FeedArticle {
  const a = r.object(value, path);
  const date = r.nullableString(a.date, `${path}.date`);
  if (date !== null && Number.isNaN(Date.parse(date))) r.fail(`${path}.date`, 'expected an ISO 8601 date');
  return {
    id: r.string(a.id, `${path}.id`),
    slug: r.string(a.slug, `${path}.slug`),
    url: r.webUrl(r.string(a.url, `${path}.url`), `${path}.url`, ''),
    title: r.string(a.title, `${path}.title`),
    date,
    topics: r.stringArray(a.topics, `${path}.topics`),
    author: r.nullableString(a.author, `${path}.author`),
    summary: r.nullableString(a.summary, `${path}.summary`) ?? '',
    summaryTruncated: a.summaryTruncated === true,
    words: r.count(a.words, `${path}.words`),
    readingMinutes: r.count(a.readingMinutes, `${path}.readingMinutes`),
    body: parseBody(r, a.body, `${path}.body`),
  };
}

export function parseShard(json: unknown, file: string): FeedShard {
  const r = new Reader(file);
  const o = r.object(json, '$');
  const format = r.literal(o.format, SHARD_FORMAT, '$.format');
  const version = r.literal(o.version, FEED_VERSION, '$.version');
  return {
    format,
    version,
    key: r.string(o.key, '$.key'),
    articles: r.array(o.articles, '$.articles').map((a, i) => parseArticle(r, a, `$.articles[${i}]`)),
  };
}
