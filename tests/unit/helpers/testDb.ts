import { afterEach } from 'vitest';
import { FolioDb } from '../../../src/lib/store/FolioDb';
import type { ReaderMarks } from '../../../src/lib/model/readerState';

let counter = 0;
const open: FolioDb[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

/** A fresh database per test, deleted after it. */
export function openTestDb(): FolioDb {
  counter += 1;
  const db = new FolioDb(`folio-test-${Date.now()}-${counter}`);
  open.push(db);
  return db;
}

/** A reader-state row with defaults for what a test does not care about. */
export function marks(key: string, extra: Partial<ReaderMarks> = {}): ReaderMarks {
  return { key, readAt: null, openedAt: null, savedAt: null, position: null, readChangedAt: 0, savedChangedAt: 0, ...extra };
}
