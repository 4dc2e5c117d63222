import { expect, test } from '@playwright/test';
import path from 'node:path';
import { waitForList } from './support/app';
import { readFeed } from './support/feedData';
import { defaultFeedDir, screenshotDir } from './support/paths';

const article = readFeed(defaultFeedDir).articles.find((a) => a.body !== null && a.topics.length > 1)!;

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
    });
  }
}
