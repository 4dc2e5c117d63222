import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REAL_BLOG_URL } from '../../playwright.config';
import { waitForList } from './support/app';
import { readFeed } from './support/feedData';
import { realFeedDir } from './support/paths';
import { expectNoAxeViolations } from './support/axe';

test.use({ baseURL: REAL_BLOG_URL });

/** The newest real post that carries its own "Table of Contents" section. */
/** A first visit by an article's address shows it once the real blog's first sync has stored its month. */
const FIRST_VISIT = 30_000;

/** The newest real post with a table of three columns or more: at 390 px it is wider than the text column. */
function articleWithWideTable(): string {
  const { articles } = readFeed(realFeedDir);
  const found = articles.find((a) => a.body && /<tr>\s*(?:<th[^>]*>[^<]*<\/th>\s*){3,}/i.test(readFileSync(path.join(realFeedDir, a.body.href), 'utf8')));
  if (!found) throw new Error('The real blog has no post with a table of three columns');
  return `/read/default/${found.id}`;
}

function articleWithOwnContents(): string {
  const { articles } = readFeed(realFeedDir);
  const found = articles.find((a) => a.body && /<h[1-4][^>]*>\s*Table of Contents\s*</i.test(readFileSync(path.join(realFeedDir, a.body.href), 'utf8')));
  if (!found) throw new Error('The real blog has no post with its own contents');
  return `/read/default/${found.id}`;
}

