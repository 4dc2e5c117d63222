/**
 * Reads the keys of the stored catalogue chunks with the raw IndexedDB API, before Dexie loads:
 * the start-up check of the head record (`model/head.ts`). Reads only, and never creates the database.
 */

/** The database FolioDb opens (`DB_NAME`), named here so this file does not load Dexie. */
export const FOLIO_DB_NAME = 'folio';

/** The chunk keys, or null when there is no database (or no catalogue) to read. */
export function readStoredChunkKeys(name: string = FOLIO_DB_NAME, factory: IDBFactory | undefined = globalThis.indexedDB): Promise<string[] | null> {
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
      const done = (keys: string[] | null) => {
        db.close();
        resolve(keys);
      };
      if (!db.objectStoreNames.contains('catalog')) return done(null);
      try {
        const keys = db.transaction('catalog', 'readonly').objectStore('catalog').getAllKeys();
        keys.onsuccess = () => done(keys.result.filter((k): k is string => typeof k === 'string'));
        keys.onerror = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}
