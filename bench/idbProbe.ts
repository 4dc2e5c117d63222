/**
 * What the IndexedDB probes (`valueSize.ts`, `recordReads.ts`) share: a Chromium page on a blank
 * origin with a profile on disk, and the in-page helpers that open a database and time a transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';

export interface ProbePage {
  page: Page;
  version: string;
  close(): Promise<void>;
}

export async function openProbePage(name: string): Promise<ProbePage> {
  const profile = mkdtempSync(path.join(os.tmpdir(), `folio-${name}-`));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const page = await context.newPage();
    const url = `http://${name}.invalid/`;
    await page.route(url, (route) => route.fulfill({ body: `<!doctype html><title>${name}</title>`, contentType: 'text/html' }));
    await page.goto(url);
    return { page, version: context.browser()?.version() ?? '', close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * In-page source (a string, not a function: the page must not see names the TypeScript loader adds)
 * defining `open(name)`, which opens a database whose one store `store` is made by `create` (source
 * given `db`), and `timed(db, mode, work)`, the milliseconds until a transaction `work` fills completes.
 */
export const idbHelpers = (store: string, create: string): string => `
  const open = (name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => { const db = request.result; ${create}; };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const timed = (db, mode, work) => new Promise((resolve) => {
    const start = performance.now();
    const tx = db.transaction('${store}', mode);
    work(tx.objectStore('${store}'));
    tx.oncomplete = () => resolve(performance.now() - start);
  });`;

export const median = (list: readonly number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
