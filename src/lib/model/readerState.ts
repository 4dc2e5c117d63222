/** Where a reader left an article: the nearest heading above the top of the screen, and how far past it. */
export interface ReadingPosition {
  /** The heading's id in the article, or null before the first heading. */
  heading: string | null;
  /** 0–1 of the way from that heading to the next one (or the end). */
  fraction: number;
  /** 0–1 of the whole article, for progress bars. */
  progress: number;
  /** Epoch ms when it was taken. */
  at: number;
}

/** What the reader did with one article; keyed like the article, never written by a sync. */
export interface ReaderMarks {
  /** Article key (`source/id`). */
  key: string;
  /** When it was marked read; null while unread. */
  readAt: number | null;
  openedAt: number | null;
  /** When it was saved for later; null when not saved. */
  savedAt: number | null;
  position: ReadingPosition | null;
  /** When read/unread and saved last changed: on import, the newer mark wins. */
  readChangedAt: number;
  savedChangedAt: number;
}

/** Which articles a list shows by what the reader did: `?state=`. */
export type ReadingState = 'all' | 'unread' | 'read' | 'saved';

/** An article counts as finished from here on: the last lines are often footnotes and links. */
export const FINISHED_PROGRESS = 0.97;
