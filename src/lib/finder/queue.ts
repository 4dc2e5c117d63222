/**
 * The worker's searches, one at a time and each abandoned as soon as it is cancelled: at its next
 * pause while it runs, or before it starts. A reader typing past a slow search (a one-letter prefix
 * at 100,000 articles) no longer waits for it to end before their last word is searched.
 *
 * Changes to the index (body parts fetched while online) wait for a moment with no search to run:
 * at 100,000 articles 121 parts arrive over the first seconds, and a search queued behind them
 * waited for every one that had come first.
 *
 * Fetching those parts waits for the reader to stop typing (`quiet`): on two cores, a download and
 * its parts joining beside a search made the first searches after the box's focus take 2–5× longer.
 */

/** Thrown by `pause` in a cancelled search; `run` answers null for it. */
class Cancelled extends Error {}

/** A task of its own, so the worker reads the messages that came meanwhile (a `cancel`, a search). */
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

interface Job {
  start(): Promise<void>;
}

export class SearchQueue {
  readonly #waiting = new Set<number>();
  readonly #cancelled = new Set<number>();
  readonly #searches: Job[] = [];
  readonly #changes: Job[] = [];
  #busy = false;
  /** When a search last came or ended, or the reader focused the box: `quiet` counts from it. */
  #lastAsked = -Infinity;

  /** The reader is at the search box (its focus): searches are coming, so changes hold back. */
  expectSearches(): void {
    this.#lastAsked = performance.now();
  }

  /** Resolves once no search has come, run, waited or ended for `ms`: the reader stopped typing. */
  async quiet(ms: number): Promise<void> {
    for (;;) {
      const left = this.#lastAsked + ms - performance.now();
      if (left <= 0 && !this.#busy && this.#searches.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(left, ms / 4)));
    }
  }

  /** A search already answered is not remembered: its cancel crossed the answer on the way. */
  cancel(id: number): void {
    if (this.#waiting.has(id)) this.#cancelled.add(id);
  }

  /**
   * Runs `change` (a body part joining the index) when no search runs or waits, one change a task:
   * never in a search's pause, where it would make that search start again.
   */
  between<T>(change: () => T | Promise<T>): Promise<Awaited<T>> {
    return this.#enqueue(this.#changes, change);
  }

  /** Runs `search` after the searches before it; null when it was cancelled before or while running. */
  run<T>(id: number, search: (pause: () => Promise<void>) => Promise<T>): Promise<T | null> {
    const pause = async () => {
      await nextTask();
      if (this.#cancelled.has(id)) throw new Cancelled();
    };
    this.#waiting.add(id);
    this.#lastAsked = performance.now();
    return this.#enqueue(this.#searches, async () => {
      try {
        return this.#cancelled.has(id) ? null : await search(pause);
      } catch (error) {
        if (error instanceof Cancelled) return null;
        throw error;
      } finally {
        // Counted from the answer too: the reader looks at it before the next word.
        this.#lastAsked = performance.now();
        this.#waiting.delete(id);
        this.#cancelled.delete(id);
      }
    });
  }

  #enqueue<T>(queue: Job[], work: () => T | Promise<T>): Promise<Awaited<T>> {
    return new Promise<Awaited<T>>((resolve, reject) => {
      queue.push({
        start: async () => {
          try {
            resolve(await work());
          } catch (error) {
            reject(error);
          }
        },
      });
      void this.#next();
    });
  }

  /** Searches first, then changes; a change goes in a task of its own, so a search sent meanwhile is read first. */
  async #next(): Promise<void> {
    if (this.#busy) return;
    const search = this.#searches.shift();
    const job = search ?? this.#changes.shift();
    if (!job) return;
    this.#busy = true;
    await job.start();
    if (!search) await nextTask();
    this.#busy = false;
    void this.#next();
  }
}
