import type { Mark } from '../model/backup';
import { mergeMarks } from '../model/backupMerge';
import { toBackupMark, withBackupMark } from '../model/markConversion';
import type { FolioDb } from './FolioDb';
import { blankMarks } from './readerState';

/** A backup mark for the article stored under `key`. */
export interface KeyedMark {
  key: string;
  mark: Mark;
}

/**
 * Merges imported marks into what is stored, in one transaction: per article and per field the
 * newer mark wins, nothing is deleted, and importing the same file again changes nothing.
 * Returns how many articles changed.
 */
export async function importMarks(db: FolioDb, incoming: readonly KeyedMark[]): Promise<number> {
  return db.transaction('rw', db.readerState, async () => {
    const keys = [...new Set(incoming.map((m) => m.key))];
    const stored = new Map((await db.readerState.bulkGet(keys)).map((row, i) => [keys[i] ?? '', row ?? blankMarks(keys[i] ?? '')]));
    const current = [...stored.values()].flatMap((m) => toBackupMark(m, '', m.key) ?? []);
    const { updated } = mergeMarks(current, incoming.map(({ key, mark }) => ({ ...mark, source: '', id: key })));
    await db.readerState.bulkPut(updated.map((mark) => withBackupMark(stored.get(mark.id) ?? blankMarks(mark.id), mark)));
    return updated.length;
  });
}
