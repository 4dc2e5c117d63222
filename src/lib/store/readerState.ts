import type { ReaderMarks, ReadingPosition } from '../model/readerState';
import type { FolioDb } from './FolioDb';

export const blankMarks = (key: string): ReaderMarks => ({
  key, readAt: null, openedAt: null, savedAt: null, position: null, readChangedAt: 0, savedChangedAt: 0,
});

/** Changes some articles' marks in one transaction, creating rows for articles never touched. */
async function change(db: FolioDb, keys: readonly string[], edit: (marks: ReaderMarks) => ReaderMarks): Promise<ReaderMarks[]> {
  return db.transaction('rw', db.readerState, async () => {
    const rows = await db.readerState.bulkGet([...keys]);
    const before = rows.map((row, i) => row ?? blankMarks(keys[i] ?? ''));
    await db.readerState.bulkPut(before.map(edit));
    return before;
  });
}

/** Opening an article marks it read; the first read time is kept. */
export async function markOpened(db: FolioDb, key: string, now: number = Date.now()): Promise<void> {
  await change(db, [key], (m) => ({ ...m, openedAt: now, readAt: m.readAt ?? now, readChangedAt: m.readAt === null ? now : m.readChangedAt }));
}

/**
 * Marks articles read or unread and returns their marks as they were, so the change can be undone
 * with `restoreRead`. Articles already in that state keep their times.
 */
export async function setRead(db: FolioDb, keys: readonly string[], read: boolean, now: number = Date.now()): Promise<ReaderMarks[]> {
  return change(db, keys, (m) =>
    (m.readAt !== null) === read ? m : { ...m, readAt: read ? now : null, readChangedAt: now },
  );
}

/** Puts read marks back as `setRead` found them. */
export async function restoreRead(db: FolioDb, previous: readonly ReaderMarks[]): Promise<void> {
  const byKey = new Map(previous.map((m) => [m.key, m]));
  await change(db, [...byKey.keys()], (m) => {
    const old = byKey.get(m.key);
    return old ? { ...m, readAt: old.readAt, readChangedAt: old.readChangedAt } : m;
  });
}

export async function setSaved(db: FolioDb, key: string, saved: boolean, now: number = Date.now()): Promise<void> {
  await change(db, [key], (m) => ((m.savedAt !== null) === saved ? m : { ...m, savedAt: saved ? now : null, savedChangedAt: now }));
}

/** Keeps where the reader is; the end of an article marks it read. */
export async function savePosition(db: FolioDb, key: string, position: ReadingPosition, finished: boolean): Promise<void> {
  await change(db, [key], (m) => {
    const read = finished && m.readAt === null ? { readAt: position.at, readChangedAt: position.at } : {};
    return { ...m, ...read, position };
  });
}

export async function readMarks(db: FolioDb, key: string): Promise<ReaderMarks | undefined> {
  return db.readerState.get(key);
}

/** Every article's marks, for a backup. */
export function readAllMarks(db: FolioDb): Promise<ReaderMarks[]> {
  return db.readerState.toArray();
}

/** Articles opened most recently, newest first: where "continue reading" looks. */
export function recentlyOpened(db: FolioDb, limit: number): Promise<ReaderMarks[]> {
  return db.readerState.where('openedAt').above(0).reverse().limit(limit).toArray();
}

