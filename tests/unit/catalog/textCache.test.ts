import { describe, expect, it, vi } from 'vitest';
import { blocksFor } from '../../../src/lib/catalog/article';
import { TextReader } from '../../../src/lib/catalog/texts';
import { writeShards } from '../../../src/lib/store/shards';
import { article } from '../helpers/fakeFeed';
import { readCatalog } from '../helpers/stored';
import { openTestDb } from '../helpers/testDb';

const source = { id: 's', kind: 'feed' as const, feedUrl: 'https://s.test/', title: 'S', description: '', homepage: null, author: null, topicNames: new Map(), articleCount: 0, feedGeneratedAt: null, lastSyncedAt: 1 };

function months(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const month = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const articles = Array.from({ length: 40 }, (_, j) => article(`a${i}-${j}`, `${month}-${String(j % 28 + 1).padStart(2, '0')}T00:00:00Z`, []));
    return { shard: { format: 'folio-feed-shard' as const, version: 1 as const, key: month, articles }, hash: `h${i}` };
  });
}

describe('the text blocks kept in memory', () => {
  it('warms the blocks of scattered articles (a search\'s best hits) in one read, with no read-ahead', async () => {
    const db = openTestDb();
    await writeShards(db, { sourceId: 's', incoming: months(6), drop: new Set(), defaultAuthor: null, source });
    const catalog = await readCatalog(db);
    const reader = new TextReader(db);
    const reads = vi.spyOn(db.texts, 'bulkGet');
    const hits = [130, 5, 85];
    expect(reader.peek(catalog, hits)).toBeNull();
    await reader.warm(catalog, hits);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reader.peek(catalog, hits)?.map((a) => a.key)).toEqual(hits.map((p) => reader.peek(catalog, [p])?.[0]?.key));
    // Only the hits' own blocks: a load would have read ahead into the next month's (160–199).
    expect(reader.peek(catalog, [170])).toBeNull();
    // Warm again: all in memory, no read.
    await reader.warm(catalog, hits);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('keeps the most recently used blocks, up to a bound, and reads the others again', async () => {
    const db = openTestDb();
    // 120 months of 40 articles: a block per month, and a page with its read-ahead spans two.
    const incoming = Array.from({ length: 120 }, (_, i) => {
      const month = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      const articles = Array.from({ length: 40 }, (_, j) => article(`a${i}-${j}`, `${month}-${String(j % 28 + 1).padStart(2, '0')}T00:00:00Z`, []));
      return { shard: { format: 'folio-feed-shard' as const, version: 1 as const, key: month, articles }, hash: `h${i}` };
    });
    await writeShards(db, { sourceId: 's', incoming, drop: new Set(), defaultAuthor: null, source });
    const catalog = await readCatalog(db);
    expect(catalog.size).toBe(4800);
    const reader = new TextReader(db);
    const reads = vi.spyOn(db.texts, 'bulkGet');
    const read = (p: number) => reader.load(catalog, [p]);
    await read(0);
    const first = reads.mock.calls.length;
    expect(reader.peek(catalog, [0])).not.toBeNull();
    // Reading the rest of the list in steps keeps the first block in use throughout.
    for (let month = 1; month < 120; month++) {
      await read(month * 40);
      await read(0);
    }
    // The first block, in use all along, was never read again.
    const [firstBlock] = blocksFor(catalog, [0]);
    const readsOfFirst = reads.mock.calls.filter(([keys]) => (keys as string[]).includes(firstBlock!)).length;
    expect(readsOfFirst).toBe(1);
    expect(first).toBe(1);
    // Everything has been read once, yet memory holds a bounded number of blocks: asked for a row
    // never shown (shown rows are kept apart, below), a month answers only while its block is held.
    const held = Array.from({ length: 120 }, (_, month) => month * 40 + 1).filter((p) => reader.peek(catalog, [p]) !== null);
    expect(held.length).toBeLessThan(120);
    expect(held.length).toBeGreaterThan(20);
  });

  it('keeps the rows a list showed after their blocks leave, so showing them again reads nothing', async () => {
    const db = openTestDb();
    await writeShards(db, { sourceId: 's', incoming: months(120), drop: new Set(), defaultAuthor: null, source });
    const catalog = await readCatalog(db);
    const reader = new TextReader(db);
    // A search's page: scattered hits, a block each.
    const hits = [5, 130, 1_000, 2_222, 4_001];
    await reader.warm(catalog, hits);
    const shown = reader.peek(catalog, hits);
    expect(shown).not.toBeNull();
    // Other pages push every one of those blocks out.
    for (let month = 0; month < 120; month++) await reader.warm(catalog, [month * 40 + 39]);
    expect(reader.peek(catalog, hits.map((p) => p + 1))).toBeNull();
    const reads = vi.spyOn(db.texts, 'bulkGet');
    expect(reader.peek(catalog, hits)?.map((a) => a.title)).toEqual(shown?.map((a) => a.title));
    await reader.warm(catalog, hits);
    expect(await reader.load(catalog, [hits[0]!])).toHaveLength(1);
    // load reads ahead past a shown row (positions 6–55 were never shown), and no more than that.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[0]?.[0]).toEqual(blocksFor(catalog, Array.from({ length: 50 }, (_, i) => 6 + i)));
  });
});
