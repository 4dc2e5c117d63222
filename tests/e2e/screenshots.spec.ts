import { expect, test } from '@playwright/test';
import path from 'node:path';
import { waitForList } from './support/app';
import { BodyGate } from './support/bodies';
import { readFeed } from './support/feedData';
import { defaultFeedDir, screenshotDir } from './support/paths';

// The longest article with text and topics: long enough to be begun and not finished when scrolled.
const article = readFeed(defaultFeedDir).articles.filter((a) => a.body !== null && a.topics.length > 1).sort((a, b) => b.words - a.words)[0]!;

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`screenshots: ${scheme}, ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto('/');
      await waitForList(page);
      // Nothing may stick out sideways at either width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(screenshotDir, `list-${scheme}-${width}.png`) });
      await page.goto(`/read/default/${article.id}`);
      await expect(page.getByTestId('article-body')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(screenshotDir, `article-${scheme}-${width}.png`) });
      await page.goto('/sources');
      await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(screenshotDir, `sources-${scheme}-${width}.png`), fullPage: true });
      await page.goto('/settings');
      await expect(page.getByRole('heading', { level: 1, name: 'Settings and your data' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(screenshotDir, `settings-${scheme}-${width}.png`), fullPage: true });
      await page.goto('/offline');
      await expect(page.getByRole('heading', { level: 1, name: 'Offline reading' })).toBeVisible();
      await expect(page.getByTestId('storage-usage')).toContainText('used');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(screenshotDir, `offline-${scheme}-${width}.png`), fullPage: true });
      // The filters: a sheet on a phone (and the site menu), a sidebar on a desk.
      await page.goto('/');
      await waitForList(page);
      if (width < 600) {
        await page.getByRole('button', { name: /^Filters/ }).click();
        await expect(page.getByRole('dialog', { name: 'Filters' }).getByRole('checkbox').first()).toBeVisible();
        await page.screenshot({ path: path.join(screenshotDir, `filters-${scheme}-${width}.png`) });
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Menu' }).click();
        await expect(page.getByRole('navigation', { name: 'Folio' }).getByRole('link', { name: 'Settings' })).toBeVisible();
        await page.screenshot({ path: path.join(screenshotDir, `menu-${scheme}-${width}.png`) });
        await page.keyboard.press('Escape');
      } else {
        await expect(page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox').first()).toBeVisible();
        await page.screenshot({ path: path.join(screenshotDir, `filters-${scheme}-${width}.png`), fullPage: true });
      }
      // A saved article being read, then the list with it saved and begun.
      await page.goto(`/read/default/${article.id}`);
      await page.locator('.reader-marks').getByRole('button', { name: /^Save:/ }).click();
      await page.getByTestId('article-body').evaluate((el: HTMLElement) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY + el.offsetHeight * 0.4));
      await page.waitForTimeout(1200);
      await page.goto('/');
      await waitForList(page);
      await expect(page.getByRole('region', { name: 'Continue reading' })).toBeVisible();
      await page.screenshot({ path: path.join(screenshotDir, `list-marks-${scheme}-${width}.png`) });
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await page.screenshot({ path: path.join(screenshotDir, `shortcuts-${scheme}-${width}.png`) });
    });
  }
}

const topic = readFeed(defaultFeedDir).manifest.topics[0]!.slug;

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`screenshots of offline reading and install: ${scheme}, ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const gate = await BodyGate.on(page, 3);
      await page.goto(`/offline?topic=${topic}`);
      await page.getByRole('button', { name: 'Download this filter' }).click();
      await expect(page.getByTestId('download-progress').getByRole('progressbar')).toHaveAttribute('value', '3');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(screenshotDir, `offline-progress-${scheme}-${width}.png`), fullPage: true });
      gate.allow(Infinity);
      await expect(page.getByTestId('download-progress').getByRole('status')).toContainText('Done');
      await expect(page.getByTestId('storage-usage')).toContainText('used');
      await page.getByTestId('storage-panel').screenshot({ path: path.join(screenshotDir, `storage-panel-${scheme}-${width}.png`) });

      // Chromium offers installing only under conditions a test cannot meet; the app reacts to the event itself.
      await page.evaluate(() => {
        const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
          prompt: async () => undefined,
          userChoice: Promise.resolve({ outcome: 'dismissed' }),
        });
        window.dispatchEvent(event);
      });
      // On a phone the header's links, the install button among them, are in its menu.
      if (width < 600) await page.getByRole('button', { name: 'Menu' }).click();
      await expect(page.getByRole('button', { name: 'Install app' })).toBeVisible();
      if (width < 600) await page.screenshot({ path: path.join(screenshotDir, `install-button-${scheme}-${width}.png`) });
      else await page.locator('.app-header').screenshot({ path: path.join(screenshotDir, `install-button-${scheme}-${width}.png`) });
    });
  }
}
