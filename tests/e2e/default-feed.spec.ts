import { expect, test } from '@playwright/test';
import { cardTitles, totalCount, waitForList, waitForServiceWorker } from './support/app';
import { readFeed } from './support/feedData';
import { defaultFeedDir } from './support/paths';
import { expectNoAxeViolations } from './support/axe';

const feed = readFeed(defaultFeedDir);
const withBody = feed.articles.filter((a) => a.body !== null);
const linkOnly = feed.articles.filter((a) => a.body === null);

test('lists the bundled feed newest first, with meta line and topics', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(feed.articles.length);
  const newest = [...feed.articles].sort((a, b) => Date.parse(b.date ?? '0') - Date.parse(a.date ?? '0'))[0]!;
  expect((await cardTitles(page))[0]).toBe(newest.title);
  await expect(page.locator('.card').first().locator('.meta-line')).toHaveText(/^[A-Z][a-z]+ \d{1,2}, \d{4} · \d+ min · \d+ words · .+$/);
  await expect(page.getByText(/Synced/)).toBeVisible();
});

test('sort, page size and malformed parameters', async ({ page }) => {
  await page.goto('/?page=abc&size=7&sort=sideways');
  await waitForList(page);
  await expect(page.locator('.card')).toHaveCount(10);
  await page.getByLabel('Per page').selectOption('5');
  await expect(page).toHaveURL(/size=5/);
  await expect(page.locator('.card')).toHaveCount(5);
  await page.getByLabel('Sort').selectOption('oldest');
  await expect(page).toHaveURL(/sort=oldest/);
  const oldest = [...feed.articles].filter((a) => a.date).sort((a, b) => Date.parse(a.date!) - Date.parse(b.date!))[0]!;
  await expect(page.locator('.card-title').first()).toHaveText(oldest.title);
});

test('an empty result says so and offers to clear the filters', async ({ page }) => {
  await page.goto('/?topic=rust&from=2030-01-01');
  await expect(page.getByRole('heading', { name: 'No articles match these filters' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear all filters' }).click();
  await expect(page).toHaveURL(/\/$/);
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(feed.articles.length);
});

test('the archive filters by month and shows counts', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  const archive = page.getByRole('navigation', { name: 'Archive' });
  const january = archive.getByRole('link', { name: 'January' }).first();
  const count = Number(await january.locator('xpath=following-sibling::span').innerText());
  await january.click();
  await expect(page).toHaveURL(/from=\d{4}-01-01&to=\d{4}-01-31/);
  await expect(page.getByTestId('total-count')).toHaveText(String(count));
});

test('a link-only article shows its summary and a link to the original', async ({ page }) => {
  const article = linkOnly[0]!;
  await page.goto(`/read/default/${article.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(page.locator('.summary-text')).toContainText(article.summary.slice(0, 60));
  // One link to the original, never two.
  await expect(page.getByRole('link', { name: /original/ })).toHaveCount(1);
  await expect(page.getByRole('link', { name: /Read the original post/ })).toHaveAttribute('href', article.url);
  await expect(page.getByTestId('not-downloaded')).toHaveCount(0);
});

test('opening an article marks it read and available offline; prev/next follow the filter', async ({ page }) => {
  const topic = feed.manifest.topics[0]!.slug;
  await page.goto(`/?topic=${topic}`);
  await waitForList(page);
  const titles = await cardTitles(page);
  await page.locator('.card-title a').nth(1).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titles[1]!);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const near = page.getByRole('navigation', { name: 'More articles in this list' });
  await expect(near.getByRole('link', { name: new RegExp(escape(titles[0]!)) })).toBeVisible();
  await near.getByRole('link', { name: new RegExp(escape(titles[2]!)) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titles[2]!);
  // The back link names the list it returns to.
  await page.getByRole('link', { name: `← ${feed.manifest.topics[0]!.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`topic=${topic}`));
  const card = page.locator('.card').filter({ hasText: titles[1]! });
  await expect(card.getByRole('button', { name: /^Read:/, pressed: true })).toBeVisible();
  await expect(card.getByText('Available offline')).toBeVisible();
});

test('offline in a new page: the list, filters, deep links and a stored article; an unstored one says "not downloaded"', async ({ page, context }) => {
  const stored = withBody.find((a) => a.topics.length > 0 && a.date !== null)!;
  const unstored = withBody.find((a) => a.id !== stored.id)!;
  const topic = feed.manifest.topics.find((t) => t.slug === stored.topics[0])!;
  await page.goto(`/read/default/${stored.id}`);
  await expect(page.getByTestId('article-body')).toBeVisible();
  await waitForServiceWorker(page);

  // Offline, and the first page gone: everything below comes from the device alone.
  await context.setOffline(true);
  await page.close();
  const fresh = await context.newPage();
  await fresh.goto('/');
  await waitForList(fresh);
  await expect(fresh.locator('.sync-status')).toContainText('Offline');
  await expect.poll(() => totalCount(fresh)).toBe(feed.articles.length);

  // A filter chosen in the page.
  await fresh.getByLabel('Find a topic').fill(topic.name);
  const option = fresh.locator('.topic-options label').filter({ has: fresh.locator('.topic-name', { hasText: new RegExp(`^${escape(topic.name)}$`) }) });
  await option.getByRole('checkbox').check();
  await expect(fresh).toHaveURL(new RegExp(`topic=${topic.slug}`));
  await expect.poll(() => totalCount(fresh)).toBe(feed.articles.filter((a) => a.topics.includes(topic.slug)).length);

  // A deep link to a filtered list: topic and the stored article's month.
  const month = stored.date!.slice(0, 7);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
  const expected = feed.articles.filter((a) => a.topics.includes(topic.slug) && a.date !== null && a.date.slice(0, 7) === month);
  await fresh.goto(`/?topic=${topic.slug}&from=${from}&to=${to}`);
  await waitForList(fresh);
  await expect.poll(() => totalCount(fresh)).toBe(expected.length);
  expect(await cardTitles(fresh)).toContain(stored.title);

  // Only what is stored, then the stored article itself, then one never fetched.
  await fresh.goto('/?offline=1');
  await waitForList(fresh);
  expect(await cardTitles(fresh)).toEqual([stored.title]);
  await fresh.goto(`/read/default/${stored.id}?topic=${topic.slug}`);
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText(stored.title);
  await expect(fresh.getByTestId('article-body')).toBeVisible();
  await fresh.goto(`/read/default/${unstored.id}`);
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText(unstored.title);
  await expect(fresh.getByTestId('not-downloaded')).toContainText('not stored on this device');
});

test('keyboard only: reach an article, read it, and come back', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  // From the main region, Tab reaches the first article link before the filters' end.
  const first = page.locator('.card-title a').first();
  for (let i = 0; i < 60 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  const title = await first.innerText();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: '← All articles' })).toBeFocused();
  await page.keyboard.press('Enter');
  await waitForList(page);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the list or the article, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/?topic=' + feed.manifest.topics[0]!.slug);
    await waitForList(page);
    await expectNoAxeViolations(page);
    await page.goto(`/read/default/${withBody[0]!.id}`);
    await expect(page.getByTestId('article-body')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/?offline=1');
    await expect(page.getByRole('checkbox', { name: 'Available offline only' })).toBeChecked();
    await expectNoAxeViolations(page);
    await page.goto('/sources');
    await expect(page.getByRole('heading', { level: 2, name: 'Your sources' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
