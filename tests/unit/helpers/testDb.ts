import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { FolioDb } from '../../../src/lib/store/FolioDb';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8 } from '../../../src/lib/store/schema';
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

const SHIPPED = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8];

/** A database as a release with schema `version` made it: raw Dexie, every schema up to it, no upgrades. */
export async function openShippedSchema(name: string, version: number): Promise<Dexie> {
  const old = new Dexie(name);
  SHIPPED.slice(0, version).forEach((schema, i) => old.version(i + 1).stores(schema));
  await old.open();
  return old;
}
