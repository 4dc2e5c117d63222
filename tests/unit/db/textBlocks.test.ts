import { describe, expect, it } from 'vitest';
import type { ArticleText } from '../../../src/lib/model/article';
import { buildChunk } from '../../../src/lib/store/chunks';
import { blockKey } from '../../../src/lib/store/keys';
import type { TextBlockRecord } from '../../../src/lib/store/records';
import { storedArticles } from '../../../src/lib/store/segments';
import { packTexts, textAt } from '../../../src/lib/store/textBlocks';
import { chunkArticle } from '../helpers/catalog';
import { openTestDb } from '../helpers/testDb';

const text = (over: Partial<ArticleText>): ArticleText => ({
  id: 'a',
  slug: 'a',
  url: 'https://blog.test/a/',
  title: 'A',
  author: 'Ann',
  summary: 'Summary',
  summaryTruncated: false,
  words: 10,
  readingMinutes: 1,
  bodyHref: 'bodies/a.html',
  bodyHash: 'h1',
  ...over,
});

describe('packed text blocks', () => {
  it('give back every row as it was written: nulls, empty strings, any characters, large numbers', () => {
    const rows = [
      text({}),
      text({ id: 'b', author: null, bodyHref: null, bodyHash: null, summaryTruncated: true, summary: '' }),
      text({ id: 'c', title: 'Rust 🦀 の本 — “quotes” \u0000', author: '', slug: '', words: 4_000_000_000, readingMinutes: 18_779_343 }),
      text({ id: 'd', summary: 'x'.repeat(5000) }),
    ];
    const block = { key: 'k#0', chunk: 'k', packed: packTexts(rows) };
    expect(rows.map((_, i) => textAt(block, i))).toEqual(rows);
    expect(textAt(block, 4)).toBeUndefined();
    expect(textAt(block, -1)).toBeUndefined();
  });

  it('are what a chunk writes, and read back through the store', async () => {
    const db = openTestDb();
    const articles = Array.from({ length: 60 }, (_, i) => chunkArticle({ id: `a${i}`, date: '2026-01-01T00:00:00Z', topics: [] }));
    const built = buildChunk('s', '2026-01', 'h', articles);
    expect(built.blocks.every((b) => 'packed' in b)).toBe(true);
    await db.catalog.put(built.chunk);
    await db.texts.bulkPut(built.blocks);
    const stored = await storedArticles(db, built.chunk);
    expect(stored.map((a) => a?.title)).toEqual(articles.map((a) => a.title));
  });

  it('leave blocks stored as one object a row readable', async () => {
    const db = openTestDb();
    const articles = Array.from({ length: 3 }, (_, i) => chunkArticle({ id: `a${i}`, date: '2026-01-01T00:00:00Z', topics: [] }));
    const built = buildChunk('s', '2026-01', 'h', articles);
    await db.catalog.put(built.chunk);
    // As releases before packing wrote it.
    const rows = articles.map(({ id, slug, url, title, author, summary, summaryTruncated, words, readingMinutes, bodyHref, bodyHash }) => ({ id, slug, url, title, author, summary, summaryTruncated, words, readingMinutes, bodyHref, bodyHash }));
    const old: TextBlockRecord = { key: blockKey(built.chunk.key, 0), chunk: built.chunk.key, rows };
    await db.texts.put(old);
    const stored = await storedArticles(db, built.chunk);
    expect(stored.map((a) => a?.id)).toEqual(['a0', 'a1', 'a2']);
    expect(stored[2]?.url).toBe(articles[2]?.url);
  });
});
