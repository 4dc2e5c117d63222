import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import { totalCount, waitForList } from './support/app';
import { readFeed } from './support/feedData';
import { defaultFeedDir, repoRoot } from './support/paths';

const feed = readFeed(defaultFeedDir);
const manifest = JSON.parse(readFileSync(path.join(defaultFeedDir, 'manifest.json'), 'utf8')) as {
  shards: { key: string; href: string; hash: string }[];
};

/** The feed as the next sync sees it: every shard "changed" (new hashes), served by `serve`. */
async function changedFeed(page: Page, serveShard: (route: Route, index: number) => Promise<void>): Promise<void> {
  const renamed = { ...manifest, shards: manifest.shards.map((s) => ({ ...s, hash: `${s.hash.slice(0, 12)}beef`, href: s.href.replace('.json', '.v2.json') })) };
  await page.route('**/feed/manifest.json', (route) => route.fulfill({ json: renamed }));
  let served = 0;
  await page.route('**/feed/index/*.v2.json', (route) => serveShard(route, served++));
}

const originalShard = (route: Route) => {
  const file = path.basename(new URL(route.request().url()).pathname).replace('.v2.json', '.json');
  return route.fulfill({ body: readFileSync(path.join(defaultFeedDir, 'index', file)), contentType: 'application/json' });
};

async function firstVisit(page: Page): Promise<string[]> {
  await page.goto('/');
  await waitForList(page);
  expect(await totalCount(page)).toBe(feed.articles.length);
  return page.locator('.card-title').allInnerTexts();
}

async function expectFailedSyncKeptEverything(page: Page, titles: string[], message: RegExp): Promise<void> {
  await page.reload();
  const status = page.locator('.sync-status');
  await expect(status).toHaveAttribute('data-sync-state', 'error', { timeout: 30_000 });
  await expect(status).toContainText(message);
  expect(await totalCount(page)).toBe(feed.articles.length);
  expect(await page.locator('.card-title').allInnerTexts()).toEqual(titles);
}

test('the network cut mid-sync: an error, and the stored articles intact', async ({ page }) => {
  const titles = await firstVisit(page);
  await changedFeed(page, (route, index) => (index < 2 ? originalShard(route) : route.abort('internetdisconnected')));
  await expectFailedSyncKeptEverything(page, titles, /network is off|server is down/);
});

test('a 500 on the manifest: an error, and the stored articles intact', async ({ page }) => {
  const titles = await firstVisit(page);
  await page.route('**/feed/manifest.json', (route) => route.fulfill({ status: 500, body: 'boom' }));
  await expectFailedSyncKeptEverything(page, titles, /answered 500/);
});

test('truncated JSON in a shard: an error, and the stored articles intact', async ({ page }) => {
  const titles = await firstVisit(page);
  await changedFeed(page, (route) => route.fulfill({ body: '{"format":"folio-feed-shard","version":1,"key":"20', contentType: 'application/json' }));
  await expectFailedSyncKeptEverything(page, titles, /not valid JSON/);
});

test('two tabs syncing at once end with one copy of every article', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto('/'), b.goto('/')]);
  await Promise.all([waitForList(a), waitForList(b)]);
  for (const page of [a, b]) {
    await page.reload();
    await waitForList(page);
    expect(await totalCount(page)).toBe(feed.articles.length);
  }
  const stored = await a.evaluate(async () => {
    return new Promise<number>((resolve) => {
      const open = indexedDB.open('folio');
      open.onsuccess = () => {
        const tx = open.result.transaction('catalog');
        const all = tx.objectStore('catalog').getAll();
        all.onsuccess = () => resolve((all.result as { ids: string[] }[]).reduce((n, c) => n + c.ids.length, 0));
      };
    });
  });
  expect(stored).toBe(feed.articles.length);
});

test('a database made by the first release opens upgraded, with its articles and reading state', async ({ page }) => {
  const fixture = readFileSync(path.join(repoRoot, 'tests', 'unit', 'db', 'fixtures', 'v1.json'), 'utf8');
  // A page of the app's origin that is not the app, to write the old database before the app runs.
  await page.route('**/__fixture', (route) => route.fulfill({ body: '<!doctype html><title>fixture</title>', contentType: 'text/html' }));
  await page.goto('/__fixture');
  await page.evaluate(async (text) => {
    const data = JSON.parse(text) as Record<string, unknown[]>;
    await new Promise<void>((resolve, reject) => {
      // Dexie stores version n as IndexedDB version n × 10.
      const open = indexedDB.open('folio', 10);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('sources', { keyPath: 'id' });
        const articles = db.createObjectStore('articles', { keyPath: 'key' });
        articles.createIndex('sourceId', 'sourceId');
        articles.createIndex('date', 'date');
        articles.createIndex('topics', 'topics', { multiEntry: true });
        articles.createIndex('shard', 'shard');
        db.createObjectStore('shards', { keyPath: 'key' }).createIndex('sourceId', 'sourceId');
        db.createObjectStore('bodies', { keyPath: 'key' });
        const reader = db.createObjectStore('readerState', { keyPath: 'key' });
        reader.createIndex('readAt', 'readAt');
        reader.createIndex('openedAt', 'openedAt');
      };
      open.onsuccess = () => {
        const tx = open.result.transaction(Object.keys(data), 'readwrite');
        for (const [table, rows] of Object.entries(data)) for (const row of rows) tx.objectStore(table).put(row);
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
  }, fixture);
  // The feed stays unreachable, so what the list shows is what the upgrade kept.
  await page.route('**/feed/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.locator('.card-title')).toHaveText(['Gamma', 'Beta', 'Alpha']);
  await expect(page.locator('.card').filter({ hasText: 'Alpha' }).getByRole('button', { name: /^Read:/, pressed: true })).toBeVisible();
  await expect(page.locator('.card').filter({ hasText: 'Alpha' })).toContainText('Available offline');
  await page.locator('.card-title a', { hasText: 'Alpha' }).click();
  await expect(page.getByTestId('article-body')).toContainText('Alpha body');
});

test('an open tab hears of a schema upgrade made in another and asks for a reload', async ({ context }) => {
  const reader = await context.newPage();
  await reader.goto('/');
  await waitForList(reader);
  const other = await context.newPage();
  await other.route('**/__fixture', (route) => route.fulfill({ body: '<!doctype html><title>fixture</title>', contentType: 'text/html' }));
  await other.goto('/__fixture');
  // A newer release opening the database at a higher version.
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('folio', 1000);
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await expect(reader.getByRole('alert')).toContainText('Folio was updated in another tab. Reload this page');
});
