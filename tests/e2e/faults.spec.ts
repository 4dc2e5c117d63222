import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import { cardTitles, totalCount, waitForList } from './support/app';
import { BodyGate } from './support/bodies';
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

/** Articles in the database, counted from the catalogue chunks: a duplicate would count twice. */
function storedArticles(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // Never opened before the app made it: opening creates a database, which the app would then find.
    if (!(await indexedDB.databases()).some((d) => d.name === 'folio')) return 0;
    return new Promise<number>((resolve) => {
      const open = indexedDB.open('folio');
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('catalog')) {
          db.close();
          resolve(0);
          return;
        }
        const all = db.transaction('catalog').objectStore('catalog').getAll();
        all.onsuccess = () => {
          resolve((all.result as { ids: string[] }[]).reduce((n, c) => n + c.ids.length, 0));
          db.close();
        };
      };
    });
  });
}

async function firstVisit(page: Page): Promise<string[]> {
  await page.goto('/');
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(feed.articles.length);
  return cardTitles(page);
}

async function expectFailedSyncKeptEverything(page: Page, titles: string[], message: RegExp): Promise<void> {
  await page.reload();
  const status = page.locator('.sync-status');
  await expect(status).toHaveAttribute('data-sync-state', 'error', { timeout: 30_000 });
  await expect(status).toContainText(message);
  await expect.poll(() => totalCount(page)).toBe(feed.articles.length);
  expect(await cardTitles(page)).toEqual(titles);
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
    await expect.poll(() => totalCount(page)).toBe(feed.articles.length);
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

test('a tab closed mid-way through a first sync: the next tab resumes with the shards it lacks, one copy of each', async ({ context }) => {
  const newest = path.basename(manifest.shards[0]!.href);
  const first = await context.newPage();
  // Only the newest shard arrives; the others wait until the tab is gone.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await first.route('**/feed/index/*.json', async (route) => {
    if (route.request().url().endsWith(newest)) return route.continue();
    await held;
    await route.abort().catch(() => {});
  });
  await first.goto('/');
  // Stored, not just shown: a first visit paints the folder's head before anything is stored.
  await expect.poll(() => storedArticles(first), { timeout: 30_000 }).toBeGreaterThan(0);
  await first.close();
  release();

  const requested: string[] = [];
  const next = await context.newPage();
  next.on('request', (request) => {
    if (request.url().includes('/feed/index/')) requested.push(path.basename(new URL(request.url()).pathname));
  });
  await next.goto('/');
  await waitForList(next);
  await expect.poll(() => totalCount(next), { timeout: 30_000 }).toBe(feed.articles.length);
  expect(await storedArticles(next)).toBe(feed.articles.length);
  expect(requested).not.toContain(newest);
  expect(requested.length).toBe(new Set(requested).size);
});

test('two tabs adding the same feed at once end with one source and one copy of its articles', async ({ context }) => {
  await context.route('https://feeds.example/atom.xml', (route) =>
    route.fulfill({ body: readFileSync(path.join(repoRoot, 'samples', 'feeds', 'atom.xml')), headers: { 'content-type': 'application/atom+xml', 'access-control-allow-origin': '*' } }),
  );
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    await tab.goto('/');
    await waitForList(tab);
    await tab.goto('/sources');
    await tab.getByLabel('Feed address').fill('https://feeds.example/atom.xml');
  }
  await Promise.all(tabs.map((tab) => tab.getByRole('button', { name: 'Add', exact: true }).click()));
  for (const tab of tabs) await expect(tab.getByTestId('add-source-outcome')).toContainText(/(Added|Updated) “.+”/);
  for (const tab of tabs) {
    await tab.reload();
    await expect(tab.locator('.source-item')).toHaveCount(2);
  }
  expect(await storedArticles(tabs[0]!)).toBe(feed.articles.length + 2);
});

test('two tabs resuming one download: one lock across tabs, each body requested once, one result', async ({ context }) => {
  const topic = feed.manifest.topics[0]!.slug;
  const inTopic = feed.articles.filter((a) => a.body !== null && a.topics.includes(topic));
  const first = await context.newPage();
  const gate = await BodyGate.on(first, 2);
  await first.goto(`/offline?topic=${topic}`);
  await first.getByRole('button', { name: 'Download this filter' }).click();
  // Two bodies stored (progress counts a body once it is written), the rest held back.
  await expect(first.getByTestId('download-progress').getByRole('progressbar')).toHaveAttribute('value', '2');
  const storedFirst = [...gate.delivered.keys()];
  // Cut short by leaving the page, then offered again in two tabs.
  await first.goto('/');
  await waitForList(first);
  const second = await context.newPage();
  const requests = new Map<string, number>();
  await context.route(/\/feed\/bodies\//, (route) => {
    requests.set(route.request().url(), (requests.get(route.request().url()) ?? 0) + 1);
    return route.continue();
  });
  await first.unroute(/\/feed\/bodies\//);
  await second.goto('/');
  await waitForList(second);
  const banners = [first, second].map((tab) => tab.getByRole('region', { name: 'Unfinished download' }));
  for (const banner of banners) await expect(banner).toContainText('did not finish');
  await Promise.all(banners.map((banner) => banner.getByRole('button', { name: 'Resume' }).click()));

  // Both runs end before either tab leaves: a tab closed mid-download would leave its bodies in flight.
  const storedBodies = () =>
    first.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('folio');
          open.onsuccess = () => {
            const count = open.result.transaction('bodies').objectStore('bodies').count();
            count.onsuccess = () => {
              resolve(count.result);
              open.result.close();
            };
          };
        }),
    );
  await expect.poll(storedBodies, { timeout: 30_000 }).toBe(inTopic.length);
  for (const tab of [first, second]) await expect(tab.locator('#offline-link')).not.toContainText('%', { timeout: 30_000 });
  for (const tab of [first, second]) {
    await tab.goto(`/offline?topic=${topic}`);
    await expect(tab.getByTestId('estimate-filter')).toContainText('all on this device');
  }
  expect(await storedBodies()).toBe(inTopic.length);
  expect([...requests.entries()].filter(([, n]) => n > 1)).toEqual([]);
  // What the first run stored is never asked for again.
  for (const url of storedFirst) expect(requests.has(url), url).toBe(false);
});
