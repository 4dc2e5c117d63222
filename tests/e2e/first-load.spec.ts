/**
 * The first load: the default list paints from the head record with the entry script alone, before
 * the app (Dexie, svelte-query, the catalogue) has loaded, and never from a head that is stale.
 */
import path from 'node:path';
import { measureBundle } from '../../bench/bundle';
import { expect, test, type Page, type Route } from '@playwright/test';
import { cardTitles, dropDatabase, waitForList, waitForServiceWorker, watchShifts, watchSyncStatus } from './support/app';
import { holdClock } from './support/clock';
import { putStoredHead, waitForFreshHead, waitForStoredHead } from './support/head';
import { readFeed } from './support/feedData';
import { defaultFeedDir, repoRoot, screenshotDir } from './support/paths';
import { axeViolations } from './support/axe';

/** The app's chunk, which main.ts imports right after the first paint. */
const APP_CHUNK = /\/assets\/boot-[^/]*\.js$/;
/** The workers' scripts: the sync's starts right after a cold start's first paint. */
const WORKER = /\/assets\/worker-[^/]*\.js$/;

// Requests a service worker answers never reach page.route: these tests hold the app's chunk back.
test.use({ serviceWorkers: 'block' });

/** A head written mid-sync is stale once the sync stores more chunks: wait for the one a start paints. */
async function waitForHead(page: Page): Promise<void> {
  await waitForFreshHead(page);
}

/** Holds the app's chunk until `release` is called; `requested` says whether it was asked for. */
async function holdAppChunk(page: Page) {
  let held: Route | null = null;
  await page.route(APP_CHUNK, (route) => {
    held = route;
  });
  return {
    requested: () => held !== null,
    release: async () => {
      await (held as Route | null)?.continue();
      await page.unroute(APP_CHUNK);
    },
  };
}

/** A JSON Feed dated after every bundled article, so its articles head the default list. */
const futureFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Future Notes',
  home_page_url: 'https://future.example/',
  items: [1, 2].map((n) => ({
    id: `https://future.example/posts/${n}/`,
    url: `https://future.example/posts/${n}/`,
    title: `From the future ${n}`,
    date_published: `2027-0${n}-01T00:00:00Z`,
    content_html: `<p>Post ${n} from the future.</p>`,
  })),
});

async function addFutureFeed(page: Page): Promise<void> {
  await page.goto('/sources');
  await page.getByTestId('source-file').setInputFiles({ name: 'future.json', mimeType: 'application/feed+json', buffer: Buffer.from(futureFeed) });
  await expect(page.getByTestId('add-source-outcome')).toContainText(/Added “Future Notes”: 2 articles\./);
}

test('a cold start paints the first cards from the head record before the app loads, then the live list takes over in place', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await waitForHead(page);
  const live = await cardTitles(page);

  const shift = await watchShifts(page);
  const chunk = await holdAppChunk(page);
  const workers: string[] = [];
  page.on('request', (r) => void (WORKER.test(new URL(r.url()).pathname) && workers.push(r.url())));
  await holdClock(page);
  await page.reload();
  // The cards are there while the app's code is still held back: no catalogue, no sync state.
  await expect(page.locator('.card-title').first()).toBeVisible();
  await page.clock.resume();
  await expect.poll(chunk.requested).toBe(true);
  // The sync's worker loads beside the app's code, not after it: one worker while the app is held.
  await expect.poll(() => workers.length).toBe(1);
  expect(await cardTitles(page)).toEqual(live);
  await expect(page.getByTestId('total-count')).toHaveCount(0);
  await expect(page.locator('.sync-status')).toHaveCount(0);
  await page.screenshot({ path: `${screenshotDir}/first-load-head-1280.png` });
  expect(await axeViolations(page)).toEqual([]);

  await chunk.release();
  await expect(page.locator('.sync-status')).toBeVisible();
  await expect(page.getByTestId('total-count')).toBeVisible();
  expect(await cardTitles(page)).toEqual(live);
  // The head is gone, not stacked above or below the live list.
  await expect(page.locator('ol.article-list')).toHaveCount(1);
  expect(await shift()).toBeLessThanOrEqual(0.05);
});

test('a cold start of a synced library never says it is not synced, and says "Syncing" until the list shows the sync', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  const statuses = await watchSyncStatus(page);
  await page.reload();
  await waitForList(page);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  const seen = await statuses();
  // No words until the stored sources are read; then what they say, the sync, and its end. The
  // wordless 'opening' is not always seen: the stored sources may be read before the status mounts.
  const wordless = seen.filter((s) => s.text === '');
  expect(wordless.map((s) => s.state)).toEqual(wordless.length === 0 ? [] : ['opening']);
  expect(seen.findIndex((s) => s.text !== '')).toBe(wordless.length);
  expect(seen[wordless.length]?.text).toMatch(/^(Synced|Syncing)/);
  expect(seen.filter((s) => s.state === 'never' || /not synced/i.test(s.text))).toEqual([]);
  const syncing = seen.findIndex((s) => s.state === 'syncing');
  expect(syncing).toBeGreaterThan(0);
  expect(new Set(seen.slice(syncing + 1).map((s) => s.state))).toEqual(new Set(['synced']));
});