/** Sums layout-shift entries from the first paint on, as CLS does (shifts right after input excluded). */
async function collectShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) w.shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const shiftSoFar = (page: Page) => page.evaluate(() => (window as unknown as { shift: number }).shift);
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe('on a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the list: a one-row header, results first, no sideways scroll, pagination in one row', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(72);
    await expect(page.locator('.brand')).toContainText("martinuke0's Blog");
    expect((await page.locator('.card').first().boundingBox())!.y).toBeLessThan(600);
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    const pager = page.getByRole('navigation', { name: 'Pages' });
    const parts = pager.locator('.row > *, .row li');
    const tops = await parts.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)));
    expect(tops.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
    for (const name of ['Next page', 'Last page']) await expect(pager.getByRole('link', { name })).toBeVisible();

    // Go to page: a page far away in one step; a page that does not exist says so.
    const pages = Number(await page.getByTestId('page-count').innerText());
    await pager.getByRole('textbox', { name: 'Go to page' }).fill(String(pages - 1));
    await pager.getByRole('textbox', { name: 'Go to page' }).press('Enter');
    await expect(page).toHaveURL(new RegExp(`page=${pages - 1}`));
    await expect(pager.getByRole('link', { name: `Page ${pages - 1}` })).toHaveAttribute('aria-current', 'page');
    await pager.getByRole('textbox', { name: 'Go to page' }).fill('0');
    await pager.getByRole('textbox', { name: 'Go to page' }).press('Enter');
    await expect(pager.getByRole('alert')).toHaveText(`Pages run from 1 to ${pages}.`);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });

  test('a long heading (a search) takes the full width with Filters below it; a short one shares its line with Filters, which counts every active filter', async ({ page }) => {
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    // The whole blog first: a search during the first sync answers over the shards stored so far.
    await page.goto('/');
    await waitForList(page);
    await page.goto('/?q=kubernetes%20operator&from=2025-01-01&to=2026-03-31');
    await expect(page.locator('ol.article-list[data-query]')).toBeVisible({ timeout: 30_000 });
    const row = await box('.list-heading');
    let heading = await box('.list-heading h1');
    let filters = await box('.sheet-button');
    expect(heading.width).toBeGreaterThanOrEqual(row.width - 1);
    expect(filters.y).toBeGreaterThanOrEqual(heading.y + heading.height);

    await page.goto('/?topic=kubernetes');
    await waitForList(page);
    heading = await box('.list-heading h1');
    filters = await box('.sheet-button');
    expect(filters.y).toBeLessThan(heading.y + heading.height);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    // The Filters button counts what the chips show: the reading state is one of them.
    await expect(page.getByRole('button', { name: /^Filters/ })).toContainText('(1)');
    await page.goto('/?topic=kubernetes&state=unread');
    await waitForList(page);
    await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('button', { name: /Unread/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Filters/ })).toContainText('(2)');
  });

  test('the filters open as a sheet (focus inside, Show N articles, Escape returns focus); the menu closes on Escape, a link and Back', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    const button = page.getByRole('button', { name: /^Filters/ });
    await button.click();
    const sheet = page.getByRole('dialog', { name: 'Filters' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('checkbox').first()).toBeVisible();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await expectNoAxeViolations(page);
    await sheet.getByRole('checkbox').first().check();
    const total = await page.getByTestId('total-count').innerText();
    await expect(sheet.getByRole('button', { name: `Show ${total} articles` })).toBeVisible();
    expect(Number(total)).toBeLessThan(1263);
    // Tab stays in the sheet.
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toContainText('(1)');
    await button.click();
    // A filter that leaves nothing keeps the sheet open, so it can be undone there.
    await sheet.getByLabel('From').fill('2099-01-01');
    await expect(sheet.getByRole('button', { name: 'Show 0 articles' })).toBeVisible();
    await sheet.getByRole('button', { name: 'Any date' }).click();
    await sheet.getByRole('button', { name: /^Show \d+ articles?$/ }).click();
    await expect(sheet).toBeHidden();
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    // The menu: the header's links, then Escape back to the button.
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await expect(page.getByRole('navigation', { name: 'Folio' }).getByRole('link', { name: 'Sources' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('navigation', { name: 'Folio' })).toBeHidden();
    await expect(menu).toBeFocused();
    // Following a link closes it, and so does Back while it is open.
    await menu.click();
    await page.getByRole('navigation', { name: 'Folio' }).getByRole('link', { name: 'Sources' }).click();
    await expect(page.getByRole('navigation', { name: 'Folio' })).toBeHidden();
    await expect(page).toHaveURL(/\/sources$/);
    await menu.click();
    await expect(page.getByRole('navigation', { name: 'Folio' })).toBeVisible();
    await page.goBack();
    await expect(page).not.toHaveURL(/\/sources$/);
    await expect(page.getByRole('navigation', { name: 'Folio' })).toBeHidden();
  });

  test('an article: its text within 1.5 screens, one list of contents, closed', async ({ page }) => {
    await page.goto(articleWithOwnContents());
    const body = page.getByTestId('article-body');
    await expect(body).toBeVisible({ timeout: FIRST_VISIT });
    const first = (await body.locator('p').first().boundingBox())!;
    expect(first.y).toBeLessThan(844 * 1.5);
    // One list of contents: the reader's, closed; the post's own is left out.
    await expect(page.locator('.toc')).toHaveCount(1);
    await expect(body.getByRole('heading', { name: /^Table of Contents$/i })).toHaveCount(0);
    const contents = page.locator('details.toc');
    await expect(contents).not.toHaveAttribute('open');
    await expect(page.getByRole('navigation', { name: 'Contents' })).toHaveCount(0);
    await contents.locator('summary').click();
    await expect(page.getByRole('navigation', { name: 'Contents' })).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link').first()).toBeVisible();
    expect((await page.locator('.app-header').boundingBox())!.height).toBeLessThanOrEqual(72);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await expect(page.getByRole('link', { name: /original/i })).toHaveCount(1);
    await expectNoAxeViolations(page);
  });

  test('an article: a wide table scrolls in its own box, reachable by keyboard, shaded at the edge it can scroll towards', async ({ page }) => {
    await page.goto(articleWithWideTable());
    const box = page.getByTestId('article-body').locator('.table-scroll').first();
    await expect(box).toBeVisible({ timeout: FIRST_VISIT });
    const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, tab: el.tabIndex }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    expect(sizes.tab).toBe(0);
    // Page-coloured covers that move with the table over shades fixed at the box's edges.
    const style = await box.evaluate((el) => ({ attachment: getComputedStyle(el).backgroundAttachment, images: getComputedStyle(el).backgroundImage }));
    expect(style.attachment).toBe('local, local, scroll, scroll');
    expect(style.images.match(/gradient\(/g)).toHaveLength(4);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });

  test('a long list: Back puts the card opened where it was in the window', async ({ page }) => {
    await page.goto('/?size=50');
    await waitForList(page);
    const cards = page.locator('ol.article-list > li');
    await expect(cards).toHaveCount(50);
    // Scroll down through the cards, as a reader does: each is drawn at its own height on the way.
    for (let i = 0; i < 16; i++) {
      await page.mouse.wheel(0, 500);
      await page.waitForTimeout(60);
    }
    const opened = await page.evaluate(() => {
      const middle = window.innerHeight / 2;
      const all = [...document.querySelectorAll<HTMLElement>('.article-list .card')];
      const at = all.findIndex((el) => el.getBoundingClientRect().bottom > middle);
      return { index: at, top: (all[at] as HTMLElement).getBoundingClientRect().top };
    });
    expect(opened.index).toBeGreaterThan(10);
    const link = page.locator('.article-list .card').nth(opened.index).locator('.card-title a');
    const title = await link.innerText();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await page.goBack();
    await expect(link).toBeFocused();
    await expect.poll(() => link.evaluate((a) => a.closest('.card')?.getBoundingClientRect().top)).toBeGreaterThan(opened.top - 3);
    expect(await link.evaluate((a) => a.closest('.card')?.getBoundingClientRect().top)).toBeLessThan(opened.top + 3);
  });
});

