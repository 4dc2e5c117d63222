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

export async function cardTitles(page: Page): Promise<string[]> {
  return (await page.locator('.card-title').allInnerTexts()).map((t) => t.trim());
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
