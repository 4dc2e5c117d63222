/**
 * Drives the built app in Chromium through its UI and a few stable hooks (the list `ol.article-list > li`,
 * the total count, the `.sync-status` region, the filter controls, the pagination links, `/read/<source>/<id>`).
 * Every duration is taken inside the page with performance.now() (bench/page/recorder.js); Playwright
 * only acts and waits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { benchDir } from './datasets';
import { countMatching, type FeedFacts, type Plan } from './expected';
import { pointFeed } from './serve';

const recorderPath = path.join(benchDir, 'page', 'recorder.js');
const baselineSource = readFileSync(path.join(benchDir, 'page', 'baseline.js'), 'utf8');
const floorSource = readFileSync(path.join(benchDir, 'page', 'floor.js'), 'utf8');

interface Condition {
  selector: string;
  text?: string;
  count?: number;
  hrefIncludes?: string;
}

interface Timing {
  start: number;
  dom: number;
  /** The next frame's animation-frame callbacks, before its style, layout and paint. */
  frame: number;
  /** That frame painted: its style, layout and paint done on the main thread. */
  painted: number;
}

/** An interaction's times from its input: painted (the one judged), the frame's start, the DOM changed. */
const lap = (r: Timing) => ({ latency: r.painted - r.start, frame: r.frame - r.start, dom: r.dom - r.start });

interface Baseline {
  load(args: { feedUrl: string; sourceId: string }): Promise<{ records: number; fetchMs: number }>;
  insert(args: { dbName: string }): Promise<{ insertMs: number }>;
}

interface Recorder {
  until(kind: 'card' | 'synced' | 'resynced' | 'offline', timeoutMs: number): Promise<unknown>;
  arm(conditions: Condition[], timeoutMs: number): void;
  holds(conditions: Condition[]): boolean;
  result(): Promise<Timing>;
  stop(): void;
}

interface Floor {
  capture(args: { dbName: string }): Promise<{ stores: { name: string; records: number }[]; leftOnServer: number }>;
  run(args: { feedUrl: string; dbName: string }): Promise<{ fetchMs: number; writeMs: number; totalMs: number; files: number; records: number }>;
}

type BenchWindow = Window & {
  __folioBench: Recorder;
  __folioBaseline: Baseline;
  __folioFloor: Floor;
};

interface CardTimes {
  inserted: number;
  frame: number;
  fcp: number | null;
}

interface SyncTimes {
  syncing: number;
  synced: number;
}

/** Several named series of samples, each in one unit. */
export interface Group {
  series: Record<string, number[]>;
  samples: number;
  wanted: number;
  /** True when the time budget stopped the group before `wanted` samples. */
  capped: boolean;
  seconds: number;
}

export interface MeasureOptions {
  samples: number;
  /** After this long a group stops, once it has `minSamples`. */
  budgetMs: number;
  minSamples: number;
  /** Longest wait for one step (a sync of 100,000 articles takes minutes with per-row writes). */
  stepTimeoutMs: number;
  log: (line: string) => void;
}

export interface Target {
  url: string;
  served: string;
  baseFeed: string;
  variants: Record<string, { dir: string; articleCount: number }>;
  facts: FeedFacts;
  plan: Plan;
}

async function collect(name: string, opts: MeasureOptions, once: (i: number) => Promise<Record<string, number>>): Promise<Group> {
  const started = performance.now();
  const series: Record<string, number[]> = {};
  let n = 0;
  let capped = false;
  while (n < opts.samples) {
    if (n >= opts.minSamples && performance.now() - started > opts.budgetMs) {
      capped = true;
      break;
    }
    const values = await once(n);
    // Two decimals: finer than the page's clock (performance.now() is coarsened to 0.1 ms).
    for (const [key, value] of Object.entries(values)) (series[key] ??= []).push(Math.round(value * 100) / 100);
    n++;
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  opts.log(`  ${name}: ${n} sample${n === 1 ? '' : 's'} in ${seconds} s${capped ? ` (stopped by the ${Math.round(opts.budgetMs / 1000)} s budget)` : ''}`);
  return { series, samples: n, wanted: opts.samples, capped, seconds };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A new Chromium spends its first second or so loading its own pages (about 380 requests for the
 * omnibox popup and its parts) on the same two cores. A reader's browser is running already when
 * they open Folio, and the floor runs in a page opened long after: nothing is timed before this.
 */
const BROWSER_SETTLE_MS = 2000;

/**
 * A browser with a new, empty profile on disk. Not an incognito-like context: those keep IndexedDB in
 * memory, which is neither what a reader's browser does nor affordable for 100,000 articles a sample.
 */
export async function open(url: string): Promise<Session> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic'],
    baseURL: url,
    serviceWorkers: 'allow',
    viewport: { width: 1280, height: 900 },
    // Reduced motion turns the app's smooth scrolling off: a page change would otherwise animate the
    // scroll to the top for half a second, and every next click would wait for it.
    reducedMotion: 'reduce',
  });
  await context.addInitScript({ path: recorderPath });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.waitForTimeout(BROWSER_SETTLE_MS);
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function until<T>(page: Page, kind: 'card' | 'synced' | 'resynced' | 'offline', timeoutMs: number): Promise<T> {
  return (await page.evaluate(([k, t]) => (window as unknown as BenchWindow).__folioBench.until(k, t), [kind, timeoutMs] as const)) as T;
}

