/**
 * Hostile Folio feed folders (manifest.json and index shards), for the folder sync path: each case
 * is JSON text of a manifest or of a shard (with the manifest key it is listed under). Built in
 * code: the large ones (a 19 MB title, 100,000 topics, deep nesting) are never committed.
 *
 * The contract (checkFolderCase): read into a sane manifest or shard, or refused with a
 * FeedFormatError naming the file and JSON path. Nothing else may be thrown.
 */
import type { FeedArticle, FeedManifest, FeedShard } from '../../src/lib/feed/folder';
import { isSafeId } from '../../src/lib/feed/ids';
import { MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, MAX_TOPICS_PER_ARTICLE } from '../../src/lib/feed/limits';
import { stripInvisible } from '../../src/lib/feed/text';
import { topicSlug } from '../../src/lib/feed/topics';
import { FeedFormatError } from '../../src/lib/feed/folderError';
import { parseManifest } from '../../src/lib/feed/validate';
import { parseShard } from '../../src/lib/feed/shard';
import type { Expectation } from './index';

export interface FolderCase {
  name: string;
  kind: 'manifest' | 'shard';
  text: string;
  expect: Expectation;
  /** For a shard: the key the manifest lists it under. */
  key?: string;
}

type Fields = Record<string, unknown>;
const article = (fields: Fields = {}): Fields => ({
  id: 'a', slug: 'a', url: 'https://f.example/a/', title: 't', date: '2024-01-01T00:00:00.000Z', topics: [], author: null,
  summary: '', summaryTruncated: false, words: 1, readingMinutes: 1, body: null, ...fields,
});
const shard = (articles: Fields[], key = '2024-01') => JSON.stringify({ format: 'folio-feed-shard', version: 1, key, articles: articles.map(article) });
const manifest = (fields: Fields) =>
  JSON.stringify({ format: 'folio-feed', version: 1, title: 'F', homepage: null, generatedAt: '2024-01-01T00:00:00Z', articleCount: 0, topics: [], shards: [], ...fields });
const ref = (key: string) => ({ key, href: `index/${key}.0123456789abcdef.json`, hash: '0123456789abcdef', count: 1 });
const s = (name: string, text: string, expect: Expectation = 'parse', key?: string): FolderCase => ({ name: `folder/${name}`, kind: 'shard', text, expect, ...(key ? { key } : {}) });
const m = (name: string, text: string, expect: Expectation = 'parse'): FolderCase => ({ name: `folder/${name}`, kind: 'manifest', text, expect });

export function folderCases(): FolderCase[] {
  const depth = 100_000;
  return [
    s('shard-19mb-title', shard([{ title: 'word '.repeat(3_800_000) }])),
    s('shard-huge-summary-author', shard([{ summary: 'x'.repeat(100_000), author: 'y'.repeat(100_000) }])),
    s('shard-100k-topics', shard([{ topics: Array.from({ length: 100_000 }, (_, i) => `t${i}`) }])),
    s('shard-duplicate-topics', shard([{ topics: ['x', 'x', 'X', 'ru\u200Bst', 'rust\uFE0F', 'Rust'] }])),
    s('shard-duplicate-ids', shard([{ id: 'a', title: 'new' }, { id: 'a', title: 'old' }])),
    s('shard-unusable-ids', shard(['', '.', '..', '../x', 'UPPER', 'z'.repeat(5000)].map((id) => ({ id })))),
    s('shard-bidi-invisible', shard([{ title: '\u202Egnp.exe\u202C T\u200Bitle', author: 'J\u2066ane', summary: 'S\uFEFFum', topics: ['r\u0443st', '\u200B'] }])),
    s('shard-key-mismatch', shard([{}], 'undated'), 'parse', '2024-01'),
    s('shard-topics-not-strings', shard([{ topics: [1, 2] }]), 'reject'),
    s('shard-deep-nesting', `{"format":"folio-feed-shard","version":1,"key":"k","articles":[{"id":"a","topics":${'['.repeat(depth)}${']'.repeat(depth)}}]}`, 'reject'),
    m('manifest-duplicate-shard-keys', manifest({ shards: [ref('2024-01'), ref('2024-01')] }), 'reject'),
    m('manifest-uppercase-topics', manifest({ topics: [{ slug: 'Rust', name: 'Rust', count: 1 }, { slug: 'rust', name: 'r', count: 1 }, { slug: 'r\u0443st', name: 'r\u0443st', count: 1 }] })),
    m('manifest-huge-title', manifest({ title: 't'.repeat(5_000_000), author: '\u202Ea'.repeat(1000) })),
    m('manifest-deep-nesting', `{"format":"folio-feed","version":1,"title":"t","topics":${'['.repeat(depth)}${']'.repeat(depth)}}`, 'reject'),
  ];
}

function fail(what: string): never {
  throw new Error(what);
}

function checkShown(value: string | null, what: string, max: number): void {
  if (value === null) return;
  if (value.length > max) fail(`${what} is ${value.length} characters long`);
  if (stripInvisible(value) !== value) fail(`${what} keeps an invisible character`);
}

function checkArticles(articles: FeedArticle[]): void {
  const ids = new Set<string>();
  for (const [i, a] of articles.entries()) {
    const at = `articles[${i}]`;
    if (!isSafeId(a.id) || ids.has(a.id)) fail(`${at}.id ${JSON.stringify(a.id.slice(0, 40))} is unsafe or repeated`);
    ids.add(a.id);
    checkShown(a.title, `${at}.title`, MAX_TITLE_CHARS);
    checkShown(a.author, `${at}.author`, MAX_NAME_CHARS);
    checkShown(a.summary, `${at}.summary`, MAX_SUMMARY_CHARS);
    if (a.topics.length > MAX_TOPICS_PER_ARTICLE || new Set(a.topics).size !== a.topics.length) fail(`${at}.topics too many or repeated`);
    for (const t of a.topics) if (t === '' || topicSlug(t) !== t) fail(`${at}.topics has ${JSON.stringify(t)}, not normalised`);
    if (a.url !== '' && !/^https?:\/\//.test(a.url)) fail(`${at}.url is not http(s)`);
  }
}

function checkManifest(manifest: FeedManifest): void {
  checkShown(manifest.title, 'title', MAX_TITLE_CHARS);
  checkShown(manifest.author, 'author', MAX_NAME_CHARS);
  const slugs = new Set(manifest.topics.map((t) => t.slug));
  if (slugs.size !== manifest.topics.length) fail('a topic slug repeats');
  for (const t of manifest.topics) if (topicSlug(t.slug) !== t.slug) fail(`topic ${t.slug} is not normalised`);
  if (new Set(manifest.shards.map((r) => r.key)).size !== manifest.shards.length) fail('a shard key repeats');
}

/** Reads one case and checks the contract; returns what it was read as. */
export function checkFolderCase(c: FolderCase): 'parsed' | 'rejected' {
  let read: FeedManifest | FeedShard;
  try {
    read = c.kind === 'manifest' ? parseManifest(JSON.parse(c.text)) : parseShard(JSON.parse(c.text), 'index/x.json', c.key ? { key: c.key } : {});
  } catch (error) {
    if (!(error instanceof FeedFormatError)) throw error;
    if (!/^\S+: \$[^:]*: .{8,}/.test(error.message)) fail(`refusal without a place and a reason: ${error.message}`);
    return 'rejected';
  }
  if ('articles' in read) {
    checkArticles(read.articles);
    if (c.key !== undefined && read.key !== c.key) fail(`the shard is read under ${read.key}, not the manifest's ${c.key}`);
  } else checkManifest(read);
  return 'parsed';
}
