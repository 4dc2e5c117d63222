import { flushSync } from 'svelte';

/** Polls `check` every 10 ms, flushing Svelte's effects between polls, until it holds or `timeoutMs` passes. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
    flushSync();
  }
}
