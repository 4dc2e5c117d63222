import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_URL } from '../../playwright.config';
import { waitForList, waitForServiceWorker } from './support/app';

// An incognito-like context always reports "in-incognito": installability needs a persistent profile.
test('the app is installable and its manifest has no errors', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'folio-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(DEFAULT_URL);
    await waitForList(page);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[]; url: string };
    expect(manifest.url).toMatch(/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    await expect
      .poll(async () => ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }).installabilityErrors)
      .toEqual([]);
    await cdp.detach();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the manifest names the app, its icons and shortcuts', async ({ request }) => {
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
    name: string; short_name: string; display: string; start_url: string; scope: string;
    icons: { sizes: string; purpose?: string }[]; shortcuts: { name: string; url: string }[];
  };
  expect(manifest).toMatchObject({ short_name: 'Folio', display: 'standalone', start_url: '/', scope: '/' });
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  expect(manifest.shortcuts.map((s) => s.name)).toEqual(['Latest articles', 'Saved for offline']);
  for (const icon of ['icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png']) {
    const response = await request.get(`/${icon}`);
    expect(response.headers()['content-type']).toBe('image/png');
  }
});
