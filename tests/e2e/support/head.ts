/** The head record in the database's head table, read and written as the entry script reads it. */
import { expect, type Page } from '@playwright/test';
import { headMatches, readHeadRecord } from '../../../src/lib/model/head';

/** The stored head record (null when there is none) and the catalogue's chunk keys, read in one transaction. */
function readStored(page: Page): Promise<{ head: unknown; chunks: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ head: unknown; chunks: string[] }>((resolve) => {
        const none = { head: null, chunks: [] };
        const open = indexedDB.open('folio');
        open.onerror = () => resolve(none);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('head')) return (db.close(), resolve(none));
          const tx = db.transaction(['head', 'catalog']);
          const head = tx.objectStore('head').get('default');
          const chunks = tx.objectStore('catalog').getAllKeys();
          tx.oncomplete = () => (db.close(), resolve({ head: (head.result as { record?: unknown } | undefined)?.record ?? null, chunks: chunks.result as string[] }));
          tx.onerror = () => (db.close(), resolve(none));
        };
      }),
  );
}

/** The head record as stored in the database's head table, as JSON; null when there is none. */
export async function storedHead(page: Page): Promise<string | null> {
  const { head } = await readStored(page);
  return head === null ? null : JSON.stringify(head);
}

/**
 * The stored head as JSON when a start would paint it: made from exactly the catalogue chunks the
 * database holds (as `headMatches` checks). Null when there is none, or only a stale one that a
 * write still to come will replace.
 */
export async function freshStoredHead(page: Page): Promise<string | null> {
  const { head, chunks } = await readStored(page);
  const record = readHeadRecord(head);
  return record && headMatches(record, chunks) ? JSON.stringify(head) : null;
}

/** Waits until the stored head is one a start would paint (polled: the keeper writes a moment after a change). */
export async function waitForFreshHead(page: Page): Promise<void> {
  await expect.poll(async () => (await freshStoredHead(page)) !== null, { timeout: 15_000 }).toBe(true);
}

/** Puts a head record (JSON) into the database's head table, as an earlier start would have left it. */
export async function putStoredHead(page: Page, json: string): Promise<void> {
  await page.evaluate(
    (text) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('folio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('head', 'readwrite');
          tx.objectStore('head').put({ id: 'default', record: JSON.parse(text) });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    json,
  );
}

/** Waits until the stored head satisfies `check` (polled: the keeper writes a moment after the list settles). */
export async function waitForStoredHead(page: Page, check: (json: string | null) => boolean): Promise<string | null> {
  let last: string | null = null;
  await expect.poll(async () => check((last = await storedHead(page))), { timeout: 15_000 }).toBe(true);
  return last;
}
