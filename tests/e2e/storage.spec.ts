/**
 * Storage faults in a real browser: a full disk (the profile on a small tmpfs, since this Chromium
 * ignores CDP's quota override for IndexedDB) and the browser clearing Folio's database.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEFAULT_URL } from '../../playwright.config';
import { dropDatabase, leaveApp, totalCount, waitForList } from './support/app';
import { readFeed } from './support/feedData';
import { defaultFeedDir, repoRoot, screenshotDir } from './support/paths';
import { axeViolations } from './support/axe';

const bundled = readFeed(defaultFeedDir).articles.length;
const sample = (name: string) => path.join(repoRoot, 'samples', 'feeds', name);
const ATOM_URL = 'https://feeds.example/atom.xml';
const RSS_URL = 'https://feeds.example/rss.xml';
const CLEARED = "Your browser cleared Folio's stored articles";

// An active service worker would answer the page that clears storage with the app itself (its
// navigation fallback), and that app would sync the dropped sources back before the test reopens Folio.
test.use({ serviceWorkers: 'block' });

async function serveFeeds(target: Page | BrowserContext): Promise<void> {
  for (const [url, file, type] of [[ATOM_URL, 'atom.xml', 'application/atom+xml'], [RSS_URL, 'rss.xml', 'application/rss+xml']] as const) {
    await target.route(url, (route) => route.fulfill({ body: readFileSync(sample(file)), headers: { 'content-type': type, 'access-control-allow-origin': '*' } }));
  }
}

async function addUrl(page: Page, url: string): Promise<void> {
  await page.getByLabel('Feed address').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

const atomSource = (page: Page) => page.locator('.source-item').filter({ hasText: 'Sample Atom Blog' });

/**
 * The sample RSS feed with 300 more items of varied text (about 2.5 MB): a full disk's files keep
 * some slack (a partly used page, free pages inside a database file), and two small articles can
 * fit in it. This much cannot. The words come from a vocabulary of 4,000, as a blog's do: 300,000
 * distinct words would make the search index alone take 8 s to build.
 */
function paddedRss(): string {
  let seed = 7;
  const next = (): number => (seed = (seed * 48_271) % 2_147_483_647);
  const vocabulary = Array.from({ length: 4000 }, () => next().toString(36).slice(0, 3 + (seed % 6)));
  const words = (n: number): string => Array.from({ length: n }, () => vocabulary[next() % vocabulary.length]).join(' ');
  const items = Array.from({ length: 300 }, (_, i) => `<item><title>Padding ${i} ${words(4)}</title><link>https://rss.example/posts/pad-${i}/</link>` +
    `<pubDate>Sun, 01 Jun 2025 10:00:00 +0000</pubDate><description>${words(30)}</description><content:encoded><![CDATA[<p>${words(1200)}</p>]]></content:encoded></item>`);
  return readFileSync(sample('rss.xml'), 'utf8').replace('</channel>', `${items.join('\n')}</channel>`);
}

