/**
 * A first visit: nothing stored, so the entry paints the bundled feed folder's head.json, then
 * downloads the app's chunks all at once; the app syncs and takes over in place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import { cardTitles, waitForList, watchShifts } from './support/app';
import { waitForFreshHead } from './support/head';
import { defaultFeedDir, screenshotDir } from './support/paths';
import { axeViolations } from './support/axe';
import { holdClock } from './support/clock';

const APP_CHUNK = /\/assets\/boot-[^/]*\.js$/;
const ENTRY = /\/assets\/index-[^/]*\.js$/;
const FOLDER_HEAD = /\/feed\/head\.json$/;
/** The workers' scripts (sync and search); neither starts while the app is held on a first visit. */
const WORKER = /\/assets\/worker-[^/]*\.js$/;

// Requests a service worker answers never reach page.route: these tests hold the app's chunk back.
test.use({ serviceWorkers: 'block' });

/** The titles of the bundled head.json, as the feed builder wrote them. */
const folderTitles = (JSON.parse(readFileSync(path.join(defaultFeedDir, 'head.json'), 'utf8')) as { cards: { title: string }[] }).cards.map((c) => c.title);

/** Network events in the order the page saw them: "request <path>" and "finished <path>". */
function recordRequests(page: Page): string[] {
  const events: string[] = [];
  page.on('request', (r) => events.push(`request ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => events.push(`finished ${new URL(r.url()).pathname}`));
  return events;
}

type WorkerStart = { name: string; appStarted: boolean };

/** Notes, as each worker is constructed, its name and whether the app's code has started (it holds #app inert, then mounts in it). */
async function recordWorkerStarts(page: Page): Promise<() => Promise<WorkerStart[]>> {
  await page.addInitScript(() => {
    const starts: WorkerStart[] = [];
    (window as unknown as { workerStarts: typeof starts }).workerStarts = starts;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        const app = document.getElementById('app');
        starts.push({ name: options?.name ?? '', appStarted: app !== null && (app.inert || app.childElementCount > 0) });
        super(url, options);
      }
    };
  });
  return () => page.evaluate(() => (window as unknown as { workerStarts: WorkerStart[] }).workerStarts);
}

const firstIndex = (events: string[], kind: string, pattern: RegExp) => events.findIndex((e) => e.startsWith(`${kind} `) && pattern.test(e.slice(kind.length + 1)));

test('a first visit paints the folder’s head with the app held back, requests the app after head.json, then hands over in place', async ({ page }) => {
  const shift = await watchShifts(page);
  const events = recordRequests(page);
  const workerStarts = await recordWorkerStarts(page);
  let held: Route | null = null;
  await page.route(APP_CHUNK, (route) => {
    held = route;
  });
  await holdClock(page);
  await page.goto('/');
  // The first page, from head.json alone: no catalogue, no sync yet.
  await expect(page.locator('.card-title').first()).toBeVisible();
  await page.clock.resume();
  await expect.poll(() => held !== null).toBe(true);
  expect(await cardTitles(page)).toEqual(folderTitles);
  await expect(page.locator('.sync-status')).toHaveCount(0);
  await expect(page.locator('.shell-source')).toHaveText('Field Notes');
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('folio');
  // What the first paint needs comes first: the entry, then head.json; the app's chunks are asked for
  // (all at once, from the page's inert preload list) only once head.json is in.
  const app = firstIndex(events, 'request', APP_CHUNK);
  expect(firstIndex(events, 'request', ENTRY)).toBeGreaterThanOrEqual(0);
  expect(firstIndex(events, 'finished', FOLDER_HEAD)).toBeGreaterThan(firstIndex(events, 'request', ENTRY));
  expect(app).toBeGreaterThan(firstIndex(events, 'finished', FOLDER_HEAD));
  // The sync's worker waits for the app's code: on a first visit it would share the network with it.
  expect(firstIndex(events, 'request', WORKER)).toBe(-1);
  await page.screenshot({ path: `${screenshotDir}/first-visit-head-1280.png` });
  expect(await axeViolations(page)).toEqual([]);

  await (held as Route | null)?.continue();
  await page.unroute(APP_CHUNK);
  await expect(page.locator('.sync-status')).toBeVisible();
  await expect(page.getByTestId('total-count')).toBeVisible();
  expect(await cardTitles(page)).toEqual(folderTitles);
  await expect(page.locator('ol.article-list')).toHaveCount(1);
  expect(await shift()).toBeLessThanOrEqual(0.05);
  // Once the app's code is in (it was held above, and no worker started), the sync's worker starts,
  // to compile while that code runs. Playwright may report the chunk finished after the worker's
  // request: the page heard of it first, so the order is checked in the page.
  expect((await workerStarts()).find((w) => w.name === 'folio-ingest')).toEqual({ name: 'folio-ingest', appStarted: false });
});

test('a head.json slower than the start’s deadline: the app loads beside it, and the head still paints first when it comes first', async ({ page }) => {
  let app: Route | null = null;
  let folderHead: Route | null = null;
  await page.route(APP_CHUNK, (route) => {
    app = route;
  });
  await page.route(FOLDER_HEAD, (route) => {
    folderHead = route;
  });
  await page.goto('/');
  // head.json is held: only the start's deadline asks for the app.
  await expect.poll(() => app !== null).toBe(true);
  expect(folderHead).not.toBeNull();
  await (folderHead as Route | null)?.continue();
  await expect(page.locator('.card-title').first()).toBeVisible();
  expect(await cardTitles(page)).toEqual(folderTitles);
  await expect(page.locator('.sync-status')).toHaveCount(0);

  await (app as Route | null)?.continue();
  await page.unroute(APP_CHUNK);
  await expect(page.locator('.sync-status')).toBeVisible();
  expect(await cardTitles(page)).toEqual(folderTitles);
  await expect(page.locator('ol.article-list')).toHaveCount(1);
});

test('a head.json that comes after the app is never painted over the app’s list', async ({ page }) => {
  let folderHead: Route | null = null;
  await page.route(FOLDER_HEAD, (route) => {
    folderHead = route;
  });
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('.sync-status')).toBeVisible();
  const answered = page.waitForEvent('requestfinished', (r) => FOLDER_HEAD.test(new URL(r.url()).pathname));
  await (folderHead as Route | null)?.continue();
  await answered;
  // Read and dropped within a task or two: two frames later nothing of it may show.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await cardTitles(page)).toEqual(folderTitles);
  await expect(page.locator('ol.article-list')).toHaveCount(1);
  await expect(page.locator('.head-list')).toHaveCount(0);
});

test('a broken head.json starts the app as before, with no error shown', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let served = false;
  await page.route(FOLDER_HEAD, (route) => {
    served = true;
    return route.fulfill({ body: '{"format":1,"cards":[{"title":"<img src=x>"', contentType: 'application/json' });
  });
  await page.goto('/');
  await waitForList(page);
  expect(served).toBe(true);
  expect(await cardTitles(page)).toEqual(folderTitles);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.card-title').filter({ hasText: '<img' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a second visit never fetches the folder’s head: its own rules apply', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await waitForFreshHead(page);
  const events = recordRequests(page);
  await page.reload();
  await waitForList(page);
  expect(firstIndex(events, 'request', FOLDER_HEAD)).toBe(-1);
});

test.describe('on a 390 px phone, dark', () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });

  test('the folder’s head paints each card where the live list shows it', async ({ page }) => {
    let held: Route | null = null;
    await page.route(APP_CHUNK, (route) => {
      held = route;
    });
    await holdClock(page);
    await page.goto('/');
    await expect(page.locator('.card-title').first()).toBeVisible();
    await page.clock.resume();
    const tops = () => page.locator('ol.article-list > li').evaluateAll((items) => items.slice(0, 3).map((li) => Math.round(li.getBoundingClientRect().top)));
    const painted = await tops();
    await page.screenshot({ path: `${screenshotDir}/first-visit-head-dark-390.png` });
    await (held as Route | null)?.continue();
    await page.unroute(APP_CHUNK);
    await expect(page.locator('.sync-status')).toBeVisible();
    expect(await tops()).toEqual(painted);
  });
});
