import { expect, test, type Page } from '@playwright/test';
import { totalCount, waitForList } from './support/app';
import { BodyGate } from './support/bodies';
import { readFeed } from './support/feedData';
import { defaultFeedDir } from './support/paths';
import { expectNoAxeViolations } from './support/axe';

const feed = readFeed(defaultFeedDir);
const withBody = feed.articles.filter((a) => a.body !== null);
// The topic with the most articles that have text.
const topic = feed.manifest.topics[0]!.slug;
const inTopic = withBody.filter((a) => a.topics.includes(topic));

const progressBar = (page: Page) => page.getByTestId('download-progress').getByRole('progressbar');
const outcome = (page: Page) => page.getByTestId('download-progress').getByRole('status');

test('download all: estimate, progress and its bytes, then the offline-only list', async ({ page }) => {
  const gate = await BodyGate.on(page, 0);
  await page.goto('/offline');
  // A first visit: the bundled feed's first sync lands its newest shard alone, then the rest; on two
  // loaded cores the rest once took longer than the default 10 s.
  await expect(page.getByTestId('estimate-all')).toHaveText(new RegExp(`^${withBody.length} articles with text · ${withBody.length} to download, about \\d`), { timeout: 30_000 });
  await expect(page.getByTestId('free-space')).toHaveText(/^\d+(\.\d)? (KB|MB|GB|TB)$/);

  await page.getByRole('button', { name: 'Download all' }).click();
  const bar = progressBar(page);
  await expect(bar).toHaveAccessibleName('Downloading all articles');
  await expect(bar).toHaveAttribute('max', String(withBody.length));
  await expect(bar).toHaveAttribute('value', '0');
  gate.allow(3);
  await expect(bar).toHaveAttribute('value', '3');
  await expect(page.getByTestId('progress-counts')).toHaveText(new RegExp(`^3 of ${withBody.length} articles · [\\d.]+ KB of [\\d.]+ KB$`));
  await expect(page.getByRole('link', { name: new RegExp(`Offline reading · ${Math.round((3 / withBody.length) * 100)}%`) })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download all' })).toBeDisabled();
  await expectNoAxeViolations(page);

  gate.allow(Infinity);
  await expect(outcome(page)).toHaveText(new RegExp(`Done: ${withBody.length} articles downloaded`));
  expect(gate.duplicates()).toEqual([]);
  expect(gate.totalRequested()).toBe(withBody.length);
  await expect(page.getByTestId('estimate-all')).toHaveText(`${withBody.length} articles with text · all on this device`);

  await page.getByRole('link', { name: '← Back to the articles' }).click();
  await waitForList(page);
  await page.getByRole('checkbox', { name: 'Available offline only' }).check();
  await expect(page).toHaveURL(/\?offline=1$/);
  await expect.poll(() => totalCount(page)).toBe(withBody.length);
  await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('button', { name: /Available offline/ })).toBeVisible();

  await page.goto('/offline');
  await page.getByRole('button', { name: 'Remove all offline copies' }).click();
  await page.getByRole('button', { name: `Yes, remove ${withBody.length}` }).click();
  await expect(page.locator('#remove-status')).toHaveText(`Removed ${withBody.length} offline copies.`);
  await expect(page.getByRole('button', { name: 'Remove all offline copies' })).toBeDisabled();
  await page.goto('/?offline=1');
  await expect(page.getByRole('heading', { name: 'No articles match these filters' })).toBeVisible();
});

