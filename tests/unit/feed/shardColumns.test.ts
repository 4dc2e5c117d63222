import { describe, expect, it } from 'vitest';
import { layoutFeed, type ShardFileVersion } from '../../../cli/feedFiles';
import { generateBlog, unpackBody } from '../../../bench/generate';
import type { FeedArticle, FeedColumnShard } from '../../../src/lib/feed/folder';
import { FeedFormatError } from '../../../src/lib/feed/folderError';
import { encodeColumns } from '../../../src/lib/feed/shardColumns';
import { parseShard, readShard } from '../../../src/lib/feed/shard';
import { parseManifest } from '../../../src/lib/feed/validate';
import { syncFolder } from '../../../src/lib/ingest/folder';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { article, FEED_URL, fakeFetch, makeFeed } from '../helpers/fakeFeed';
import { readArticles } from '../helpers/stored';
import { openTestDb } from '../helpers/testDb';

const INFO = { title: 'T', description: '', homepage: 'https://blog.example/', language: 'en', author: 'Ann', generatedAt: '2026-01-01T00:00:00.000Z', topics: [] };

type Entry = { article: Omit<FeedArticle, 'body'>; bodyHtml: string | null };

const base = (id: string, date: string | null, extra: Partial<FeedArticle> = {}): Entry['article'] => ({
  id,
  slug: id,
  url: `https://blog.example/posts/${id}/`,
  title: `Title ${id}`,
  date,
  topics: ['go', 'rust'],
  author: 'Ann',
  summary: `Summary of ${id}`,
  summaryTruncated: false,
  words: 640,
  readingMinutes: 4,
  ...extra,
});

/** Every field at its default and away from it: the columns must give back each of them. */
const ENTRIES: Entry[] = [
  { article: base('plain', '2026-01-20T10:00:00.000Z'), bodyHtml: '<p>plain</p>' },
  { article: base('own-slug', '2026-01-19T10:00:00.000Z', { slug: 'another-slug', url: 'https://blog.example/posts/another-slug/' }), bodyHtml: '<p>a</p>' },
  { article: base('odd-url', '2026-01-18T10:00:00.000Z', { url: 'https://elsewhere.example/x' }), bodyHtml: null },
  { article: base('no-url', '2026-01-17T10:00:00.000Z', { url: '' }), bodyHtml: null },
  { article: base('offset', '2026-01-16T10:00:00.000Z', { dateOffset: -300, summaryTruncated: true, topics: [] }), bodyHtml: '<p>o</p>' },
  { article: base('minutes', '2026-01-15T10:00:00.000Z', { readingMinutes: 9, words: 0, author: null }), bodyHtml: '<p>m</p>' },
  { article: base('dollar', '2026-01-14T10:00:00.000Z', { slug: 'a$&b', url: 'https://blog.example/posts/a$&b/', author: 'Bo', topics: ['rust', 'zig'] }), bodyHtml: null },
  { article: base('undated', null), bodyHtml: '<p>u</p>' },
];

/** Every article of a laid-out feed, read as the app reads its shards. */
function readAll(version: ShardFileVersion, entries: Entry[] = ENTRIES) {
  const { manifest, files } = layoutFeed(entries, INFO, { search: false, shardVersion: version });
  const read = parseManifest(JSON.parse(JSON.stringify(manifest)));
  const shards = read.shards.map((ref) => readShard(JSON.parse(files.get(ref.href)?.toString('utf8') ?? ''), ref));
  return { manifest: read, shards, articles: shards.flatMap((s) => s.articles), bytes: read.shards.reduce((n, ref) => n + (files.get(ref.href)?.length ?? 0), 0) };
}

