import { describe, expect, it } from 'vitest';
import { readArticles } from '../helpers/stored';
import { FolioDb } from '../../../src/lib/store/FolioDb';
import { buildChunk } from '../../../src/lib/store/chunks';
import { chunkArticle } from '../helpers/catalog';
import { openShippedSchema } from '../helpers/testDb';
import fixture from './fixtures/v1.json';

/** Writes the fixture with the first released schema, as a browser running that release would have. */
async function makeV1Database(name: string): Promise<void> {
  const old = await openShippedSchema(name, 1);
  for (const [table, rows] of Object.entries(fixture)) await old.table(table).bulkAdd(rows);
  old.close();
}

describe('schema upgrades', () => {
  it('turns a v1 database into the columnar catalogue, keeping articles, bodies and reader state', async () => {
    const name = `folio-upgrade-${Date.now()}`;
    await makeV1Database(name);
    const db = new FolioDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(8);
      expect(db.tables.map((t) => t.name).sort()).toEqual(['bodies', 'catalog', 'head', 'readerState', 'segments', 'sources', 'texts']);

      const articles = await readArticles(db);
      expect(articles.map((a) => [a.key, a.title, a.topics, a.author, a.bodyHash])).toEqual([
        ['default/c', 'Gamma', ['db'], 'Tester', 'hc'],
        ['default/b', 'Beta', ['rust', 'db'], 'Guest', null],
        ['default/a', 'Alpha', ['rust'], 'Tester', 'ha'],
      ]);
      expect(articles[0]).toMatchObject({ date: 1769904000000, summaryTruncated: true, words: 900, readingMinutes: 5, bodyBytes: 5000 });

      // Shard hashes survive, so the next sync knows nothing changed.
      expect((await db.catalog.toArray()).map((c) => [c.shardKey, c.hash]).sort()).toEqual([
        ['2026-01', 'aaaa000000000002'],
        ['2026-02', 'aaaa000000000001'],
      ]);
      expect(await db.bodies.toArray()).toEqual(fixture.bodies);
      expect(await db.readerState.orderBy('key').toArray()).toEqual(
        fixture.readerState.map((row) => ({ ...row, savedAt: null, position: null, readChangedAt: row.readAt ?? 0, savedChangedAt: 0 })),
      );
      expect(await db.sources.toArray()).toEqual(fixture.sources.map((source) => ({ ...source, topicNames: new Map(Object.entries(source.topicNames)) })));
    } finally {
      await db.delete();
    }
  });

  it('adds saved articles and reading positions to a v3 database, keeping what it held', async () => {
    const name = `folio-upgrade-v3-${Date.now()}`;
    const old = await openShippedSchema(name, 3);
    const { chunk, blocks } = buildChunk('default', '2026-01', 'h1', [chunkArticle({ id: 'a', date: '2026-01-02T00:00:00Z', topics: ['rust'] })]);
    await old.table('catalog').add(chunk);
    await old.table('texts').bulkAdd(blocks);
    await old.table('readerState').bulkAdd([
      { key: 'default/a', readAt: 50, openedAt: 60 },
      { key: 'default/b', readAt: null, openedAt: 70 },
    ]);
    old.close();

    const db = new FolioDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(8);
      expect(await db.readerState.orderBy('key').toArray()).toEqual([
        { key: 'default/a', readAt: 50, openedAt: 60, savedAt: null, position: null, readChangedAt: 50, savedChangedAt: 0 },
        { key: 'default/b', readAt: null, openedAt: 70, savedAt: null, position: null, readChangedAt: 0, savedChangedAt: 0 },
      ]);
      expect((await readArticles(db)).map((a) => a.key)).toEqual(['default/a']);
      expect(await db.readerState.where('savedAt').above(0).count()).toBe(0);
    } finally {
      await db.delete();
    }
  });

  it('gives the catalogue chunks of a v5 database date offsets of zero, keeping their dates and text', async () => {
    const name = `folio-upgrade-v5-${Date.now()}`;
    const old = await openShippedSchema(name, 5);
    const { chunk, blocks } = buildChunk('default', '2026-01', 'h1', [
      chunkArticle({ id: 'a', date: '2026-01-11T04:30:00Z', topics: ['rust'] }),
      chunkArticle({ id: 'b', date: '2026-01-02T00:00:00Z', topics: [] }),
    ]);
    // A v5 chunk had no offsets column.
    const { offsets: _dropped, ...v4Chunk } = chunk;
    await old.table('catalog').add(v4Chunk);
    await old.table('texts').bulkAdd(blocks);
    old.close();

    const db = new FolioDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(8);
      const [stored] = await db.catalog.toArray();
      expect(stored?.offsets).toBeInstanceOf(Int16Array);
      expect(Array.from(stored?.offsets ?? [])).toEqual([0, 0]);
      expect((await readArticles(db)).map((a) => [a.key, a.date])).toEqual([
        ['default/a', Date.parse('2026-01-11T04:30:00Z')],
        ['default/b', Date.parse('2026-01-02T00:00:00Z')],
      ]);
    } finally {
      await db.delete();
    }
  });

  it('adds an empty head table to a v6 database, keeping its chunks, text and reader state', async () => {
    const name = `folio-upgrade-v6-${Date.now()}`;
    const old = await openShippedSchema(name, 6);
    const { chunk, blocks } = buildChunk('default', '2026-01', 'h1', [chunkArticle({ id: 'a', date: '2026-01-11T04:30:00Z', topics: ['rust'] })]);
    await old.table('catalog').add(chunk);
    await old.table('texts').bulkAdd(blocks);
    await old.table('readerState').add({ key: 'default/a', readAt: 5, openedAt: 5, savedAt: null, position: null, readChangedAt: 5, savedChangedAt: 0 });
    old.close();

    const db = new FolioDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(8);
      expect(await db.head.count()).toBe(0);
      expect((await readArticles(db)).map((a) => [a.key, a.date])).toEqual([['default/a', Date.parse('2026-01-11T04:30:00Z')]]);
      expect((await db.readerState.get('default/a'))?.readAt).toBe(5);
    } finally {
      await db.delete();
    }
  });

  it('turns the topic names of the sources of a v7 database into Maps, keeping every name and the rest of each source', async () => {
    const name = `folio-upgrade-v7-${Date.now()}`;
    const old = await openShippedSchema(name, 7);
    const names = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`topic-${i}`, `Topic ${i}`]));
    const source = { id: 'default', kind: 'folio', feedUrl: 'https://blog.test/feed/', title: 'Blog', description: '', homepage: null, author: null, topicNames: names, articleCount: 3, feedGeneratedAt: null, lastSyncedAt: 9, revision: 4 };
    await old.table('sources').bulkAdd([source, { ...source, id: 'empty', topicNames: {} }]);
    await old.table('head').add({ id: 'head', cards: [] });
    old.close();

    const db = new FolioDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(8);
      const [stored, empty] = await db.sources.bulkGet(['default', 'empty']);
      expect(stored?.topicNames).toBeInstanceOf(Map);
      expect(stored?.topicNames.size).toBe(2000);
      expect(stored?.topicNames.get('topic-1999')).toBe('Topic 1999');
      expect({ ...stored, topicNames: null }).toEqual({ ...source, topicNames: null });
      expect(empty?.topicNames).toEqual(new Map());
      expect(await db.head.count()).toBe(1);
    } finally {
      await db.delete();
    }
  });
});