async function totalShown(page: Page): Promise<number> {
  return Number(await page.getByTestId('total-count').innerText());
}

/** Waits (outside any timing) until the list's total count is `n`: the app stored and shows the whole feed. */
async function expectTotal(page: Page, n: number, timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction((expected) => document.querySelector('[data-testid="total-count"]')?.textContent?.trim() === String(expected), n, {
      timeout: timeoutMs,
      polling: 100,
    });
  } catch {
    throw new Error(`the list shows ${await totalShown(page).catch(() => NaN)} articles, expected ${n}`);
  }
}

async function load(page: Page, opts: MeasureOptions): Promise<{ card: CardTimes; sync: SyncTimes }> {
  await page.goto('/', { waitUntil: 'commit' });
  const card = await until<CardTimes>(page, 'card', opts.stepTimeoutMs);
  const sync = await until<SyncTimes>(page, 'synced', opts.stepTimeoutMs);
  return { card, sync };
}

/** First sync from an empty database: a new browser profile each time. */
export async function firstSync(target: Target, opts: MeasureOptions): Promise<Group> {
  return collect('first sync', opts, async () => {
    const { page, close } = await open(target.url);
    try {
      await page.goto('/', { waitUntil: 'commit' });
      const card = await until<CardTimes>(page, 'card', opts.stepTimeoutMs);
      const sync = await until<SyncTimes>(page, 'synced', opts.stepTimeoutMs);
      await expectTotal(page, target.plan.total, opts.stepTimeoutMs);
      return {
        firstPage: card.frame,
        complete: sync.synced,
        syncOnly: sync.synced - sync.syncing,
        ...(card.fcp === null ? {} : { fcp: card.fcp }),
      };
    } finally {
      await close();
    }
  });
}

/** Samples per baseline page: a page that creates and deletes many 100,000-record databases runs Chromium out of memory. */
const BASELINE_SAMPLES_PER_PAGE = 5;

async function baselinePage(target: Target): Promise<Session & { fetchMs: number }> {
  const session = await open(target.url);
  const { page } = session;
  // A page of the app's origin that does not start the app: the feed's own manifest.
  await page.goto('/feed/manifest.json');
  await page.evaluate(baselineSource);
  const feedUrl = new URL('/feed/', target.url).href;
  const loaded = await page.evaluate((args) => (window as unknown as BenchWindow).__folioBaseline.load(args), { feedUrl, sourceId: 'default' });
  if (loaded.records !== target.plan.total) throw new Error(`the baseline read ${loaded.records} records, expected ${target.plan.total}`);
  return { ...session, fetchMs: loaded.fetchMs };
}

/**
 * The same metadata records written with the raw IndexedDB API in one transaction. A page fetches
 * the records once (not timed); each sample inserts them into a new, empty database, then deletes it.
 */
export async function rawBaseline(target: Target, opts: MeasureOptions): Promise<Group> {
  const holder: { current: Awaited<ReturnType<typeof baselinePage>> | null } = { current: null };
  try {
    return await collect('raw IndexedDB baseline', opts, async (i) => {
      if (holder.current === null || i % BASELINE_SAMPLES_PER_PAGE === 0) {
        await holder.current?.close();
        holder.current = await baselinePage(target);
      }
      const { page, fetchMs } = holder.current;
      const { insertMs } = await page.evaluate((args) => (window as unknown as BenchWindow).__folioBaseline.insert(args), { dbName: `folio-bench-baseline-${i}` });
      return { insert: insertMs, fetch: fetchMs };
    });
  } finally {
    await holder.current?.close();
  }
}