describe('columnar shards (version 2)', () => {
  it('read back to the same articles as full-record shards', () => {
    const full = readAll(1);
    const columns = readAll(2);
    expect(full.manifest.version).toBe(3);
    expect(columns.manifest.version).toBe(4);
    expect(columns.shards.map((s) => s.version)).toEqual(columns.shards.map(() => 2));
    expect(columns.articles).toHaveLength(ENTRIES.length);
    expect(columns.articles).toEqual(full.articles);
  });

  it('read a generated blog back to the same articles, in fewer bytes', () => {
    const blog = generateBlog(300, 7).entries.map((entry) => ({ article: entry.article, bodyHtml: unpackBody(entry) }));
    const full = readAll(1, blog);
    const columns = readAll(2, blog);
    expect(columns.articles).toEqual(full.articles);
    expect(columns.bytes).toBeLessThan(full.bytes * 0.8);
  });

  it('write a derivable value only where deriving it would give something else', () => {
    const { articles } = readAll(1);
    const shard = encodeColumns('2026-01', articles.filter((a) => a.date !== null));
    expect(shard.urlTemplate).toBe('https://blog.example/posts/{slug}/');
    expect(shard.topics).toEqual(['go', 'rust', 'zig']);
    expect(shard.authors).toEqual(['Ann', 'Bo']);
    expect(shard.columns.slug).toEqual({ 1: 'another-slug', 6: 'a$&b' });
    expect(shard.columns.url).toEqual({ 2: 'https://elsewhere.example/x', 3: '' });
    expect(shard.columns.dateOffset).toEqual({ 4: -300 });
    expect(shard.columns.readingMinutes).toEqual({ 5: 9 });
    expect(shard.columns.bodyHref).toBeUndefined();
    expect(shard.columns.summaryTruncated).toEqual([0, 0, 0, 0, 1, 0, 0]);
    // Keys once per shard, not once per article.
    expect(JSON.stringify(shard)).not.toMatch(/"(id|title|summary)":"/);
  });
});

/** A good version 2 shard of three articles, to break one piece at a time. */
function good(): FeedColumnShard {
  return encodeColumns('2026-01', [
    { ...base('a', '2026-01-03T00:00:00.000Z'), body: { href: 'bodies/a.h1.html', hash: 'h1', bytes: 9 } },
    { ...base('b', '2026-01-02T00:00:00.000Z'), body: null },
    { ...base('c', '2026-01-01T00:00:00.000Z', { topics: [] }), body: null },
  ]);
}

const broken: [string, (s: FeedColumnShard) => unknown, RegExp][] = [
  ['a column shorter than the ids', (s) => ({ ...s, columns: { ...s.columns, title: ['A', 'B'] } }), /\$\.columns\.title: expected 3 values, one per id, got 2/],
  ['a column that is not an array', (s) => ({ ...s, columns: { ...s.columns, summary: 'x' } }), /\$\.columns\.summary: expected an array/],
  ['no id column', (s) => ({ ...s, columns: { ...s.columns, id: undefined } }), /\$\.columns\.id: expected an array/],
  ['a title of the wrong type', (s) => ({ ...s, columns: { ...s.columns, title: ['A', 5, 'C'] } }), /\$\.columns\.title\[1\]: expected a string/],
  ['words as text', (s) => ({ ...s, columns: { ...s.columns, words: [1, '2', 3] } }), /\$\.columns\.words\[1\]: expected a whole number/],
  ['a topic index out of range', (s) => ({ ...s, columns: { ...s.columns, topics: [[0], [1, 2], []] } }), /\$\.columns\.topics\[1\]\[1\]: expected an index into \$\.topics \(0 to 1\)/],
  ['a topic index that is text', (s) => ({ ...s, columns: { ...s.columns, topics: [['go'], [], []] } }), /\$\.columns\.topics\[0\]\[0\]: expected an index/],
  ['an author index out of range', (s) => ({ ...s, columns: { ...s.columns, author: [0, 3, null] } }), /\$\.columns\.author\[1\]: expected an index into \$\.authors/],
  ['a topic table of numbers', (s) => ({ ...s, topics: [1, 2] }), /\$\.topics\[0\]: expected a string/],
  ['a body that is not [hash, bytes]', (s) => ({ ...s, columns: { ...s.columns, body: [{ hash: 'h' }, null, null] } }), /\$\.columns\.body\[0\]: expected null or \[hash, bytes\]/],
  ['a body size that is negative', (s) => ({ ...s, columns: { ...s.columns, body: [['h', -1], null, null] } }), /\$\.columns\.body\[0\]\.bytes: expected a whole number/],
  ['a body href outside the folder', (s) => ({ ...s, columns: { ...s.columns, bodyHref: { 0: '../../x.html' } } }), /\$\.columns\.body\[0\]\.href: expected a path inside the feed folder/],
  ['a sparse row past the last', (s) => ({ ...s, columns: { ...s.columns, slug: { 3: 'x' } } }), /\$\.columns\.slug: "3" is not a row: expected 0 to 2/],
  ['a sparse row that is not a number', (s) => ({ ...s, columns: { ...s.columns, url: { first: 'https://a/' } } }), /\$\.columns\.url: "first" is not a row/],
  ['a sparse slug of the wrong type', (s) => ({ ...s, columns: { ...s.columns, slug: { 1: 7 } } }), /\$\.columns\.slug\["1"\]: expected a string/],
  ['a URL pattern that is not text', (s) => ({ ...s, urlTemplate: 3 }), /\$\.urlTemplate: expected a string/],
  ['an unknown version', (s) => ({ ...s, version: 3 }), /\$\.version: expected one of 1, 2/],
];

describe('a malformed columnar shard', () => {
  it.each(broken)('is refused with the path of the problem: %s', (_name, breakIt, message) => {
    const error = (() => {
      try {
        parseShard(breakIt(good()), 'index/2026-01.x.json');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FeedFormatError);
    expect((error as Error).message).toMatch(/^index\/2026-01\.x\.json: /);
    expect((error as Error).message).toMatch(message);
  });

  it('reads the good shard the cases start from', () => {
    expect(parseShard(good(), 'x').articles.map((a) => [a.id, a.topics, a.body?.href ?? null])).toEqual([
      ['a', ['go', 'rust'], 'bodies/a.h1.html'],
      ['b', ['go', 'rust'], null],
      ['c', [], null],
    ]);
  });

  it('fails a sync and loses nothing stored', async () => {
    const db: FolioDb = openTestDb();
    const source = { id: 'default', feedUrl: FEED_URL };
    const env = (files: Map<string, unknown>) => ({ fetcher: fakeFetch(files).fetcher, online: true, now: Date.now });
    await syncFolder(db, source, env(makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z')] }).files));
    const before = await readArticles(db);
    const next = makeFeed({ '2026-01': [article('a', '2026-01-02T00:00:00Z'), article('b', '2026-01-03T00:00:00Z')] });
    const ref = next.manifest.shards[0]!;
    next.files.set(ref.href, { ...good(), columns: { ...good().columns, topics: [[0], [9], []] } });
    next.files.set('manifest.json', { ...next.manifest, version: 4 });
    const error = await syncFolder(db, source, env(next.files)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/\$\.columns\.topics\[1\]\[0\]: expected an index into \$\.topics/);
    expect(await readArticles(db)).toEqual(before);
    expect(before.map((a) => a.id)).toEqual(['a']);
  });
});
