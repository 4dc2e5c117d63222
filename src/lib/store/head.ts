import type { HeadRecord } from '../model/head';
import type { FolioDb } from './FolioDb';
import { HEAD_ROW_ID } from './storedChunks';

/**
 * Stores the head record, or removes it (null). It is a cache the start checks against the stored
 * chunks, so a write that fails (a full disk) costs only the next head start.
 */
export async function saveHeadRecord(db: FolioDb, head: HeadRecord | null): Promise<void> {
  try {
    if (head === null) await db.head.delete(HEAD_ROW_ID);
    else await db.head.put({ id: HEAD_ROW_ID, record: head });
  } catch {
    // Nothing else is lost: the head is derived from the catalogue, and made again after the next render.
  }
}

/** The stored head record as it is (unchecked: only compared with the next one), or null. */
export async function loadHeadRecord(db: FolioDb): Promise<unknown> {
  try {
    return (await db.head.get(HEAD_ROW_ID))?.record ?? null;
  } catch {
    return null;
  }
}
