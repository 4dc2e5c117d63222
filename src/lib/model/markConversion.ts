import type { Mark } from './backup';
import type { ReaderMarks } from './readerState';

/** An article's stored marks as a backup mark; null when the reader never touched it. */
export function toBackupMark(marks: ReaderMarks, source: string, id: string): Mark | null {
  const mark: Mark = { source, id };
  if (marks.readAt !== null || marks.readChangedAt > 0) mark.read = { value: marks.readAt !== null, at: marks.readChangedAt || (marks.readAt ?? 0) };
  if (marks.savedChangedAt > 0) mark.saved = { value: marks.savedAt !== null, at: marks.savedChangedAt };
  if (marks.position) mark.position = { ...marks.position };
  return mark.read || mark.saved || mark.position ? mark : null;
}

/** Stored marks updated with a merged backup mark; opened times stay this device's own. */
export function withBackupMark(marks: ReaderMarks, mark: Mark): ReaderMarks {
  const next = { ...marks };
  if (mark.read) {
    next.readAt = mark.read.value ? (marks.readAt ?? mark.read.at) : null;
    next.readChangedAt = mark.read.at;
  }
  if (mark.saved) {
    next.savedAt = mark.saved.value ? (marks.savedAt ?? mark.saved.at) : null;
    next.savedChangedAt = mark.saved.at;
  }
  if (mark.position) next.position = { ...mark.position };
  return next;
}
