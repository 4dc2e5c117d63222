/** Reads about search segments that need no search code: the offline page's figures. */
import type { FolioDb } from './FolioDb';

/** How many body parts are missing and their bytes, from the index alone (no part is read). */
export async function missingBodySize(db: FolioDb): Promise<{ parts: number; bytes: number }> {
  const sizes = (await db.segments.where('missingBody').above(0).keys()) as number[];
  return { parts: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}
