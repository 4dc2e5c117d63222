import { describe, expect, it } from 'vitest';
import { removeOfflineCopies } from '../../../src/lib/store/bodies';
import { buildChunk } from '../../../src/lib/store/chunks';
import { chunkArticle } from '../helpers/catalog';
import { marks, openTestDb } from '../helpers/testDb';

describe('removeOfflineCopies', () => {
  it('deletes only the given bodies and keeps reader state and articles', async () => {
    const db = openTestDb();
    await db.catalog.put(buildChunk('default', '2026-01', 'h', ['a', 'b', 'c'].map((id) => chunkArticle({ id, date: null, topics: [] }))).chunk);
    await db.bodies.bulkPut(['a', 'b', 'c'].map((id) => ({ key: `default/${id}`, hash: 'h1', html: id, storedAt: 1 })));
    await db.readerState.bulkPut([marks('default/a', { readAt: 10, openedAt: 20 }), marks('default/b', { openedAt: 5 })]);

    expect(await removeOfflineCopies(db, ['default/a', 'default/b', 'default/missing', 'default/a'])).toBe(2);
    expect((await db.bodies.toArray()).map((b) => b.key)).toEqual(['default/c']);
    expect(await db.readerState.get('default/a')).toEqual(marks('default/a', { readAt: 10, openedAt: 20 }));
    expect(await db.readerState.count()).toBe(2);
    expect((await db.catalog.toArray())[0]?.ids).toEqual(['a', 'b', 'c']);
    expect(await removeOfflineCopies(db, [])).toBe(0);
  });
});
