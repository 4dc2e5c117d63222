import type { FolioDb } from './FolioDb';

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
