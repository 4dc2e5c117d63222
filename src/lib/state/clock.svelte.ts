import { createSubscriber } from 'svelte/reactivity';

/** A coarse "now" for relative times such as "synced 5 minutes ago"; it ticks only while read. */
export class Clock {
  readonly #subscribe: () => void;

  constructor(intervalMs = 30_000) {
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}