test('what runs before the first paint is at most 50 KB of gzipped JS; the app, downloaded after it, is not needed for it', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await waitForHead(page);
  // Nothing from the HTTP cache: every script of the first paint is downloaded again.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  // The entry asks for the app's chunks right after the head's frame: hold them all back.
  const deferred = new Set(measureBundle(path.join(repoRoot, 'dist')).deferredJs.map((f) => `/${f.file}`));
  expect(deferred.size).toBeGreaterThan(1);
  const isDeferred = (url: URL) => deferred.has(url.pathname);
  await page.route(isDeferred, () => {});
  await holdClock(page);
  await page.reload({ waitUntil: 'commit' });
  await expect(page.locator('.card-title').first()).toBeVisible();
  // Read through an observer: the held clock's `performance` lists no entries.
  const scripts = await page.evaluate(
    () =>
      new Promise<{ name: string; bytes: number; transferred: number }[]>((resolve) => {
        const observer = new PerformanceObserver((list) => {
          observer.disconnect();
          const resources = list.getEntries() as PerformanceResourceTiming[];
          resolve(
            resources
              .filter((r) => new URL(r.name).pathname.endsWith('.js'))
              .map((r) => ({ name: new URL(r.name).pathname, bytes: r.encodedBodySize, transferred: r.transferSize })),
          );
        });
        observer.observe({ type: 'resource', buffered: true });
      }),
  );
  // Downloaded, not answered from a cache, and served gzipped as the server sends them.
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script.transferred, script.name).toBeGreaterThan(script.bytes);
  expect(scripts.filter((s) => deferred.has(s.name))).toEqual([]);
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  expect(total).toBeGreaterThan(10 * 1024);
  expect(total).toBeLessThanOrEqual(50 * 1024);
});

test('after a source is removed, the head never paints its articles', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await addFutureFeed(page);
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('.card-title').first()).toHaveText('From the future 2');
  const stale = (await waitForStoredHead(page, (json) => json?.includes('From the future') === true)) as string;

  await page.goto('/sources');
  await page.locator('.source-item').filter({ hasText: 'Future Notes' }).getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed the source and its 2 articles' })).toBeVisible();
  await page.goto('/');
  await waitForList(page);
  await waitForStoredHead(page, (json) => json !== null && !json.includes('From the future'));

  // The kept head is the new first page.
  await holdAppChunk(page);
  await page.reload();
  await expect(page.locator('.card-title').first()).toBeVisible();
  await expect(page.locator('.card-title').filter({ hasText: 'From the future' })).toHaveCount(0);

  // A head written before the removal (a reload before it was replaced) is refused: its chunks are gone.
  await putStoredHead(page, stale);
  await page.reload();
  await page.waitForLoadState('load');
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(page.locator('#shell')).toBeVisible();
});

test('after the database is cleared, the head paints nothing and creates no database', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await waitForHead(page);
  await dropDatabase(page);
  // A returning reader: what localStorage holds of Folio's is kept, so the feed folder's head is not offered either.
  expect(await page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('folio.')))).toBe(true);

  await holdAppChunk(page);
  await page.goto('/');
  await page.waitForLoadState('load');
  await expect(page.locator('#shell')).toBeVisible();
  await expect(page.locator('.card')).toHaveCount(0);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('folio');
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a cold start with the network off paints the head, then the live list', async ({ page, context }) => {
    await page.goto('/');
    await waitForList(page);
    await waitForServiceWorker(page);
    await waitForHead(page);
    const live = await cardTitles(page);
    const statuses = await watchSyncStatus(page);
    await context.setOffline(true);
    await page.reload();
    // The live app renders behind the head, then takes its place.
    await waitForList(page);
    await expect(page.locator('.sync-status')).toContainText('Offline');
    await expect(page.locator('.sync-status')).toContainText('synced');
    // Never "not synced yet" while the stored sources are still being read.
    expect((await statuses()).filter((s) => /not synced/i.test(s.text))).toEqual([]);
    expect(await cardTitles(page)).toEqual(live);
    await expect(page.locator('ol.article-list')).toHaveCount(1);
    await context.setOffline(false);
  });
});

test.describe('on a 390 px phone, dark, with Continue reading', () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });

  const cardTops = (page: Page) => page.locator('ol.article-list > li').evaluateAll((items) => items.slice(0, 3).map((li) => Math.round(li.getBoundingClientRect().top)));

  test('the head paints every card where the live list then shows it', async ({ page }) => {
    const long = readFeed(defaultFeedDir).articles.filter((a) => a.body).sort((a, b) => b.words - a.words)[0]!;
    await page.goto(`/read/default/${long.id}`);
    const body = page.getByTestId('article-body');
    await expect(body).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.4));
    await page.waitForTimeout(1500);
    await page.goto('/');
    await waitForList(page);
    await expect(page.getByRole('region', { name: 'Continue reading' })).toContainText('% read');
    await waitForStoredHead(page, (json) => (JSON.parse(json ?? 'null') as { continueReading?: unknown[] } | null)?.continueReading?.length === 1);
    const live = await cardTops(page);

    const chunk = await holdAppChunk(page);
    await holdClock(page);
    await page.reload();
    await expect(page.locator('.card-title').first()).toBeVisible();
    await page.clock.resume();
    await expect(page.locator('.sync-status')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Continue reading' })).toContainText('% read');
    expect(await cardTops(page)).toEqual(live);
    await page.screenshot({ path: `${screenshotDir}/first-load-head-dark-390.png` });
    expect(await axeViolations(page)).toEqual([]);

    await chunk.release();
    await expect(page.locator('.sync-status')).toBeVisible();
    expect(await cardTops(page)).toEqual(live);
  });
});
