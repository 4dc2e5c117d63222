import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitForList } from './support/app';
import { screenshotDir } from './support/paths';
import { axeViolations } from './support/axe';

// No service worker: one that answers a body part from its cache would never meet the routes below.
test.use({ serviceWorkers: 'block' });

/** The search index's body parts as the feed folder serves them. */
const BODY_PARTS = '**/feed/search/*.body';

/** Segment rows as the test reads them straight from IndexedDB. */
type Row = { key: string; body: unknown; bodyRef: { bytes: number } | null; missingBody?: number; rev: string };

/** Raw IndexedDB in the page: the built app exposes no store functions. */
function segments(page: Page, change: 'read' | 'drop-bodies'): Promise<{ key: string; body: boolean; ref: boolean; missing: number | null }[]> {
  return page.evaluate(async (change) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('folio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('segments', change === 'read' ? 'readonly' : 'readwrite');
    const store = tx.objectStore('segments');
    const rows = await new Promise<Row[]>((resolve) => {
      const all = store.getAll();
      all.onsuccess = () => resolve(all.result as Row[]);
    });
    if (change === 'drop-bodies') {
      // As a feed past the size policy leaves them: body parts on the server only.
      for (const row of rows) store.put({ ...row, body: null, missingBody: row.bodyRef?.bytes, rev: row.rev.replace(/b$/, 'm') });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    return rows.map((r) => ({ key: r.key, body: change === 'read' && r.body !== null, ref: r.bodyRef !== null, missing: r.missingBody ?? null }));
  }, change);
}

test('the bundled feed’s search index is stored with it; the offline page offers body parts left on the server', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  const stored = await segments(page, 'read');
  // Every shard has its segment; those with bodies (the manifest lists their body parts) have their body part.
  const manifest = JSON.parse(readFileSync(path.resolve('public/feed/manifest.json'), 'utf8')) as { shards: { search?: { body?: unknown } }[] };
  expect(stored.length).toBe(manifest.shards.length);
  expect(stored.filter((s) => s.ref).length).toBe(manifest.shards.filter((s) => s.search?.body).length);
  expect(stored.every((s) => s.body === s.ref && s.missing === null)).toBe(true);

  await page.goto('/offline');
  await expect(page.getByRole('heading', { name: 'Offline reading' })).toBeVisible();
  await expect(page.getByTestId('search-index-offer')).toHaveCount(0);

  // Until the reader asks, the server keeps them: a sync (this page's, or the next start's) would
  // otherwise store them again (this feed's index is under the size policy) before the offer is looked at.
  await page.route(BODY_PARTS, (route) => route.abort('internetdisconnected'));
  await segments(page, 'drop-bodies');
  await page.reload();
  const offer = page.getByTestId('search-index-offer');
  const button = offer.getByRole('button', { name: /^Download the search index \(\d+\.\d (KB|MB)\)$/ });
  await expect(button).toBeVisible();
  expect(await axeViolations(page, '[data-testid="search-index-offer"]')).toEqual([]);
  await page.unroute(BODY_PARTS);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(offer.getByRole('status')).toHaveText('Search now covers the full text of every article, offline too.');
  expect((await segments(page, 'read')).every((s) => s.body === s.ref && s.missing === null)).toBe(true);
});

test('body parts left on the server are fetched once the reader stops typing, and the results then cover the full text', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  // As a feed past the size policy leaves them; the start's own sync may not store them again. It
  // asks for each missing part once, after its list (so maybe after "Synced"): all are refused first.
  let refused = 0;
  await page.route(BODY_PARTS, (route) => (refused++, route.abort('internetdisconnected')));
  await segments(page, 'drop-bodies');
  const parts = (await segments(page, 'read')).filter((s) => s.ref).length;
  expect(parts).toBeGreaterThan(0);
  await page.reload();
  await waitForList(page);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced');
  await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(parts);
  await page.unroute(BODY_PARTS);

  const box = page.getByRole('searchbox', { name: 'Search articles' });
  const focused = Date.now();
  await box.focus();
  // A word at a time, as a reader types: each key's search holds the download back.
  await page.keyboard.type('the offline reader', { delay: 60 });
  const typed = Date.now();
  const note = page.getByTestId('search-note');
  await expect(note).toContainText('titles and summaries only');
  await expect(note).toHaveCount(0, { timeout: 30_000 });
  // The worker holds each part until 400 ms after the box's focus and after each search ends. None
  // may be asked for within 300 ms of the end of a typed key's search, both by the worker's clock (the
  // page hears of an answer later, by over 300 ms on a loaded machine, and the network may start a
  // request asked for just before a search came after that search), so none while the keys came. The
  // results' own refresh (a search a second, after the typing) is left out.
  const times = await Promise.all(
    page.workers().map((worker) =>
      worker.evaluate((until) => {
        const at = (e: PerformanceEntry): number => performance.timeOrigin + e.startTime;
        return {
          ended: performance.getEntriesByName('folio:worker-search').filter((e) => at(e) <= until).map((e) => at(e) + e.duration),
          asked: performance.getEntriesByName('folio:part-asked').map(at),
        };
      }, typed),
    ),
  );
  const ended = times.flatMap((t) => t.ended);
  const asked = times.flatMap((t) => t.asked).filter((at) => at >= focused);
  expect(asked.length).toBeGreaterThan(0);
  expect(ended.length).toBeGreaterThan(0);
  for (const at of asked) expect([focused, ...ended].filter((end) => at >= end && at < end + 300), `a body part asked for at ${at}`).toEqual([]);
  // Kept in memory only: what is stored stays the offline page's choice.
  expect((await segments(page, 'read')).some((s) => s.ref && !s.body)).toBe(true);
});

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`screenshot of the search index offer: ${scheme}, ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto('/');
      await waitForList(page);
      // The sync stores body parts after the list shows: drop them once they are all in.
      await expect.poll(async () => (await segments(page, 'read')).every((s) => s.body || !s.ref)).toBe(true);
      await segments(page, 'drop-bodies');
      // The server keeps them from now on, so the start's sync cannot store them again before the offer shows.
      await page.route(BODY_PARTS, (route) => route.abort('internetdisconnected'));
      await page.goto('/offline');
      const offer = page.getByTestId('search-index-offer');
      await expect(offer.getByRole('button')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await offer.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshotDir, `search-index-offer-${scheme}-${width}.png`), fullPage: true });
    });
  }
}
