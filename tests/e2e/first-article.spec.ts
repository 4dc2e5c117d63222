/**
 * A shared link on a first visit: an article opened by its address with nothing stored, so there is
 * no head to paint. The app loads, syncs, and fetches the article's text. Its code comes in a few
 * chunks rather than dozens, and the service worker's install waits for the first sync to end.
 */
import { expect, test, type Route } from '@playwright/test';
import { readFeed } from './support/feedData';
import { defaultFeedDir } from './support/paths';

const feed = readFeed(defaultFeedDir);
const newestFirst = (articles: typeof feed.articles) => [...articles].sort((a, b) => Date.parse(b.date ?? '0') - Date.parse(a.date ?? '0'));

/** The search index's body parts: the last files a first sync of the bundled feed fetches. */
const BODY_PARTS = /\/feed\/search\/[^/]+\.body$/;

/**
 * Scripts the page itself downloaded (its workers' are not listed). Dozens of chunks of a few
 * hundred bytes each cost a request, and over HTTP/1.1 a wait for a free connection.
 */
const MAX_PAGE_SCRIPTS = 20;

test('a shared link shows the article from a few scripts; the service worker registers once the first sync has ended', async ({ page }) => {
  const article = feed.articles.find((a) => a.body)!;
  const held: Route[] = [];
  await page.route(BODY_PARTS, (route) => void held.push(route));

  await page.goto(`/read/default/${encodeURIComponent(article.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByTestId('article-body')).toBeVisible();
  const scripts = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.js')),
  );
  expect(scripts.length).toBeGreaterThan(1);
  expect(scripts.length, scripts.join('\n')).toBeLessThanOrEqual(MAX_PAGE_SCRIPTS);
  expect(new Set(scripts).size).toBe(scripts.length);

  // The sync is still fetching its last files: no service worker yet.
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined)).toBe(true);

  for (const route of held) await route.continue();
  await page.unroute(BODY_PARTS);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined)).toBe(true);
});

test("the article's text file is asked for beside the code that cleans it, not once that code is in", async ({ page }) => {
  const article = feed.articles.find((a) => a.body)!;
  // The sync worker's chunks for a body: its loader and the sanitiser.
  const bodyCode = /\/assets\/(bodies|clean)-[^/]+\.js$/;
  const held: Route[] = [];
  await page.route(bodyCode, (route) => void held.push(route));
  const file = page.waitForRequest((request) => request.url().includes('/feed/bodies/'));

  await page.goto(`/read/default/${encodeURIComponent(article.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await file;
  // The file went out with the code still held: the code's requests may be seen just after it.
  await expect.poll(() => held.length).toBeGreaterThan(0);

  for (const route of held) await route.continue();
  await page.unroute(bodyCode);
  await expect(page.getByTestId('article-body')).toBeVisible();
});

test("on a shared link the search index's body parts wait until the article's text is in, then all come", async ({ page }) => {
  const article = feed.articles.find((a) => a.body)!;
  const events: string[] = [];
  page.on('request', (request) => {
    if (BODY_PARTS.test(request.url())) events.push('part asked');
  });
  page.on('requestfinished', (request) => {
    if (request.url().includes('/feed/bodies/')) events.push('text in');
  });

  await page.goto(`/read/default/${encodeURIComponent(article.id)}`);
  await expect(page.getByTestId('article-body')).toBeVisible();
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  expect(events[0]).toBe('text in');
  expect(events.filter((e) => e === 'part asked').length).toBeGreaterThan(1);
});

test('a shared link to an old article shows it while the newest months are still on their way', async ({ page }) => {
  const byDate = [...feed.articles].filter((a) => a.body && /^\d{4}-\d{2}-\d{2}-/.test(a.id)).sort((a, b) => Date.parse(a.date ?? '0') - Date.parse(b.date ?? '0'));
  const oldest = byDate[0]!;
  const newestMonth = feed.manifest.shards[0]!.key;
  expect(oldest.id.slice(0, 7)).not.toBe(newestMonth);
  const held: Route[] = [];
  await page.route(new RegExp(`/feed/index/${newestMonth}\\.`), (route) => void held.push(route));

  await page.goto(`/read/default/${encodeURIComponent(oldest.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: oldest.title })).toBeVisible();
  await expect(page.getByTestId('article-body')).toBeVisible();
  expect(held.length).toBe(1);

  for (const route of held) await route.continue();
  await page.unroute(new RegExp(`/feed/index/${newestMonth}\\.`));
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  await page.getByRole('link', { name: /All articles/ }).click();
  const newest = newestFirst(feed.articles)[0]!;
  await expect(page.locator('.card').first()).toContainText(newest.title);
});

test('while an article’s text is on its way, the first sync fetches no further shard', async ({ page }) => {
  const shards = feed.manifest.shards;
  const newest = newestFirst(feed.articles.filter((a) => a.body))[0]!;
  const asked = new Set<string>();
  page.on('request', (request) => {
    const shard = /\/feed\/index\/([^.]+)\./.exec(request.url());
    if (shard) asked.add(shard[1]!);
  });
  // A shard held part way keeps the sync going while the reader opens the newest article.
  const heldShard = new RegExp(`/feed/index/${shards[5]!.key}\\.`);
  const shardRoutes: Route[] = [];
  const bodyRoutes: Route[] = [];
  await page.route(heldShard, (route) => void shardRoutes.push(route));
  await page.route(/\/feed\/bodies\//, (route) => void bodyRoutes.push(route));

  await page.goto(`/read/default/${encodeURIComponent(newest.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: newest.title })).toBeVisible();
  await expect.poll(() => bodyRoutes.length).toBe(1);
  for (const route of shardRoutes) await route.continue();
  await page.unroute(heldShard);
  const before = asked.size;
  await page.waitForTimeout(500);
  expect(asked.size).toBe(before);
  expect(asked.size).toBeLessThan(shards.length);

  for (const route of bodyRoutes) await route.continue();
  await page.unroute(/\/feed\/bodies\//);
  await expect(page.getByTestId('article-body')).toBeVisible();
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  expect(asked.size).toBe(shards.length);
});
