import { db } from '../store/appDb';
import { markOpened } from '../store/readerState';

/** Bound to the app's database, for components (which never import the db themselves). */
export function recordArticleOpened(key: string): void {
  markOpened(db, key).catch((error: unknown) => {
    // Losing a read mark is not worth interrupting the reader for.
    console.warn('Could not record that the article was opened', error);
  });
}
