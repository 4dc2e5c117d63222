import type { FolioDb } from './FolioDb';

/** Opening an article marks it read; the first read time is kept. */
export async function markOpened(db: FolioDb, key: string, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', db.readerState, async () => {
    const existing = await db.readerState.get(key);
    await db.readerState.put({ key, readAt: existing?.readAt ?? now, openedAt: now });
  });
}

export async function markUnread(db: FolioDb, key: string): Promise<void> {
  await db.readerState.update(key, { readAt: null });
}
