import { afterEach } from 'vitest';
import { FolioDb } from '../../../src/lib/store/FolioDb';

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
