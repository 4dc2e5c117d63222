import { describe, expect, it } from 'vitest';
import type { FeedShard } from '../../../src/lib/feed/folder';
import { isSafeId, safeArticleId } from '../../../src/lib/feed/ids';
import {
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MAX_SUMMARY_CHARS,
  MAX_TITLE_CHARS,
  MAX_TOPIC_CHARS,
  MAX_TOPICS_PER_ARTICLE,
} from '../../../src/lib/feed/limits';
import { FeedFormatError } from '../../../src/lib/feed/folderError';
import { uniqueIdsAcrossShards } from '../../../src/lib/feed/ids';
import { parseManifest } from '../../../src/lib/feed/validate';
import { parseShard, readShard } from '../../../src/lib/feed/shard';

type Fields = Record<string, unknown>;
const article = (fields: Fields = {}) => ({
  id: 'a', slug: 'a', url: 'https://a.example/a/', title: 't', date: null, topics: [], author: null,
  summary: '', summaryTruncated: false, words: 0, readingMinutes: 0, body: null, ...fields,
});
const shard = (articles: Fields[], key = '2024-01') => ({ format: 'folio-feed-shard', version: 1, key, articles: articles.map(article) });
const manifest = (fields: Fields = {}) => ({
  format: 'folio-feed', version: 1, title: 'T', homepage: null, generatedAt: '2024-01-01T00:00:00Z', articleCount: 0, topics: [], shards: [], ...fields,
});
const ref = (key: string, href = `index/${key}.0123456789abcdef.json`) => ({ key, href, hash: '0123456789abcdef', count: 1 });
const one = (fields: Fields, warnings?: string[]) => {
  const [first] = parseShard(shard([fields]), 'index/x.json', warnings ? { warnings } : {}).articles;
  if (!first) throw new Error('no article');
  return first;
};

describe('feed folder shards are held to the limits of every other format', () => {
  it('cuts a 19 MB title, a long summary and a long author', () => {
    const a = one({ title: 'word '.repeat(4_000_000), summary: 'x '.repeat(10_000), author: 'n'.repeat(10_000) });
    expect(a.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(a.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(a.summaryTruncated).toBe(true);
    expect(a.author?.length).toBeLessThanOrEqual(MAX_NAME_CHARS);
  });

  it('keeps the first topics of an article with 100,000 of them, and bounds each one', () => {
    const warnings: string[] = [];
    const topics = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    const a = one({ topics: ['y'.repeat(10_000), ...topics] }, warnings);
    expect(a.topics).toHaveLength(MAX_TOPICS_PER_ARTICLE);
    expect(a.topics[0]).toHaveLength(MAX_TOPIC_CHARS);
    expect(warnings.join(' ')).toMatch(/only the first 50 topics/);
  });

  it('refuses ids that cannot be opened as URLs, and bounds their length', () => {
    const ids = ['', '.', '..', '../../etc', 'Upper Case', 'é', 'z'.repeat(1000)].map((id) => one({ id }).id);
    for (const id of ids) expect(isSafeId(id), id).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[6]?.length).toBeLessThanOrEqual(MAX_ID_CHARS);
    expect(one({ id: 'fine-id_1.2' }).id).toBe('fine-id_1.2');
    expect(safeArticleId('..')).toBe(safeArticleId('..'));
  });
});

describe('repeats in feed folders', () => {
  it('keeps each topic once per article, after normalising case and invisible characters', () => {
    expect(one({ topics: ['x', 'x', 'Rust', 'rust', 'ru\u200Bst', 'rust\uFE0F', 'ｒｕｓｔ'] }).topics).toEqual(['x', 'rust']);
  });

  it('keeps the first of two articles with one id in a shard, with a warning', () => {
    const warnings: string[] = [];
    const parsed = parseShard(shard([{ id: 'a', title: 'new' }, { id: 'a', title: 'old' }]), 'index/x.json', { warnings });
    expect(parsed.articles.map((a) => a.title)).toEqual(['new']);
    expect(warnings.join(' ')).toMatch(/"a" repeats/);
  });

  it('de-duplicates ids across the shards of a manifest, newest shard first', () => {
    const newer = parseShard(shard([{ id: 'a', title: 'new' }, { id: 'b' }], '2024-02'), 'x');
    const older = parseShard(shard([{ id: 'a', title: 'old' }, { id: 'c' }], '2024-01'), 'y');
    const warnings: string[] = [];
    const shards: FeedShard[] = uniqueIdsAcrossShards([newer, older], warnings);
    expect(shards.map((s) => s.articles.map((a) => `${a.id}:${a.title}`))).toEqual([['a:new', 'b:t'], ['c:t']]);
    expect(warnings).toHaveLength(1);
    expect(older.articles).toHaveLength(2); // the input is not changed
  });

  it('refuses a manifest that lists one shard key twice', () => {
    const bad = manifest({ shards: [ref('2024-01'), ref('2024-02'), ref('2024-01', 'index/other.json')] });
    expect(() => parseManifest(bad)).toThrow(FeedFormatError);
    expect(() => parseManifest(bad)).toThrow(/\$\.shards\[2\]\.key.*already used by \$\.shards\[0\]/);
  });

  it("reads a shard under the manifest's key when its own differs", () => {
    const warnings: string[] = [];
    expect(readShard(shard([{}], 'undated'), ref('2024-01'), warnings).key).toBe('2024-01');
    expect(warnings.join(' ')).toMatch(/calls itself "undated"/);
    expect(parseShard(shard([{}], 'undated'), 'x').key).toBe('undated');
  });

  it('normalises manifest topic slugs to lower case and merges two spellings of one', () => {
    const topics = parseManifest(
      manifest({ topics: [{ slug: 'Rust', name: 'Rust', count: 2 }, { slug: 'rust', name: 'rust', count: 1 }, { slug: '\u200B', name: 'x', count: 1 }] }),
    ).topics;
    expect(topics).toEqual([{ slug: 'rust', name: 'Rust', count: 3 }]);
  });
});

describe('look-alike text in feed folders', () => {
  it('drops bidi controls and invisible characters from titles, authors, summaries and topic names', () => {
    const a = one({ title: '\u202Egnp.exe\u202C Title\u200B', author: 'Ja\u2066ne\u2069', summary: 'Sum\uFEFFmary\u{E0041}' });
    expect([a.title, a.author, a.summary]).toEqual(['gnp.exe Title', 'Jane', 'Summary']);
    const [topic] = parseManifest(manifest({ topics: [{ slug: 'r\u200Fust', name: 'Ru\u200Dst', count: 1 }] })).topics;
    expect(topic).toEqual({ slug: 'rust', name: 'Rust', count: 1 });
  });

  it('keeps a mixed-script topic distinct from the Latin one, and marks its name', () => {
    const topics = parseManifest(manifest({ topics: [{ slug: 'rust', name: 'Rust', count: 1 }, { slug: 'r\u0443st', name: 'R\u0443st', count: 1 }] })).topics;
    expect(topics.map((t) => t.slug)).toEqual(['rust', 'r\u0443st']);
    expect(topics[1]?.name).toBe('R\u0443st (mixed scripts)');
  });
});
