import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import type { Article } from '../model/article';
import { FINISHED_PROGRESS, type ReaderMarks, type ReadingPosition } from '../model/readerState';
import type { BodySource } from '../queries/body';
import type { FolioDb } from '../store/FolioDb';
import { markOpened, readMarks, recentlyOpened, restoreRead, savePosition, setRead, setSaved } from '../store/readerState';

/** An article started and not finished, with how far the reader got. */
export interface Started {
  key: string;
  progress: number;
  at: number;
}

/** A change the reader can take back for a while. */
export interface Undoable {
  message: string;
  undo: () => Promise<void>;
}

const CONTINUE_LOOKBACK = 50;
const CONTINUE_SHOWN = 6;

/**
 * What the reader does with articles: read and unread, saved, where they stopped. Every write is a
 * store function; the lists see the result through the library's live queries, in every tab.
 */
export class Reading {
  #started = $state.raw<readonly Started[]>([]);
  /** The last bulk change, until it is undone or replaced. */
  undoable = $state.raw<Undoable | null>(null);
  readonly #db: FolioDb;
  readonly #bodies: BodySource;
  readonly #subscribe = createSubscriber(() => {
    const subscription = liveQuery(() => recentlyOpened(this.#db, CONTINUE_LOOKBACK)).subscribe({
      next: (rows) => (this.#started = startedOf(rows)),
    });
    return () => subscription.unsubscribe();
  });

  constructor(db: FolioDb, bodies: BodySource) {
    this.#db = db;
    this.#bodies = bodies;
  }

  /** Articles started and not finished, most recent first: "Continue reading". */
  get started(): readonly Started[] {
    this.#subscribe();
    return this.#started;
  }

  /** Losing a read mark is not worth interrupting the reader for. */
  markOpened(key: string): void {
    markOpened(this.#db, key).catch((error: unknown) => console.warn('Could not record that the article was opened', error));
  }

  async setRead(key: string, read: boolean): Promise<void> {
    await setRead(this.#db, [key], read);
  }

  /** Marks a whole list read, asking nothing; the change can be undone until the next one. */
  async markAllRead(keys: readonly string[]): Promise<void> {
    const previous = await setRead(this.#db, keys, true);
    const changed = previous.filter((m) => m.readAt === null).length;
    this.undoable = {
      message: `Marked ${changed} article${changed === 1 ? '' : 's'} as read.`,
      undo: async () => {
        this.undoable = null;
        await restoreRead(this.#db, previous);
      },
    };
  }

  /** Saving keeps the text on the device too, so a saved article always reads offline. */
  async setSaved(article: Article, feedUrl: string | undefined, saved: boolean): Promise<void> {
    await setSaved(this.#db, article.key, saved);
    if (!saved || feedUrl === undefined || article.bodyHref === null) return;
    const request = { key: article.key, bodyHref: article.bodyHref, bodyHash: article.bodyHash, url: article.url, feedUrl };
    if (!(await this.#bodies.current(request))) await this.#bodies.load(request);
  }

  savePosition(key: string, position: ReadingPosition): Promise<void> {
    return savePosition(this.#db, key, position, position.progress >= FINISHED_PROGRESS);
  }

  async positionOf(key: string): Promise<ReadingPosition | null> {
    return (await readMarks(this.#db, key))?.position ?? null;
  }
}

/** Opening an article marks it read, so "started" is by position: begun, and short of the end. */
function startedOf(rows: readonly ReaderMarks[]): Started[] {
  return rows
    .flatMap(({ key, position }) => (position && position.progress > 0.02 && position.progress < FINISHED_PROGRESS ? [{ key, progress: position.progress, at: position.at }] : []))
    .slice(0, CONTINUE_SHOWN);
}