/**
 * The physical floor of a first sync: the app syncs once (not timed) and its stored records are
 * copied out of its database; each sample then fetches and parses the same feed files, uncached, and
 * writes exactly those records with the raw IndexedDB API, into the same stores and indexes, in one
 * transaction (bench/page/floor.js). What the app does beyond this is its own overhead.
 */
export async function floorBaseline(target: Target, opts: MeasureOptions): Promise<Group> {
  const session = await syncedSession(target, opts);
  try {
    const { page } = session;
    // Leave the app (a page of its origin that does not start it) so nothing else touches the database.
    await page.goto('/feed/manifest.json');
    await page.evaluate(floorSource);
    const { stores, leftOnServer } = await page.evaluate(() => (window as unknown as BenchWindow).__folioFloor.capture({ dbName: 'folio' }));
    opts.log(`  floor copies ${stores.map((s) => `${s.records} ${s.name}`).join(', ')}; leaves ${leftOnServer} search body parts unfetched, as the app did`);
    const feedUrl = new URL('/feed/', target.url).href;
    return await collect('physical floor', opts, async (i) => {
      const r = await page.evaluate((args) => (window as unknown as BenchWindow).__folioFloor.run(args), { feedUrl, dbName: `folio-bench-floor-${i}` });
      return { total: r.totalMs, fetch: r.fetchMs, write: r.writeMs };
    });
  } finally {
    await session.close();
  }
}

