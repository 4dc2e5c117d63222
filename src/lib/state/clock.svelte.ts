/** A coarse "now" for relative times such as "synced 5 minutes ago". */
export class Clock {
  now = $state(Date.now());

  constructor(intervalMs = 30_000) {
    setInterval(() => (this.now = Date.now()), intervalMs);
  }
}

export const clock = new Clock();
