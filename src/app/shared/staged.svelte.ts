import { getContext } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/**
 * Context key: when the app mounts behind a painted head, boot.ts sets it to a function that is true
 * until the app has taken the head's place. Lists read it as they are created.
 */
export const STAGED_KEY = Symbol('staged');

/** Items a staged list adds per task. */
const STEP = 4;

/**
 * A list mounted behind the head renders a few items per task rather than all in one: the head is
 * on screen meanwhile, and twenty cards at once block input for over 200 ms on a slow phone. Once
 * every item has shown, later pages render whole, and so does any list created after the hand-over
 * (Back from an article must find the card it opened).
 */
export class Staged {
  limit = $state(Infinity);

  constructor(staged: boolean = getContext<(() => boolean) | undefined>(STAGED_KEY)?.() === true) {
    if (staged) this.limit = STEP;
  }

  /** On the list's element: after each render, the next items in a task of their own. */
  grow(total: () => number): Attachment {
    return () => {
      const limit = this.limit;
      const count = total();
      if (limit === Infinity || count === 0) return;
      const timer = setTimeout(() => (this.limit = limit + STEP >= count ? Infinity : limit + STEP), 0);
      return () => clearTimeout(timer);
    };
  }
}
