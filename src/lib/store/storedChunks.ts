/**
 * Reads the stored catalogue chunk keys and the head record with the raw IndexedDB API, before Dexie
 * loads: the start-up check of the head record (`model/head.ts`). Reads only, and never creates the
 * database.
 */

/** The database FolioDb opens (`DB_NAME`), named here so this file does not load Dexie. */
export const FOLIO_DB_NAME = 'folio';
/** The key of the one row of the `head` table. */
export const HEAD_ROW_ID = 'default';

/** What the start reads: the chunk keys, and the stored head record as it is (unchecked). */
export interface StoredStart {
  chunks: string[];
  head: unknown;
}

/** The chunk keys and head, or null when there is no database (or no catalogue) to read. */
export function readStoredStart(name: string = FOLIO_DB_NAME, factory: IDBFactory | undefined = globalThis.indexedDB): Promise<StoredStart | null> {
  return new Promise((resolve) => {
    if (!factory) return resolve(null);
    let request: IDBOpenDBRequest;
    try {
      // No version: opens the database as it is. An upgrade means it did not exist: abort, so it is not created.
      request = factory.open(name);
    } catch {
      return resolve(null);
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema waits on no one: this read gives way.
      db.onversionchange = () => db.close();
      const done = (start: StoredStart | null) => {
        db.close();
        resolve(start);
      };
      if (!db.objectStoreNames.contains('catalog')) return done(null);
      try {
        // A database from before the head table has chunks and no head.
        const withHead = db.objectStoreNames.contains('head');
        const tx = db.transaction(withHead ? ['catalog', 'head'] : ['catalog'], 'readonly');
        const catalog = tx.objectStore('catalog');
        // Through the small sourceId index: a key scan of the store itself reads every chunk's bytes
        // (tens of milliseconds at 10,000 articles, before the first paint).
        const keys = catalog.indexNames.contains('sourceId') ? catalog.index('sourceId').getAllKeys() : catalog.getAllKeys();
        const head = withHead ? tx.objectStore('head').get(HEAD_ROW_ID) : null;
        tx.oncomplete = () =>
          done({ chunks: keys.result.filter((k): k is string => typeof k === 'string'), head: (head?.result as { record?: unknown } | undefined)?.record ?? null });
        tx.onerror = () => done(null);
        tx.onabort = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}
