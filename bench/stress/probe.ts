/**
 * Runs one hostile input through the Sources page of a fresh Chromium profile on disk, as a reader
 * would (by address, or by picking a file), and records what the page went through: the outcome
 * line, every main-thread long task (an observer installed before the app loads), the JS heap
 * sampled four times a second, and how long the page took to answer a probe and a click.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

export type Way = 'url' | 'file' | 'folder';

export interface ProbeInput {
  appUrl: string;
  way: Way;
  /** The address to add, or the file to pick. */
  target: string;
  openArticle: boolean;
  /** The longest a case may take; past it the outcome says so. */
  capMs: number;
}

export interface ProbeResult {
  outcome: string;
  /** Parsed (added), refused (a message), or none within the cap. */
  verdict: 'parsed' | 'refused' | 'no answer';
  longestTaskMs: number;
  tasksOver200ms: number;
  peakHeapMB: number;
  /** The slowest answer of the page to a trivial evaluate while the case ran. */
  slowestProbeMs: number;
  /** How long a click on a header link took to show its page, after the case; null if it never did. */
  clickAnsweredMs: number | null;
  articleOpened: boolean | null;
  seconds: number;
}

const LONGTASKS = `(() => {
  const tasks = (window.__stressTasks = []);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch { window.__stressNoLongtask = true; }
})();`;

const BUSY = 'Reading the feed…';

/** A frozen page never answers an evaluate: give up after `ms` and answer `fallback`. */
function within<T>(ms: number, promise: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([promise.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

async function openApp(profile: string, appUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic'],
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 900 },
    baseURL: appUrl,
  });
  await context.addInitScript(LONGTASKS);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/sources');
  await page.getByTestId('source-default').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('.sync-status')?.getAttribute('data-sync-state') !== 'syncing', undefined, { timeout: 60_000 });
  return { context, page };
}

/** Samples the heap and the page's answer time until stopped. */
function sampler(page: Page, context: BrowserContext) {
  let peak = 0;
  let slowest = 0;
  let running = true;
  const heap = (async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    while (running) {
      const { metrics } = await within(30_000, cdp.send('Performance.getMetrics'), { metrics: [] as { name: string; value: number }[] });
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((r) => setTimeout(r, 250));
    }
    await cdp.detach().catch(() => undefined);
  })();
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      await within(30_000, page.evaluate(() => 0), 0);
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async stop(): Promise<{ peakHeapMB: number; slowestProbeMs: number }> {
      running = false;
      await Promise.all([heap, probe]);
      return { peakHeapMB: peak / 1024 / 1024, slowestProbeMs: slowest };
    },
  };
}

async function outcomeLine(page: Page, capMs: number): Promise<string | null> {
  const outcome = page.getByTestId('add-source-outcome');
  try {
    await page.waitForFunction(
      (busy) => {
        const text = document.querySelector('[data-testid="add-source-outcome"]')?.textContent?.trim() ?? '';
        return text !== '' && text !== busy;
      },
      BUSY,
      { timeout: capMs, polling: 250 },
    );
  } catch {
    return null;
  }
  return (await outcome.innerText()).trim();
}

/** Opens the new source's list (and its first article), as a reader would after adding it. */
async function showArticles(page: Page, openArticle: boolean, capMs: number): Promise<boolean | null> {
  await page.locator('.source-item').last().getByRole('link', { name: 'Show its articles' }).click({ timeout: capMs });
  await page.locator('.card-title a').first().waitFor({ timeout: capMs });
  if (!openArticle) return null;
  await page.locator('.card-title a').first().click({ timeout: capMs });
  try {
    await page.getByTestId('article-body').waitFor({ timeout: capMs });
    return true;
  } catch {
    return false;
  }
}

async function clickAnswered(page: Page): Promise<number | null> {
  const start = performance.now();
  try {
    await page.getByRole('banner').getByRole('link', { name: 'Sources' }).click({ timeout: 10_000 });
    await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor({ timeout: 10_000 });
    return performance.now() - start;
  } catch {
    return null;
  }
}

async function act(page: Page, input: ProbeInput): Promise<void> {
  if (input.way === 'file') return page.getByTestId('source-file').setInputFiles(input.target);
  await page.locator('#source-url').fill(input.target);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

export async function probe(input: ProbeInput): Promise<ProbeResult> {
  const started = performance.now();
  const profile = mkdtempSync(path.join(tmpdir(), 'folio-stress-'));
  const { context, page } = await openApp(profile, input.appUrl);
  try {
    const t0 = await page.evaluate(() => performance.now());
    const samples = sampler(page, context);
    await act(page, input);
    const outcome = await outcomeLine(page, input.capMs);
    const verdict = outcome === null ? 'no answer' : /^(Added|Updated)/.test(outcome) ? 'parsed' : 'refused';
    let articleOpened: boolean | null = null;
    if (verdict === 'parsed') articleOpened = await showArticles(page, input.openArticle, input.capMs).catch(() => false);
    const clickAnsweredMs = await clickAnswered(page);
    const { peakHeapMB, slowestProbeMs } = await samples.stop();
    const read = page.evaluate((since) => ((window as unknown as { __stressTasks: [number, number][] }).__stressTasks ?? []).filter(([start]) => start >= since), t0);
    const tasks = await within(30_000, read, [] as [number, number][]);
    return {
      outcome: outcome ?? `no answer within ${Math.round(input.capMs / 1000)} s`,
      verdict,
      longestTaskMs: Math.max(0, ...tasks.map(([, d]) => d)),
      tasksOver200ms: tasks.filter(([, d]) => d > 200).length,
      peakHeapMB,
      slowestProbeMs,
      clickAnsweredMs,
      articleOpened,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
