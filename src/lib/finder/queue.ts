/**
 * The worker's searches, one at a time and each abandoned as soon as it is cancelled: at its next
 * pause while it runs, or before it starts. A reader typing past a slow search (a one-letter prefix
 * at 100,000 articles) no longer waits for it to end before their last word is searched.
 */

/** Thrown by `pause` in a cancelled search; `run` answers null for it. */
class Cancelled extends Error {}

/** A task of its own, so the worker reads the messages that came meanwhile (a `cancel`). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class SearchQueue {
  readonly #waiting = new Set<number>();
  readonly #cancelled = new Set<number>();
  #last: Promise<unknown> = Promise.resolve();

  /** A search already answered is not remembered: its cancel crossed the answer on the way. */
  cancel(id: number): void {
    if (this.#waiting.has(id)) this.#cancelled.add(id);
  }

  /**
   * Runs `change` (a body part joining the index) after the searches queued before it and before
   * those after: never in a search's pause, where it would make that search start again.
   */
  between<T>(change: () => T): Promise<T> {
    const result = this.#last.then(change);
    this.#last = result.catch(() => undefined);
    return result;
  }

  /** Runs `search` after the searches before it; null when it was cancelled before or while running. */
  run<T>(id: number, search: (pause: () => Promise<void>) => Promise<T>): Promise<T | null> {
    const pause = async () => {
      await nextTask();
      if (this.#cancelled.has(id)) throw new Cancelled();
    };
    this.#waiting.add(id);
    const result = this.#last.then(async () => {
      try {
        return this.#cancelled.has(id) ? null : await search(pause);
      } catch (error) {
        if (error instanceof Cancelled) return null;
        throw error;
      } finally {
        this.#waiting.delete(id);
        this.#cancelled.delete(id);
      }
    });
    this.#last = result.catch(() => undefined);
    return result;
  }
}
