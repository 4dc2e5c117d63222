import { expect, test } from '@playwright/test';
import { waitForList } from './support/app';
import { expectNoAxeViolations } from './support/axe';

// The bundled demo's "Idempotency Keys" post is dated 2025-05-20T23:30:00-05:00: May 21 in UTC.
const OFFSET_TITLE = 'Idempotency Keys: Making Retries Safe for an Offline Outbox';

for (const timezoneId of ['Asia/Tokyo', 'America/Los_Angeles']) {
  test.describe(`a reader in ${timezoneId}`, () => {
    test.use({ timezoneId });

    test('sees the day the author wrote, in the list, the filter and the article', async ({ page }) => {
      await page.goto('/?from=2025-05-20&to=2025-05-20');
      await waitForList(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('May 20, 2025');
      const card = page.locator('.card', { hasText: OFFSET_TITLE });
      await expect(card.locator('.meta-line')).toHaveText(/^May 20, 2025 · /);
      await expect(page.locator('.active-filters .chip').first()).toContainText('May 20, 2025');
      await card.getByRole('link', { name: OFFSET_TITLE }).click();
      await expect(page.locator('.reader-meta')).toHaveText(/^May 20, 2025 · /);
      await expect(page.getByRole('link', { name: '← May 20, 2025' })).toBeVisible();
    });
  });
}

test('the heading and the back link name the filter', async ({ page }) => {
  await page.goto('/?topic=kubernetes&from=2026-04-01&to=2026-04-30');
  await waitForList(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kubernetes · April 2026');
  await page.locator('.card-title a').first().click();
  await expect(page.getByRole('link', { name: '← Kubernetes · April 2026' })).toBeVisible();
  await page.goto('/');
  await waitForList(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All articles');
  await page.locator('.card-title a').first().click();
  await expect(page.getByRole('link', { name: '← All articles' })).toBeVisible();
});

test('a card shows four topics as one-word hashtags, and +N for the rest', async ({ page }) => {
  await page.goto('/?topic=kubernetes');
  await waitForList(page);
  const topics = page.locator('.card').first().locator('.topic-links');
  await expect(topics.getByRole('link')).toHaveCount(4);
  await expect(topics.locator('.topic-more')).toContainText('+1');
  for (const text of await topics.getByRole('link').allInnerTexts()) expect(text).toMatch(/^#\S+$/);
});

test('the topics page lists every topic A–Z, filters by word starts and links to the list', async ({ page }) => {
  await page.goto('/topics');
  await expect(page.getByRole('heading', { level: 1, name: 'Topics' })).toBeVisible();
  const links = page.locator('.topic-letter a');
  await expect(links.first()).toBeVisible();
  const names = (await links.allInnerTexts()).map((t) => t.replace(/\s*\d+$/, '').trim());
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
  await expect(page.locator('.topic-letter input[type=checkbox]')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByLabel('Filter topics').fill('sys');
  await expect(links).toHaveText([/^Distributed Systems\s*\d+$/, /^Systems Programming\s*\d+$/]);
  await page.getByLabel('Filter topics').fill('rust');
  await expect(links).toHaveText([/^Rust\s*\d+$/]);
  // One Tab stop per topic: from the filter box, Tab reaches the only link.
  await page.getByLabel('Filter topics').focus();
  await page.keyboard.press('Tab');
  await expect(links.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/topic=rust/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rust');
});

test('screenshots of the topics page and a list, at 390 and 1280 px, light and dark', async ({ page }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto('/?topic=backend');
      await waitForList(page);
      await page.screenshot({ path: `test-results/reader-polish/list-${width}-${colorScheme}.png` });
      await page.goto('/topics');
      await expect(page.locator('.topic-letter a').first()).toBeVisible();
      await page.screenshot({ path: `test-results/reader-polish/topics-${width}-${colorScheme}.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
  }
});
