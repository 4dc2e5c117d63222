import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitForList, waitForServiceWorker } from './support/app';
import { repoRoot } from './support/paths';
import { startStaticServer, type StaticServer } from './support/staticServer';

const oldBuild = path.join(repoRoot, 'dist');
const newBuild = path.join(repoRoot, 'dist-update-b');
const NEW_ID = 'update-b';
let server: StaticServer;

test.beforeAll(async () => {
  // A second build that differs from dist/ only by its id, hence by its precache and worker.
  test.setTimeout(120_000);
  await promisify(execFile)('npx', ['vite', 'build', '--outDir', newBuild, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    env: { ...process.env, FOLIO_BUILD_ID: NEW_ID },
  });
  server = await startStaticServer(oldBuild);
});

test.afterAll(async () => {
  await server?.close();
});

test('a new version shows the update banner, and Reload brings it in', async ({ page, context }) => {
  await page.goto(server.url);
  await waitForList(page);
  await waitForServiceWorker(page);
  const oldId = await page.getByTestId('build-id').innerText();
  expect(oldId).not.toBe(NEW_ID);
  const banner = page.getByText('A new version of Folio is ready.');
  await expect(banner).toHaveCount(0);

  // Deploy the new build, then let the browser look for it as it does on navigation.
  server.root = newBuild;
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  await expect(banner).toBeVisible();
  // Nothing reloads by itself: the page keeps the old version until the reader chooses.
  await expect(page.getByTestId('build-id')).toHaveText(oldId);

  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('build-id')).toHaveText(NEW_ID);
  await waitForList(page);
  await expect(banner).toHaveCount(0);

  // The new version is the one installed: a fresh page with the network off gets it.
  await context.setOffline(true);
  const offlinePage = await context.newPage();
  await offlinePage.goto(server.url);
  await waitForList(offlinePage);
  await expect(offlinePage.getByTestId('build-id')).toHaveText(NEW_ID);
});