/** A browser holding the whole base feed, for the re-sync, cold start and interaction measurements. */
export async function syncedSession(target: Target, opts: MeasureOptions): Promise<Session> {
  pointFeed(target.served, target.baseFeed);
  const session = await open(target.url);
  try {
    await load(session.page, opts);
    await expectTotal(session.page, target.plan.total, opts.stepTimeoutMs);
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

/**
 * Re-sync after a 1% change. Between samples the served feed swaps between the base and the changed
 * version and the app is reopened, so each sample is one 1% change: even samples apply it (new and
 * edited articles), odd ones take it back. The duration is from "Syncing…" to "Synced" in the status.
 */
export async function resync(page: Page, target: Target, variant: string, opts: MeasureOptions): Promise<Group> {
  const changed = target.variants[variant];
  if (!changed) throw new Error(`no changed feed "${variant}"`);
  let atBase = true;
  try {
    return await collect(`re-sync ${variant}`, opts, async (i) => {
      const apply = i % 2 === 0;
      pointFeed(target.served, apply ? changed.dir : target.baseFeed);
      atBase = !apply;
      await page.reload({ waitUntil: 'commit' });
      const r = await until<SyncTimes>(page, 'resynced', opts.stepTimeoutMs);
      await expectTotal(page, apply ? changed.articleCount : target.plan.total, opts.stepTimeoutMs);
      const sync = r.synced - r.syncing;
      return { sync, fromNavigation: r.synced, [apply ? 'apply' : 'revert']: sync };
    });
  } finally {
    pointFeed(target.served, target.baseFeed);
    if (!atBase) {
      // Leave the base feed stored for what follows.
      await page.reload({ waitUntil: 'commit' });
      await until(page, 'resynced', opts.stepTimeoutMs);
      await expectTotal(page, target.plan.total, opts.stepTimeoutMs);
    }
  }
}

/** Reopening the app with its data stored: online (with the JS heap after a GC), then offline. */
export async function coldStarts(
  context: BrowserContext,
  page: Page,
  opts: MeasureOptions,
): Promise<{ online: Group; offline: Group }> {
  const cdp = await context.newCDPSession(page);
  let online: Group;
  try {
    await cdp.send('Performance.enable');
    online = await collect('cold start online', opts, async () => {
      const { card } = await load(page, opts);
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
      if (heap === undefined) throw new Error('CDP reported no JSHeapUsedSize');
      return { firstCard: card.frame, heapMB: heap / 1_048_576, ...(card.fcp === null ? {} : { fcp: card.fcp }) };
    });
  } finally {
    // An attached CDP session keeps navigator.onLine true after going offline.
    await cdp.detach();
  }

  // The service worker must control the page before the network goes, or nothing serves the app.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: opts.stepTimeoutMs });
  await context.setOffline(true);
  try {
    const offline = await collect('cold start offline', opts, async () => {
      await page.goto('/', { waitUntil: 'commit' });
      const card = await until<CardTimes>(page, 'card', opts.stepTimeoutMs);
      await until(page, 'offline', opts.stepTimeoutMs);
      return { firstCard: card.frame, ...(card.fcp === null ? {} : { fcp: card.fcp }) };
    });
    return { online, offline };
  } finally {
    await context.setOffline(false);
  }
}

async function timed(page: Page, conditions: Condition[], act: () => Promise<void>, timeoutMs: number): Promise<Timing> {
  await page.evaluate(([c, t]) => (window as unknown as BenchWindow).__folioBench.arm(c, t), [conditions, timeoutMs] as const);
  await act();
  return page.evaluate(() => (window as unknown as BenchWindow).__folioBench.result());
}

/** An untimed step: act, then wait until the page shows the given state (which may already hold). */
async function settle(page: Page, conditions: Condition[], act: () => Promise<void>, timeoutMs: number): Promise<void> {
  await act();
  await page.waitForFunction((c) => (window as unknown as BenchWindow).__folioBench.holds(c), conditions, { timeout: timeoutMs, polling: 'raf' });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A topic's checkbox in the filter panel. */
function topicBox(page: Page, name: string): Locator {
  return page.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(name)}(\\s+\\d.*)?$`) }).first();
}

/** Makes a topic's checkbox visible (searching the long tail if need be) before a timing starts. */
async function showTopic(page: Page, box: Locator, name: string): Promise<void> {
  if (await box.isVisible()) return;
  await page.getByLabel('Find a topic').fill(name);
  await box.waitFor({ state: 'visible' });
}

const total = (n: number): Condition[] => [{ selector: '[data-testid="total-count"]', text: String(n) }];

type GroupRun = (name: string, label: string, once: () => Promise<Record<string, number>>) => Promise<void>;

/**
 * With one topic chosen (`count` articles, none read): marking the first card read, to the frame
 * that shows its toggle pressed and the topic's unread count one lower (every topic's unread
 * count is recomputed for it); then `?state=unread` with that topic, from the toolbar.
 */
async function readerMarks(page: Page, count: number, group: GroupRun, t: number): Promise<void> {
  const readButton = page.locator('ol.article-list > li:first-child [data-mark="read"]');
  const pressed = (on: boolean): Condition[] => [{ selector: `ol.article-list > li:first-child [data-mark="read"][aria-pressed="${on}"]`, count: 1 }];
  const unreadCount = (n: number): Condition[] => [{ selector: `.topic-options [aria-label="${count} articles, ${n} unread"]`, count: 1 }];
  await group('toggleRead', 'mark a card read', async () => {
    const r = await timed(page, [...pressed(true), ...unreadCount(count - 1)], () => readButton.click(), t);
    await settle(page, [...pressed(false), ...unreadCount(count)], () => readButton.click(), t);
    return lap(r);
  });
  await settle(page, pressed(true), () => readButton.click(), t);
  const show = page.getByLabel('Show');
  await group('stateUnread', 'unread with a topic', async () => {
    const r = await timed(page, total(count - 1), () => show.selectOption('unread').then(() => undefined), t);
    await settle(page, total(count), () => show.selectOption('all').then(() => undefined), t);
    return lap(r);
  });
  await settle(page, pressed(false), () => readButton.click(), t);
}

/** Input to updated DOM, for the list's filters, pages, page size and opening a stored article. */
export async function interactions(
  page: Page,
  target: Target,
  opts: MeasureOptions,
  keep: (name: string, group: Group) => void,
): Promise<void> {
  const { plan, facts } = target;
  const t = opts.stepTimeoutMs;
  await page.goto('/', { waitUntil: 'commit' });
  await until(page, 'card', t);
  await until(page, 'synced', t);
  // Stop the recorder's own observer: only the armed measurement watches the DOM from here.
  await page.evaluate(() => (window as unknown as BenchWindow).__folioBench.stop());
  const source = /\/read\/([^/]+)\//.exec((await page.locator('ol.article-list > li h2 a').first().getAttribute('href')) ?? '')?.[1];
  if (!source) throw new Error('the first card has no /read/<source>/<id> link');
  const firstCardIs = (index: number): Condition[] => {
    const article = facts.articles[index];
    if (!article) throw new Error(`no article at position ${index}`);
    return [{ selector: 'ol.article-list > li:first-child h2 a', hrefIncludes: `/read/${source}/${article.id}` }];
  };
  const group = async (name: string, label: string, once: () => Promise<Record<string, number>>) => keep(name, await collect(label, opts, once));
  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  const pages = page.getByRole('navigation', { name: 'Pages' });

  const boxA = topicBox(page, plan.topicA.name);
  const boxB = topicBox(page, plan.topicB.name);
  const clickA = async () => {
    await showTopic(page, boxA, plan.topicA.name);
    return () => boxA.click();
  };
  const clickB = async () => {
    await showTopic(page, boxB, plan.topicB.name);
    return () => boxB.click();
  };
  await group('topic', 'one topic', async () => {
    const r = await timed(page, total(plan.countA), await clickA(), t);
    await settle(page, total(plan.total), await clickA(), t);
    return lap(r);
  });

  await settle(page, total(plan.countA), await clickA(), t);
  await readerMarks(page, plan.countA, group, t);
  await settle(page, total(countMatching(facts, { topics: [plan.topicA.slug], from: plan.from })), () => from.fill(plan.from), t);
  await settle(page, total(plan.countARange), () => to.fill(plan.to), t);
  await group('topicsAndDates', 'two topics and a date range', async () => {
    const r = await timed(page, total(plan.countABRange), await clickB(), t);
    await settle(page, total(plan.countARange), await clickB(), t);
    return lap(r);
  });
  await settle(page, total(countMatching(facts, { topics: [plan.topicA.slug], from: plan.from })), () => to.fill(''), t);
  await settle(page, total(plan.countFrom), await clickA(), t);

  await group('dates', 'a date range', async () => {
    const r = await timed(page, total(plan.countRange), () => to.fill(plan.to), t);
    await settle(page, total(plan.countFrom), () => to.fill(''), t);
    return lap(r);
  });
  await settle(page, total(plan.total), () => from.fill(''), t);

  await group('nextPage', 'next page', async () => {
    const r = await timed(page, firstCardIs(plan.pageSize), () => pages.getByRole('link', { name: 'Next page', exact: true }).click(), t);
    await settle(page, firstCardIs(0), () => pages.getByRole('link', { name: 'First page', exact: true }).click(), t);
    return lap(r);
  });

  const last = (plan.lastPage - 1) * plan.pageSize;
  const lastPage = await collect('last page and page 1', opts, async () => {
    const toLast = await timed(page, firstCardIs(last), () => pages.getByRole('link', { name: 'Last page', exact: true }).click(), t);
    const toFirst = await timed(page, firstCardIs(0), () => pages.getByRole('link', { name: 'First page', exact: true }).click(), t);
    return {
      last: toLast.painted - toLast.start,
      lastFrame: toLast.frame - toLast.start,
      lastDom: toLast.dom - toLast.start,
      first: toFirst.painted - toFirst.start,
      firstFrame: toFirst.frame - toFirst.start,
      firstDom: toFirst.dom - toFirst.start,
    };
  });
  keep('lastPage', { ...lastPage, series: { latency: lastPage.series.last ?? [], frame: lastPage.series.lastFrame ?? [], dom: lastPage.series.lastDom ?? [] } });
  keep('firstPage', { ...lastPage, series: { latency: lastPage.series.first ?? [], frame: lastPage.series.firstFrame ?? [], dom: lastPage.series.firstDom ?? [] } });

  const perPage = page.getByLabel('Per page');
  const bigger = Math.min(50, plan.total);
  await group('pageSize', 'page size', async () => {
    const r = await timed(page, [{ selector: 'ol.article-list > li', count: bigger }], () => perPage.selectOption(String(bigger)).then(() => undefined), t);
    await settle(page, [{ selector: 'ol.article-list > li', count: plan.pageSize }], () => perPage.selectOption(String(plan.pageSize)).then(() => undefined), t);
    return lap(r);
  });

  // The first open stores the body; the timed opens read it from the device.
  const newest = facts.articles[0];
  if (!newest) throw new Error('the feed is empty');
  const opened: Condition[] = [
    { selector: '[data-testid="article-body"]' },
    { selector: 'h1', text: newest.title.replace(/\s+/g, ' ').trim() },
  ];
  const link = page.locator('ol.article-list > li').first().locator('h2 a');
  await settle(page, opened, () => link.click(), t);
  await page.goBack();
  await page.locator('ol.article-list > li').first().waitFor({ timeout: t });
  await group('openArticle', 'open a stored article', async () => {
    const r = await timed(page, opened, () => link.click(), t);
    await page.goBack();
    await page.locator('ol.article-list > li').first().waitFor({ timeout: t });
    return lap(r);
  });
}
