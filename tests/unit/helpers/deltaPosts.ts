import { syncFolder } from '../../../src/lib/ingest/folder';
import { deltaFolder } from './deltaFeed';
import { entry, FOLDER_URL } from './searchFeed';
import { openTestDb } from './testDb';

/** The feed folder source the delta tests sync. */
export const source = { id: 'blog', feedUrl: FOLDER_URL };

/** An archive large enough that the builder keeps a chain of deltas (they cost less than its shards). */
const archive = Array.from({ length: 40 }, (_, i) => entry(`old-${i}`, `2025-06-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`, `Old ${i}`, `an older post number ${i}`));
export const base = () => [
  ...archive,
  entry('a', '2026-04-01T00:00:00Z', 'April A', 'about apples'),
  entry('b', '2026-04-02T00:00:00Z', 'April B', 'about bananas'),
  entry('c', '2026-03-15T00:00:00Z', 'March C', 'about cherries'),
  entry('d', '2026-02-10T00:00:00Z', 'February D', null),
  entry('e', '2026-01-10T00:00:00Z', 'January E', 'about elderberries'),
];
/** A edited, D removed, F new in a new month, E untouched. */
export const edited = () => [
  entry('a', '2026-04-01T00:00:00Z', 'April A, edited', 'about apricots now'),
  ...base().filter((e) => ['b', 'c', 'e'].includes(e.article.id) || e.article.id.startsWith('old-')),
  entry('f', '2026-05-01T00:00:00Z', 'May F', 'about figs'),
];

/** A database synced with the base folder, and the folder, to be rebuilt. */
export async function syncedBase() {
  const db = openTestDb();
  const folder = deltaFolder();
  folder.build(base());
  await syncFolder(db, source, folder.env);
  return { db, folder };
}

