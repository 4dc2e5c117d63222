import { expect, type Page } from '@playwright/test';

/** Waits until the list shows articles and no sync is still filling it in. */
export async function waitForList(page: Page): Promise<void> {
  // The app's own list: the app is mounted (its header's sync status) and a head painted before it
  // loaded (.head-main) has handed over.
  await expect(page.locator('.sync-status')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('.head-main')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('.card-title').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.sync-status')).not.toHaveAttribute('data-sync-state', 'syncing', { timeout: 30_000 });
}

/** The titles of the cards on the page, from the DOM's text (innerText depends on layout). */
export async function cardTitles(page: Page): Promise<string[]> {
  return (await page.locator('.card-title').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The service worker must control the page before going offline, or a reload has nothing to serve it. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}

export async function totalCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('total-count').innerText());
}

/**
 * Leaves the app for a page of its origin that is not the app, and gives the app's workers a moment
 * to wind down: a worker can still finish a write just after its page has gone, and a write landing
 * after a test clears storage would bring back what the test means to be gone.
 */
export async function leaveApp(page: Page): Promise<void> {
  await page.route('**/__evict', (route) => route.fulfill({ body: '<!doctype html><title>evict</title>', contentType: 'text/html' }));
  await page.goto('/__evict');
  // A service worker's navigation fallback would have served the app instead.
  await expect(page).toHaveTitle('evict');
  await page.waitForTimeout(1000);
}

/** Deletes Folio's database from a page of its origin that is not the app, as a browser evicting it would. */
export async function dropDatabase(page: Page): Promise<void> {
  await leaveApp(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('folio');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
}

/** Sums layout shifts without recent input from the page's start. */
export async function watchShifts(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { shift: number }).shift);
}

/** Every state and text the sync status shows from the next load on, in order. */
export async function watchSyncStatus(page: Page): Promise<() => Promise<{ state: string; text: string }[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { syncStatuses: { state: string; text: string }[] };
    w.syncStatuses = [];
    new MutationObserver(() => {
      const el = document.querySelector('.sync-status');
      if (!el) return;
      const seen = { state: el.getAttribute('data-sync-state') ?? '', text: (el.textContent ?? '').replace(/\s+/g, ' ').trim() };
      const last = w.syncStatuses[w.syncStatuses.length - 1];
      if (last?.state !== seen.state || last.text !== seen.text) w.syncStatuses.push(seen);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { syncStatuses: { state: string; text: string }[] }).syncStatuses);
}

/**
 * Waits for a sync this document started to finish: "Synced" after "Syncing". A "Synced" before it
 * is what the store said as the app opened.
 */
export async function waitForFinishedSync(statuses: () => Promise<{ state: string }[]>): Promise<void> {
  await expect
    .poll(async () => {
      const seen = await statuses();
      const start = seen.findIndex((s) => s.state === 'syncing');
      return start >= 0 && seen.slice(start + 1).some((s) => s.state === 'synced');
    }, { timeout: 30_000 })
    .toBe(true);
}
