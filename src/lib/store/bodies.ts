import { BODY_SANITIZER_VERSION, type PreparedBody } from '../model/body';
import type { FolioDb } from './FolioDb';
import type { BodyRecord } from './records';

export function readBody(db: FolioDb, key: string): Promise<BodyRecord | undefined> {
  return db.bodies.get(key);
}

/** The row of an article's text, sanitised, under the feed hash of the copy. */
export function bodyRecord(key: string, hash: string, body: PreparedBody, now: number): BodyRecord {
  return { key, hash, html: body.html, toc: body.toc, cut: body.cut, sanitizer: BODY_SANITIZER_VERSION, storedAt: now };
}

/** Stores an article's sanitised text for offline reading, under the feed hash of the copy. */
export async function storeBody(db: FolioDb, key: string, hash: string, body: PreparedBody, now: number = Date.now()): Promise<BodyRecord> {
  const record = bodyRecord(key, hash, body, now);
  await db.bodies.put(record);
  return record;
}

// Bodies carry their HTML, so hashes are read in slices rather than all at once.
const HASH_SLICE = 100;

/** Key → hash of the stored copies among `keys`. */
export async function storedHashes(db: FolioDb, keys: readonly string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (let i = 0; i < keys.length; i += HASH_SLICE) {
    const rows = await db.bodies.bulkGet(keys.slice(i, i + HASH_SLICE));
    for (const row of rows) if (row !== undefined) hashes.set(row.key, row.hash);
  }
  return hashes;
}

/**
 * Deletes stored bodies and returns how many existed. Only `bodies` is touched: reader state
 * (read/opened) and the article list stay, so the articles show as "not downloaded".
 */
export async function removeOfflineCopies(db: FolioDb, keys: readonly string[]): Promise<number> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return 0;
  return db.transaction('rw', db.bodies, async () => {
    const existing = await db.bodies.bulkGet(unique);
    const present = unique.filter((_, i) => existing[i] !== undefined);
    await db.bodies.bulkDelete(present);
    return present.length;
  });
}