test.describe('a full disk', () => {
  let mount: string | null = null;
  let why = '';
  test.beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'folio-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { stdio: 'pipe' });
      mount = dir;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      why = `a small tmpfs for the browser profile could not be mounted (needs root and the mount privilege): ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
    }
  });
  test.afterAll(() => {
    if (mount === null) return;
    // Lazily: a browser that crashed may still hold files there for a moment.
    execFileSync('umount', ['-l', mount]);
    rmSync(mount, { recursive: true, force: true });
  });

  const launch = (profile: string) =>
    chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-quic'], baseURL: DEFAULT_URL, serviceWorkers: 'block',
    });

  /** Fills the tmpfs to the last byte with a file of its own. */
  function fillDisk(dir: string): string {
    const filler = path.join(dir, 'filler');
    const fd = openSync(filler, 'w');
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch {
        // ENOSPC: on to smaller writes.
      }
    }
    closeSync(fd);
    return filler;
  }

  test('an add fails with a message, the sources stay listed, and after a restart what the browser dropped comes back', async () => {
    test.skip(mount === null, why);
    const dir = mount as string;
    const profile = path.join(dir, 'profile');
    let context = await launch(profile);
    try {
      await serveFeeds(context);
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/');
      await waitForList(page);
      await page.goto('/sources');
      await addUrl(page, ATOM_URL);
      await expect(page.getByTestId('add-source-outcome')).toContainText(/Added “.+”: 2 articles\./);

      await context.route(RSS_URL, (route) => route.fulfill({ body: paddedRss(), headers: { 'content-type': 'application/rss+xml', 'access-control-allow-origin': '*' } }));
      const filler = fillDisk(dir);
      await addUrl(page, RSS_URL);
      // Parsing and indexing 300 articles takes seconds on two busy cores before the write fails.
      await expect(page.getByTestId('add-source-outcome')).toContainText(/could not save the articles|Storage is full/, { timeout: 30_000 });
      // Mid-download: the bodies cannot be stored either. The download says so, or (in some runs) a
      // write on the full disk never settles and it stays running; it never claims to be done.
      await page.getByRole('link', { name: 'Offline reading' }).first().click();
      await page.getByRole('button', { name: 'Download all' }).click();
      const outcome = page.getByTestId('download-progress').getByRole('status');
      const said = await expect(outcome).toContainText(/could not save|could not read or write its storage|Storage is full/, { timeout: 20_000 }).then(
        () => 'an error that names storage',
        () => 'no outcome within 20 s',
      );
      test.info().annotations.push({ type: 'download on a full disk', description: said });
      await expect(outcome).not.toContainText('Done');
      // A fresh page while the disk is full: the database may not even open, and the sources are listed all the same.
      const fresh = await context.newPage();
      await fresh.goto('/sources');
      await expect(atomSource(fresh)).toBeVisible();
      await expect(fresh.locator('.source-item').filter({ hasText: 'Sample RSS Blog' })).toHaveCount(0);
      await context.close();

      rmSync(filler);
      context = await launch(profile);
      await serveFeeds(context);
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/sources');
      await expect(atomSource(page)).toContainText('2 articles', { timeout: 30_000 });
      // Chromium drops the origin's IndexedDB after a write failed on a full disk: then Folio has said so and synced it again.
      const dropped = await page.getByTestId('cleared-notice').isVisible();
      test.info().annotations.push({ type: 'database after restart', description: dropped ? 'dropped by the browser, then re-synced' : 'kept' });
      await page.goto('/');
      await waitForList(page);
      await expect.poll(() => totalCount(page)).toBe(bundled + 2);
    } finally {
      await context.close();
    }
  });
});

test('when the browser clears the database, Folio says so, syncs its sources again and names the file to add again', async ({ page }) => {
  await serveFeeds(page);
  await page.goto('/');
  await waitForList(page);
  await page.goto('/sources');
  await addUrl(page, ATOM_URL);
  await expect(page.getByTestId('add-source-outcome')).toContainText(/Added “.+”: 2 articles\./);
  await page.getByTestId('source-file').setInputFiles(sample('rss.xml'));
  await expect(page.getByTestId('add-source-outcome')).toContainText(/Added “Sample RSS Blog”: 2 articles\./);
  // Listed once the page has read it stored, and so remembered it: the outcome comes from the worker, sooner.
  await expect(page.locator('.source-item').filter({ hasText: 'Sample RSS Blog' })).toBeVisible();

  await dropDatabase(page);
  await page.goto('/');
  const notice = page.getByTestId('cleared-notice');
  await expect(notice).toContainText(CLEARED);
  await expect(notice).toContainText('fetching them again from');
  await expect(notice).toContainText('“Sample Atom Blog”');
  await expect(notice).toContainText('“Sample RSS Blog” was added from a file');
  // Never a half-state: the list fills in by syncing, with no error.
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(bundled + 2);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('link', { name: 'Sources', exact: true }).click();
  await expect(atomSource(page)).toContainText('2 articles');
  await expect(page.locator('.source-item').filter({ hasText: 'Sample RSS Blog' })).toContainText('add the file again');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.source-item').filter({ hasText: 'Sample RSS Blog' })).toHaveCount(0);
  await page.reload();
  await expect(atomSource(page)).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('when the browser clears everything, Folio starts afresh: nothing is left to tell it what was there', async ({ page, context }) => {
  await serveFeeds(page);
  await page.goto('/sources');
  await addUrl(page, ATOM_URL);
  await expect(page.getByTestId('add-source-outcome')).toContainText(/Added “.+”: 2 articles\./);
  await leaveApp(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(DEFAULT_URL).origin, storageTypes: 'all' });
  await cdp.detach();
  await page.goto('/');
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(bundled);
  await expect(page.getByTestId('cleared-notice')).toHaveCount(0);
});

test.describe('with no service worker, so every feed request meets the routes below', () => {
    test('the report of a cleared database and the sources it lists: axe-clean and whole at both widths, light and dark', async ({ page, context }) => {
    await serveFeeds(context);
    await page.goto('/sources');
    await page.getByTestId('source-file').setInputFiles(sample('rss.xml'));
    await expect(page.getByTestId('add-source-outcome')).toContainText('Added');
    await addUrl(page, ATOM_URL);
    await expect(page.getByTestId('add-source-outcome')).toContainText('Sample Atom Blog');
    // Folio remembers a source once its library has read it stored, which follows the add's outcome.
    await expect(atomSource(page)).toContainText('2 articles');
    // The feed goes away before the database does, so no sync can bring it back and the report and
    // the rows of missing sources stay on screen.
    await context.unroute(ATOM_URL);
    await context.route(ATOM_URL, (route) => route.abort('internetdisconnected'));
    await dropDatabase(page);
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.goto('/sources');
        await expect(page.getByTestId('cleared-notice')).toContainText(CLEARED);
        await expect(atomSource(page)).toContainText('fetching it again');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(screenshotDir, `cleared-${scheme}-${width}.png`), fullPage: true });
      }
      expect(await axeViolations(page)).toEqual([]);
    }
  });
});
