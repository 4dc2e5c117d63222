import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { totalCount, waitForList, waitForServiceWorker } from './support/app';
import { readFeed } from './support/feedData';
import { defaultFeedDir, repoRoot } from './support/paths';

const bundled = readFeed(defaultFeedDir).articles.length;
const sample = (name: string) => path.join(repoRoot, 'samples', 'feeds', name);
const ATOM_URL = 'https://feeds.example/atom.xml';

async function openSources(page: Page): Promise<void> {
  await page.goto('/');
  await waitForList(page);
  await page.getByRole('link', { name: 'Sources' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeFocused();
}

test('a feed file is added, filtered by source, read offline, and removed without touching the rest', async ({ page, context }) => {
  await openSources(page);
  // Offline below, the reader's code comes from the service worker's cache. It must control this
  // page before the next load, or that load may start before it is active and stay uncontrolled.
  await waitForServiceWorker(page);
  await page.getByTestId('source-file').setInputFiles(sample('rss.xml'));
  const outcome = page.getByTestId('add-source-outcome');
  await expect(outcome).toContainText(/Added “.+”: 2 articles\./);

  await page.getByRole('link', { name: 'Show its articles' }).nth(1).click();
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(2);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('From');
  await page.getByRole('link', { name: 'All articles', exact: false }).first().click();
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(bundled + 2);

  // Its text came inside the feed: it opens with the network off.
  await page.goto('/sources');
  await page.getByRole('link', { name: 'Show its articles' }).nth(1).click();
  await waitForList(page);
  await context.setOffline(true);
  await page.locator('.card-title a').first().click();
  await expect(page.getByTestId('article-body')).toBeVisible();
  await context.setOffline(false);

  await page.goto('/sources');
  await page.getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed the source and its 2 articles' })).toBeVisible();
  await page.goto('/');
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(bundled);
});

test('with the network off, a feed file is added and removed, the worker loading its parsers from the offline copy of the app', async ({ page, context }) => {
  await openSources(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  // A new page, so a new worker that has not yet loaded the code for feed files.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await page.getByTestId('source-file').setInputFiles(sample('atom.xml'));
  await expect(page.getByTestId('add-source-outcome')).toContainText(/Added “.+”: \d+ articles?\./);
  // Removing it needs no network either.
  await page.getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Removed the source and its \d+ articles?/ })).toBeVisible();
  await context.setOffline(false);
});

test('a feed URL is added; a failing one says why and adds nothing', async ({ page }) => {
  await page.route(ATOM_URL, (route) =>
    route.fulfill({ body: readFileSync(sample('atom.xml')), headers: { 'content-type': 'application/atom+xml', 'access-control-allow-origin': '*' } }),
  );
  await page.route('https://feeds.example/missing.xml', (route) => route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' }, body: 'nope' }));
  await page.route('https://no-cors.example/feed.xml', (route) => route.abort('failed'));
  await openSources(page);
  const address = page.getByLabel('Feed address');
  const outcome = page.getByTestId('add-source-outcome');

  await address.fill('https://feeds.example/missing.xml');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(outcome).toContainText('was not found (404)');
  await address.fill('https://no-cors.example/feed.xml');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(outcome).toContainText('does not let other sites read the feed.');
  // Hosting advice is behind "Why?", not in the message a reader sees first.
  await expect(outcome.getByText(/npm run feed/)).toBeHidden();
  await outcome.getByText('Why?').click();
  await expect(outcome.getByText(/npm run feed/)).toBeVisible();
  await expect(page.locator('.source-item')).toHaveCount(1);

  await address.fill(ATOM_URL);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(outcome).toContainText(/Added “.+”: 2 articles\./);
  await expect(page.locator('.source-item')).toHaveCount(2);
  await page.goto('/');
  await waitForList(page);
  await expect.poll(() => totalCount(page)).toBe(bundled + 2);
});
