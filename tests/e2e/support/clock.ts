import type { Page } from '@playwright/test';

/**
 * Holds the page's clock from the next document's first script on. A start gives the head a deadline
 * (the database check, the folder's head.json), after which it starts the app without it: on a
 * machine loaded by other tests that fallback, not the head, would be what a test sees. With no timer
 * firing, the head is painted whatever the load, and the app is asked for only once the test calls
 * `page.clock.resume()`.
 */
export async function holdClock(page: Page): Promise<void> {
  const now = Date.now();
  await page.clock.install({ time: now });
  // A second on: pausing cannot go back past the time that ran since the install.
  await page.clock.pauseAt(now + 1000);
}