test.describe('at 1280 px', () => {
  test('nothing shifts while the list loads', async ({ page }) => {
    await collectShifts(page);
    await page.goto('/');
    await waitForList(page);
    await page.waitForTimeout(1500);
    expect(await shiftSoFar(page)).toBeLessThanOrEqual(0.05);
  });

  test('nothing shifts while an article loads, the first visit or from the device', async ({ page }) => {
    await collectShifts(page);
    const href = articleWithOwnContents();
    await page.goto(href);
    await expect(page.getByTestId('article-body')).toBeVisible({ timeout: FIRST_VISIT });
    await expect(page.getByRole('navigation', { name: 'More articles in this list' })).toBeVisible();
    await page.waitForTimeout(1000);
    expect(await shiftSoFar(page)).toBeLessThanOrEqual(0.05);
    await page.reload();
    await expect(page.getByTestId('article-body')).toBeVisible();
    await page.waitForTimeout(1000);
    expect(await shiftSoFar(page)).toBeLessThanOrEqual(0.05);
    // The sidebar marks the section being read.
    const toc = page.getByRole('navigation', { name: 'Contents' });
    const third = toc.getByRole('link').nth(2);
    await third.click();
    await expect(third).toHaveAttribute('aria-current', 'location');
  });

  test('reduced motion: nothing animates, transitions or scrolls smoothly; with motion allowed, the contents links fade', async ({ page }) => {
    // Any element that would move: a running animation, or a transition of any length (a near-zero
    // one still starts a transition on every element whose style changes).
    const moving = (): Promise<string[]> =>
      page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((el) => {
            const style = getComputedStyle(el);
            return style.animationName !== 'none' || style.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
          })
          .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`),
      );
    const scrollBehavior = (): Promise<string> => page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(articleWithOwnContents());
    await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link').first()).toBeVisible({ timeout: FIRST_VISIT });
    expect(await moving()).toEqual([]);
    expect(await scrollBehavior()).toBe('auto');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect((await moving()).some((what) => what.startsWith('a.'))).toBe(true);
    expect(await scrollBehavior()).toBe('smooth');
  });

  test('keyboard: Skip to content lands on the results, a card is one Tab stop, Back returns focus and scroll', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Articles' })).toBeFocused();
    const titles = page.locator('.card-title a');
    await page.keyboard.press('Tab');
    await expect(titles.nth(0)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(titles.nth(1)).toBeFocused();

    const card = page.locator('.card').nth(6);
    await card.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 150);
    await page.waitForTimeout(300);
    const scrollY = await page.evaluate(() => window.scrollY);
    expect(scrollY).toBeGreaterThan(400);
    const title = await card.locator('.card-title a').innerText();
    await card.locator('.card-title a').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await page.goBack();
    await expect(titles.nth(6)).toBeFocused();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrollY - 5);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollY)).toBeLessThanOrEqual(5);
  });
});