test('download this filter from the list, then remove its copies', async ({ page }) => {
  await page.goto(`/?topic=${topic}`);
  await waitForList(page);
  await page.getByRole('link', { name: 'Download this list for offline reading' }).click();
  await expect(page).toHaveURL(new RegExp(`/offline\\?topic=${topic}$`));
  await expect(page.getByTestId('estimate-filter')).toContainText(`${inTopic.length} articles with text · ${inTopic.length} to download`);
  await page.getByRole('button', { name: 'Download this filter' }).click();
  await expect(outcome(page)).toHaveText(new RegExp(`Done: ${inTopic.length} articles downloaded`));
  await expect(page.getByTestId('estimate-all')).toContainText(`${withBody.length - inTopic.length} to download`);

  await page.getByRole('button', { name: 'Remove this filter’s copies' }).click();
  await expect(page.getByRole('button', { name: `Yes, remove ${inTopic.length}` })).toBeFocused();
  await page.getByRole('button', { name: 'Keep them' }).click();
  await expect(page.getByRole('button', { name: 'Remove this filter’s copies' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove this filter’s copies' }).click();
  await page.getByRole('button', { name: `Yes, remove ${inTopic.length}` }).click();
  await expect(page.locator('#remove-status')).toHaveText(`Removed ${inTopic.length} offline copies.`);
  await expect(page.getByTestId('estimate-filter')).toContainText(`${inTopic.length} to download`);

  await page.goto(`/?topic=${topic}&offline=1`);
  await expect(page.getByRole('heading', { name: 'No articles match these filters' })).toBeVisible();
});

test('a download cut short by a reload is offered again, and resuming fetches only the rest', async ({ page }) => {
  const gate = await BodyGate.on(page, 4);
  await page.goto(`/offline?topic=${topic}`);
  await page.getByRole('button', { name: 'Download this filter' }).click();
  await expect(progressBar(page)).toHaveAttribute('value', '4');
  await expect.poll(() => gate.delivered.size).toBe(4);
  const storedBefore = new Set(gate.delivered.keys());
  expect(storedBefore.size).toBe(4);

  // A reload while bodies are still on their way.
  await page.goto('/');
  await waitForList(page);
  const banner = page.getByRole('region', { name: 'Unfinished download' });
  await expect(banner).toContainText('did not finish');
  gate.allow(Infinity);
  await banner.getByRole('button', { name: 'Resume' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.locator('#offline-link')).toBeFocused();
  await page.getByRole('checkbox', { name: 'Available offline only' }).check();
  await expect.poll(() => totalCount(page)).toBe(inTopic.length);
  for (const url of storedBefore) expect(gate.requested.get(url), url).toBe(1);
  expect(gate.delivered.size).toBe(inTopic.length);
  // Reloading again offers nothing: the job is finished.
  await page.reload();
  await waitForList(page);
  await expect(banner).toHaveCount(0);
});

test('a dropped network pauses the download; it goes on by itself when the network is back', async ({ page, context }) => {
  const gate = await BodyGate.on(page, 2);
  await page.goto(`/offline?topic=${topic}`);
  await page.getByRole('button', { name: 'Download this filter' }).click();
  await expect(progressBar(page)).toHaveAttribute('value', '2');
  await context.setOffline(true);
  gate.allow(Infinity);
  await expect(outcome(page)).toContainText('network is off');
  await expect(outcome(page)).toContainText('goes on when you are back online');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeDisabled();

  await context.setOffline(false);
  await expect(outcome(page)).toHaveText(/Done: \d+ articles downloaded/);
  await expect(page.getByTestId('estimate-filter')).toContainText('all on this device');
  // Bodies that failed while offline are asked for again; none arrives twice.
  expect([...gate.delivered.values()].every((n) => n === 1)).toBe(true);
  expect(gate.delivered.size).toBe(inTopic.length);
});

test('the storage panel shows usage and quota and asks for persistent storage', async ({ page }) => {
  await page.goto('/offline');
  const panel = page.getByTestId('storage-panel');
  await expect(panel.getByTestId('storage-usage')).toHaveText(/^[\d.]+ (B|KB|MB) used of [\d.]+ (MB|GB|TB) \((<1|\d+)%\)$/);
  await expect(panel.getByRole('meter', { name: 'Storage used' })).toBeVisible();
  await expect(panel.getByTestId('persistence')).toHaveText(/^Not granted yet/);
  await panel.getByRole('button', { name: 'Ask to keep my articles' }).click();
  // Chromium decides by its own heuristics; either answer must be shown, and a grant ends the asking.
  await expect(panel.getByTestId('persistence')).toHaveText(/^(Granted|The browser declined)/);
  if ((await panel.getByTestId('persistence').innerText()).startsWith('Granted')) {
    await expect(panel.getByRole('button', { name: 'Ask to keep my articles' })).toHaveCount(0);
  }
});

test('the storage panel says so where persistent storage is not supported', async ({ page }) => {
  await page.addInitScript(() => {
    delete (StorageManager.prototype as Partial<StorageManager>).persist;
  });
  await page.goto('/offline');
  const panel = page.getByTestId('storage-panel');
  await expect(panel.getByTestId('persistence')).toHaveText(/cannot protect stored articles/);
  await expect(panel.getByRole('button', { name: 'Ask to keep my articles' })).toHaveCount(0);
});

test('keyboard only: open offline reading from the header, download, and cancel', async ({ page }) => {
  const gate = await BodyGate.on(page, 0);
  await page.goto(`/?topic=${topic}`);
  await waitForList(page);
  const link = page.getByRole('link', { name: 'Offline reading', exact: true });
  for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Offline reading' })).toBeFocused();
  const download = page.getByRole('button', { name: 'Download this filter' });
  for (let i = 0; i < 10 && !(await download.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(download).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('download-progress')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('download-progress')).toBeFocused();
  gate.allow(Infinity);
  await expect(outcome(page)).toHaveText(/^Cancelled\. \d articles? (was|were) stored/);
});

test('axe finds no violations on the offline reading page, light and dark', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/offline?topic=${topic}`);
    await expect(page.getByTestId('estimate-filter')).toBeVisible();
    await expectNoAxeViolations(page);
  }
});
