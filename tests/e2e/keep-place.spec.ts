import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { cardTitles, totalCount, waitForList, waitForServiceWorker } from './support/app';
import { readFeed } from './support/feedData';
import { defaultFeedDir } from './support/paths';
import { axeViolations } from './support/axe';

const feed = readFeed(defaultFeedDir);
const newestFirst = [...feed.articles].sort((a, b) => Date.parse(b.date ?? '0') - Date.parse(a.date ?? '0'));
const withBody = newestFirst.filter((a) => a.body !== null);

const focusedTitle = (page: Page) => page.evaluate(() => document.activeElement?.closest('.card')?.querySelector('.card-title')?.textContent?.trim() ?? null);
const card = (page: Page, title: string) => page.locator('.card').filter({ has: page.locator('.card-title', { hasText: title }) });

test('keyboard only: j, j, s saves the second article, and ?state=saved lists exactly it', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('.sync-status')).toContainText('Synced');
  await page.keyboard.press('j');
  expect(await focusedTitle(page)).toBe(newestFirst[0]!.title);
  await page.keyboard.press('j');
  expect(await focusedTitle(page)).toBe(newestFirst[1]!.title);
  await page.keyboard.press('s');
  await expect(card(page, newestFirst[1]!.title).getByRole('button', { name: /^Save:/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/?state=saved');
  await waitForList(page);
  expect(await cardTitles(page)).toEqual([newestFirst[1]!.title]);
  // Shortcuts never fire while typing: "s" in the topic box is just a letter.
  await page.goto('/');
  await waitForList(page);
  await page.getByLabel('Find a topic').fill('s');
  await page.keyboard.press('j');
  await expect(page.getByLabel('Find a topic')).toHaveValue('sj');
});

test('o opens the focused card, and Esc comes back to it where the list was', async ({ page }) => {
  // Cards scroll into view at once with reduced motion: a smooth scroll stalled by a busy machine
  // looks at rest for a moment, and the place measured would be one it was only passing.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?size=20');
  await waitForList(page);
  for (let i = 0; i < 12; i++) await page.keyboard.press('j');
  const title = await focusedTitle(page);
  // Wait until the page rests where the last card scrolled it.
  let scrolled = -1;
  await expect.poll(async () => scrolled === (scrolled = await page.evaluate(() => window.scrollY)), { intervals: [200] }).toBe(true);
  expect(scrolled).toBeGreaterThan(200);
  const cardTop = () => card(page, title!).evaluate((el) => el.getBoundingClientRect().top);
  const top = await cardTop();
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\?size=20$/);
  await expect(page.locator('.card-title a', { hasText: title! })).toBeFocused();
  // Where the reader left it in the window, which Back keeps even when the cards above it measure
  // otherwise than when it was left.
  await expect.poll(async () => Math.abs((await cardTop()) - top)).toBeLessThan(3);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
});

