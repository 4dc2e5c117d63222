import type { Transaction } from 'dexie';

/** A reader-state row as schema v1–v3 stored it. */
interface V3ReaderStateRow {
  key: string;
  readAt: number | null;
  openedAt: number | null;
}

/**
 * v3 → v4: reader state gains saved articles, a reading position and the times marks changed,
 * so an import can tell which mark is newer. A read mark's change time is when it was read.
 */
export async function upgradeReaderMarks(tx: Transaction): Promise<void> {
  await tx
    .table('readerState')
    .toCollection()
    .modify((row: V3ReaderStateRow & Record<string, unknown>) => {
      row.savedAt = null;
      row.position = null;
      row.readChangedAt = row.readAt ?? 0;
      row.savedChangedAt = 0;
    });
}
