import { describe, expect, it, vi } from 'vitest';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { storeBody } from '../../../src/lib/store/bodies';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { buildFolder, entry, FOLDER_URL, serveFolder } from '../helpers/searchFeed';
import { openTestDb } from '../helpers/testDb';

const source = { id: 'blog', feedUrl: FOLDER_URL };
const march = entry('m1', '2026-03-02T00:00:00Z', 'March notes', 'the quokka');
const february = entry('f1', '2026-02-02T00:00:00Z', 'February notes', 'zanzibar spices');

/** The tables of each read-write transaction that stores shards (it writes the catalogue). */
function shardWriteScopes(db: FolioDb): string[][] {
  const scopes: string[][] = [];
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => unknown;
  vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
    const tables = (Array.isArray(args[1]) ? args[1] : [args[1]]) as { name: string }[];
    const names = tables.map((t) => t.name).sort();
    if (args[0] === 'rw' && names.includes('catalog')) scopes.push(names);
    return transaction(...args);
  }) as never);
  return scopes;
}

describe('what a shard write holds', () => {
  it('leaves the bodies table free while a first sync stores its list, and takes it to delete a removed article’s text', async () => {
    const db = openTestDb();
    const scopes = shardWriteScopes(db);
    await syncFolder(db, source, serveFolder(buildFolder([march, february])).env);
    expect(scopes.length).toBeGreaterThan(1);
    expect(scopes.filter((tables) => tables.includes('bodies'))).toEqual([]);

    // February's article leaves the feed: its stored text goes in the same transaction.
    await storeBody(db, 'blog/f1', 'h', { html: '<p>zanzibar</p>', toc: [], cut: false });
    scopes.length = 0;
    await syncFolder(db, source, serveFolder(buildFolder([march])).env);
    expect(scopes.some((tables) => tables.includes('bodies'))).toBe(true);
    expect(await db.bodies.get('blog/f1')).toBeUndefined();
    expect(await db.catalog.count()).toBe(1);
  });

  it('commits a sync without waiting for the disk to flush', async () => {
    // Spied before the database opens: Dexie binds the transaction method as it opens.
    const proto = IDBDatabase.prototype;
    const opened: unknown[] = [];
    const transaction = proto.transaction;
    vi.spyOn(proto, 'transaction').mockImplementation(function (this: IDBDatabase, names: string | Iterable<string>, mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      if (mode === 'readwrite') opened.push(options?.durability);
      return transaction.call(this, names, mode, options);
    });
    await syncFolder(openTestDb(), source, serveFolder(buildFolder([march, february])).env);
    expect(opened.length).toBeGreaterThan(1);
    expect(new Set(opened)).toEqual(new Set(['relaxed']));
  });
});
