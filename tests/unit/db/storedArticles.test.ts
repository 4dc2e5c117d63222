import { describe, expect, it } from 'vitest';
import { buildChunk } from '../../../src/lib/store/chunks';
import { blockKey, TEXT_BLOCK_SIZE } from '../../../src/lib/store/keys';
import { storedArticles } from '../../../src/lib/store/segments';
import { chunkArticle } from '../helpers/catalog';
import { openTestDb } from '../helpers/testDb';

/** A chunk of three text blocks, stored. */
async function storedChunk() {
  const db = openTestDb();
  const rows = Array.from({ length: TEXT_BLOCK_SIZE * 2 + 7 }, (_, i) => chunkArticle({ id: `a${i}`, date: '2026-01-01T00:00:00Z', topics: i % 2 ? ['go'] : [] }));
  const built = buildChunk('s', '2026-01', 'h', rows);
  await db.catalog.put(built.chunk);
  await db.texts.bulkPut(built.blocks);
  return { db, chunk: built.chunk };
}

describe('storedArticles', () => {
  it('rebuilds every row of a chunk from its columns and text blocks', async () => {
    const { db, chunk } = await storedChunk();
    const articles = await storedArticles(db, chunk);
    expect(articles.map((a) => a?.id)).toEqual(chunk.ids);
    expect(articles[1]).toMatchObject({ id: 'a1', topics: ['go'], date: Date.parse('2026-01-01T00:00:00Z') });
    expect(articles[TEXT_BLOCK_SIZE * 2 + 6]?.url).toBe(`https://blog.test/a${TEXT_BLOCK_SIZE * 2 + 6}/`);
  });

  it('leaves out only the rows of a missing block; the blocks after it still line up', async () => {
    const { db, chunk } = await storedChunk();
    await db.texts.delete(blockKey(chunk.key, 1));
    const articles = await storedArticles(db, chunk);
    const missing = articles.flatMap((a, i) => (a === null ? [i] : []));
    expect(missing).toEqual(Array.from({ length: TEXT_BLOCK_SIZE }, (_, i) => TEXT_BLOCK_SIZE + i));
    expect(articles[TEXT_BLOCK_SIZE * 2]?.id).toBe(`a${TEXT_BLOCK_SIZE * 2}`);
  });
});