test('after reading one article, ?state=unread counts one fewer', async ({ page }) => {
  await page.goto('/?state=unread');
  await waitForList(page);
  const before = await totalCount(page);
  expect(before).toBe(feed.articles.length);
  await page.locator('.card-title a', { hasText: withBody[0]!.title }).click();
  await expect(page.getByTestId('article-body')).toBeVisible();
  // Opening marks it read; leaving before that is stored could abort the write.
  await expect(page.locator('.reader-marks').getByRole('button', { name: /^Read:/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/?state=unread');
  await waitForList(page);
  await expect(page.getByTestId('total-count')).toHaveText(String(before - 1));
  expect(await cardTitles(page)).not.toContain(withBody[0]!.title);
  // A card's toggle marks it unread again.
  await page.goto('/?state=read');
  await waitForList(page);
  await card(page, withBody[0]!.title).getByRole('button', { name: /^Read:/ }).click();
  await expect(page.getByText('No articles match these filters')).toBeVisible();
});

test('the reading position comes back after a reload; continue reading shows it; the end marks it read', async ({ page }) => {
  const long = [...withBody].sort((a, b) => b.words - a.words)[0]!;
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(`/read/default/${long.id}`);
  const body = page.getByTestId('article-body');
  await expect(body).toBeVisible();
  const target = await body.evaluate((el: HTMLElement) => el.getBoundingClientRect().top + window.scrollY + el.offsetHeight * 0.5);
  await page.evaluate((y) => window.scrollTo(0, y), target);
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(body).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(target - 60);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(target + 60);

  await page.goto('/');
  await waitForList(page);
  const row = page.getByRole('region', { name: 'Continue reading' });
  await expect(row.getByRole('link', { name: new RegExp(long.title.slice(0, 20)) })).toBeVisible();
  await expect(row).toContainText('% read');

  await page.goto(`/read/default/${long.id}`);
  await expect(body).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.locator('.reader-marks').getByRole('button', { name: /^Read:/ })).toHaveAttribute('aria-pressed', 'true', { timeout: 5000 });
});

test('an offline cold start lists saved articles, and they read offline', async ({ page, context }) => {
  const saved = withBody[1]!;
  await page.goto('/');
  await waitForList(page);
  await card(page, saved.title).getByRole('button', { name: /^Save:/ }).click();
  // Saving stores the text for offline reading too.
  await expect(card(page, saved.title)).toContainText('Available offline');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.close();
  const fresh = await context.newPage();
  await fresh.goto('/?state=saved');
  await waitForList(fresh);
  expect(await cardTitles(fresh)).toEqual([saved.title]);
  await fresh.locator('.card-title a').first().click();
  await expect(fresh.getByTestId('article-body')).toBeVisible();
  await expect(fresh.getByTestId('not-downloaded')).toHaveCount(0);
});

test('export, clear all site data, import: the same state comes back', async ({ page, context, baseURL }) => {
  await page.goto('/');
  await waitForList(page);
  await card(page, withBody[2]!.title).getByRole('button', { name: /^Save:/ }).click();
  await card(page, withBody[3]!.title).getByRole('button', { name: /^Read:/ }).click();
  // Pressed once stored: leaving the page earlier could abort the writes.
  await expect(card(page, withBody[2]!.title).getByRole('button', { name: /^Save:/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(card(page, withBody[3]!.title).getByRole('button', { name: /^Read:/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/settings');
  await page.getByRole('radio', { name: 'Large', exact: true }).check();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export your data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^folio-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'folio-backup', version: 1 });

  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL!).origin, storageTypes: 'all' });
  await cdp.detach();
  await page.goto('/?state=saved');
  // Nothing is saved any more, so there is no list to wait for: the app has started once its header has.
  await expect(page.locator('.sync-status')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('html')).not.toHaveAttribute('data-text-size', 'large');

  await page.goto('/settings');
  await page.getByLabel('Import a backup').setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('backup-outcome')).toContainText('Imported: 2 articles');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  await page.goto('/?state=saved');
  await waitForList(page);
  expect(await cardTitles(page)).toEqual([withBody[2]!.title]);
  await page.goto('/?state=read');
  await waitForList(page);
  expect(await cardTitles(page)).toEqual([withBody[3]!.title]);
});

test('a hostile backup and a hostile OPML are refused with a message, and change nothing', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await card(page, withBody[0]!.title).getByRole('button', { name: /^Save:/ }).click();
  await expect(card(page, withBody[0]!.title).getByRole('button', { name: /^Save:/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/settings');
  const hostileBackup = JSON.stringify({ format: 'folio-backup', version: 1, exportedAt: '2026-01-01T00:00:00Z', sources: [], marks: [{ source: 'javascript:alert(1)', id: '__proto__' }], settings: {} });
  await page.getByLabel('Import a backup').setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(hostileBackup) });
  await expect(page.getByTestId('backup-outcome')).toContainText('evil.json was not imported, and nothing changed');
  await expect(page.getByTestId('backup-outcome')).toContainText('$.marks[0]');
  const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://x.example/feed.xml"/></body></opml>';
  await page.getByLabel('Import OPML').setInputFiles({ name: 'bomb.opml', mimeType: 'text/x-opml', buffer: Buffer.from(bomb) });
  await expect(page.getByTestId('opml-outcome')).toContainText('bomb.opml was not imported, and nothing changed');
  await page.goto('/sources');
  await expect(page.locator('.source-item')).toHaveCount(1);
  await page.goto('/?state=saved');
  await waitForList(page);
  expect(await cardTitles(page)).toEqual([withBody[0]!.title]);
});

test('OPML: import adds the feeds it lists, export lists them', async ({ page }) => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://news.example/</link><item><title>Hello</title><link>https://news.example/hello</link><guid>h1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Hi there.</description></item></channel></rss>`;
  await page.route('https://news.example/feed.xml', (route) => route.fulfill({ body: rss, contentType: 'application/rss+xml', headers: { 'access-control-allow-origin': '*' } }));
  await page.goto('/settings');
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body><outline text="Tech"><outline type="rss" text="News" xmlUrl="https://news.example/feed.xml" htmlUrl="https://news.example/"/></outline><outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>`;
  await page.getByLabel('Import OPML').setInputFiles({ name: 'feeds.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
  await expect(page.getByTestId('opml-outcome')).toContainText('1 source added');
  await expect(page.getByTestId('opml-outcome')).toContainText('1 skipped');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export feeds (OPML)' }).click();
  const exported = readFileSync((await (await download).path())!, 'utf8');
  expect(exported).toContain('xmlUrl="https://news.example/feed.xml"');
  await page.goto('/');
  await waitForList(page);
  expect(await cardTitles(page)).toContain('Hello');
});

test('? opens a dialog that lists every shortcut; it, the list and the settings page pass axe', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const key of ['j', 'k', 'o', 'v', 's', 'm', '/', 'n', 'p', 'Esc', '?']) await expect(dialog.locator('kbd', { hasText: new RegExp(`^${key.replace('?', '\\?')}$`) })).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Your data', exact: true })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  }
});

test('reader settings apply at once, in other tabs too, and after a reload', async ({ page, context }) => {
  await page.goto('/settings');
  const other = await context.newPage();
  await other.goto(`/read/default/${withBody[0]!.id}`);
  await expect(other.getByTestId('article-body')).toBeVisible();
  const size = () => other.getByTestId('article-body').evaluate((el) => getComputedStyle(el).fontSize);
  const before = await size();
  await page.getByRole('radio', { name: 'Extra large' }).check();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(size).not.toBe(before);
  await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
  await other.reload();
  await expect(other.locator('html')).toHaveAttribute('data-text-size', 'x-large');
});
