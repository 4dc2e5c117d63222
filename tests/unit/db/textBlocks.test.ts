import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/lib/catalog/catalog';
import { textLocation } from '../../../src/lib/catalog/article';
import { buildChunk, textBlockSize } from '../../../src/lib/store/chunks';
import { TEXT_BLOCK_BYTES, TEXT_BLOCK_SIZE, textBlockKeys } from '../../../src/lib/store/keys';
import { storedArticles } from '../../../src/lib/store/segments';
import { chunkArticle } from '../helpers/catalog';
import { openTestDb } from '../helpers/testDb';

/** Chromium's line: a value over it is stored apart, as a blob. */
const BLOB_LINE = 64 * 1024;

/** `count` articles, newest first, with summaries of `chars` characters made of `word`. */
const articles = (count: number, word: string, chars: number) =>
  Array.from({ length: count }, (_, i) => ({
    ...chunkArticle({ id: `post-${String(i).padStart(4, '0')}`, date: new Date(Date.UTC(2026, 3, 30) - i * 3_600_000).toISOString(), topics: ['go'] }),
    title: `Post ${i}`,
    summary: `${i} ${word.repeat(Math.ceil(chars / word.length))}`.slice(0, chars),
  }));

const stored = (value: unknown): number => v8.serialize(value).length;

describe('text blocks sized by bytes', () => {
  it('keeps short rows fifty to a block', () => {
    const built = buildChunk('s', '2026-04', 'h', articles(120, 'short ', 200));
    expect(built.chunk.blockSize).toBe(TEXT_BLOCK_SIZE);
    expect(built.blocks.map((b) => b.rows.length)).toEqual([50, 50, 20]);
  });

  it('puts fewer long rows in a block, so that no block is stored as a blob', () => {
    // "—" is not Latin-1: the whole string is stored two bytes a character.
    const twoByte = buildChunk('s', '2026-04', 'h', articles(400, 'long — words ', 1600));
    const oneByte = buildChunk('s', '2026-04', 'h', articles(400, 'long café words ', 1600));
    for (const built of [twoByte, oneByte]) {
      expect(built.chunk.blockSize).toBeLessThan(TEXT_BLOCK_SIZE);
      for (const block of built.blocks) expect(stored(block)).toBeLessThan(BLOB_LINE);
      // Not needlessly small: the full blocks come near the aim.
      expect(stored(built.blocks[0])).toBeGreaterThan(TEXT_BLOCK_BYTES * 0.75);
      expect(textBlockKeys(built.chunk)).toEqual(built.blocks.map((b) => b.key));
    }
    expect(oneByte.chunk.blockSize).toBeGreaterThan(twoByte.chunk.blockSize * 1.6);
  });

  it('gives at least one row a block, however long, and fifty to an empty chunk', () => {
    expect(textBlockSize(articles(3, 'x', 200_000))).toBe(1);
    expect(textBlockSize([])).toBe(TEXT_BLOCK_SIZE);
  });

  it('finds every row where the chunk says it is, through the catalogue and from the store', async () => {
    const rows = articles(130, 'long — words ', 1600);
    const built = buildChunk('s', '2026-04', 'h', rows);
    const db = openTestDb();
    await db.catalog.put(built.chunk);
    await db.texts.bulkPut(built.blocks);
    expect((await storedArticles(db, built.chunk)).map((a) => a?.summary)).toEqual(rows.map((a) => a.summary));
    const catalog = buildCatalog([built.chunk]);
    const blocks = new Map(built.blocks.map((b) => [b.key, b]));
    for (const p of [0, 1, 64, 129]) {
      const at = textLocation(catalog, p);
      expect(at && blocks.get(at.block)?.rows[at.row]?.id).toBe(rows[p]?.id);
    }
  });
});
