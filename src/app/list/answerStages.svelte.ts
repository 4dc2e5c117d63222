import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/** Cards of a newly typed query's answer drawn in its first frame: more than a 1920 × 1080 screen shows. */
export const ANSWER_FIRST_CARDS = 6;

/**
 * Whose cards a list draws: a search's answer (its query), no search (null), or the cards already
 * drawn, kept while the next ones are read (undefined).
 */
export type DrawnQuery = string | null | undefined;

/**
 * Draws the answer to a newly typed query in two frames: its first cards, then the rest. Typing
 * brings an answer a key, and drawing a page of new cards (and taking down the ones before) held
 * the frame for 15–50 ms at 100k on a 2-core machine. The cards a list first draws come whole, as
 * do a page, a sort or a refresh of the same query: Back from an article must find its card, and a
 * card with focus must not be taken down.
 */
export class AnswerStages {
  /** Bumped when a staged answer's rest is let in: what `limit` reads to be asked again. */
  #grown = $state(0);
  /** What the last draw showed (undefined: nothing yet), written after it, read by the next: not state. */
  #drawnQuery: DrawnQuery = undefined;
  #drawnStaged = false;

  /** How many of the `count` cards of `query`'s answer to draw now. */
  limit(query: DrawnQuery, count: number): number {
    void this.#grown;
    if (query === undefined) return this.#drawnStaged ? ANSWER_FIRST_CARDS : Infinity;
    if (query === null || count <= ANSWER_FIRST_CARDS || this.#drawnQuery === undefined || query === this.#drawnQuery) return Infinity;
    return ANSWER_FIRST_CARDS;
  }

  /** On the list's element: notes what each draw showed, and lets a staged answer's rest in after the next frame. */
  after(shown: () => { query: DrawnQuery; count: number }): Attachment {
    return () => {
      const { query, count } = shown();
      // The cards kept while the next are read: nothing new was drawn (a pending rest waits for them).
      if (query === undefined) return;
      const staged = untrack(() => this.limit(query, count)) !== Infinity;
      this.#drawnQuery = query;
      this.#drawnStaged = staged;
      if (!staged) return;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          this.#drawnStaged = false;
          this.#grown += 1;
        }, 0);
      });
      return () => {
        cancelAnimationFrame(frame);
        if (timer !== null) clearTimeout(timer);
      };
    };
  }
}
