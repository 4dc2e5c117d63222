/**
 * Search as a reader feels it, in the built app: the bench's query mix typed key by key into the
 * header's box, timed in the page from the last key event to the frame that shows that query's
 * results (the list's `data-query`, set only once its cards are the query's own); the heap of the
 * page and of the search worker after 20 queries; and what the search segments add to a first sync.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import type { FeedManifest } from '../src/lib/feed/folder';
import { parseShard } from '../src/lib/feed/shard';
import { benchDir } from './datasets';
import { firstSync, type Group, type MeasureOptions, type Target } from './measure';
import { quantile, type Row } from './report';
import { pointFeed } from './serve';
import { MIX_KINDS, mixFromTitles, type MixQuery } from './search/mix';

/** Between keys: a quick typist (about 11 keys a second), faster than the box's 120 ms pause. */
export const KEY_DELAY_MS = 90;
const HEAP_AFTER = 20;

export interface SearchTyping {
  keyDelayMs: number;
  /** `keyToPaint`: to the results' frame painted; `keyToFrame`: to that frame's start (the measure before 2026-12-07 evening). */
  queries: { query: string; kind: MixQuery['kind']; keyToPaint: number; keyToFrame: number; sentToPaint: number | null; worker: number | null }[];
  /** The first query, typed before the mix: it starts the worker and loads the index. */
  firstQuery: { query: string; keyToPaint: number };
  heapAfter20: { pageMB: number; workerMB: number | null };
  /**
   * The mix typed again once the reader has stored the body index (the offline page's offer), on a
   * feed whose body parts the size policy leaves on the server: null when it stored them by itself.
   */
  stored: TypedMix | null;
  /** First syncs alternated on the same feed with and without its `search` segments. */
  indexing: Group | null;
}

/** One pass over the mix: the first query, then every query of the mix. */
export interface TypedMix {
  queries: SearchTyping['queries'];
  firstQuery: SearchTyping['firstQuery'];
}

/** The mix from the served feed's titles, as the engine bench makes it from its corpus. */
export function typingMix(feedDir: string): MixQuery[] {
  const manifest = JSON.parse(readFileSync(path.join(feedDir, 'manifest.json'), 'utf8')) as FeedManifest;
  const titles = manifest.shards.slice(0, 12).map((ref) => parseShard(JSON.parse(readFileSync(path.join(feedDir, ref.href), 'utf8')), ref.href).articles.map((a) => a.title));
  return mixFromTitles(titles);
}

const typingSource = readFileSync(path.join(benchDir, 'page', 'typing.js'), 'utf8');

type TypingWindow = Window & {
  __folioTypingArm?: (q: string, timeoutMs: number) => void;
  __folioTyping?: Promise<{ lastKey: number; dom: number; frame: number; painted: number; sent: number | null; worker: number | null }>;
};

/** In the page: waits for the list to show `expected`'s results, then for the next frame. */
async function arm(page: Page, expected: string, timeoutMs: number): Promise<void> {
  if (!(await page.evaluate(() => typeof (window as TypingWindow).__folioTypingArm === 'function'))) await page.evaluate(typingSource);
  await page.evaluate(([q, t]) => (window as TypingWindow).__folioTypingArm?.(q, t), [expected, timeoutMs] as const);
}

/** Types one query into an empty box and returns the in-page times. */
async function typeQuery(page: Page, query: string, timeoutMs: number) {
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.focus();
  await arm(page, query, timeoutMs);
  await page.keyboard.type(query, { delay: KEY_DELAY_MS });
  const t = await page.evaluate(() => (window as TypingWindow).__folioTyping);
  if (!t) throw new Error('typing timer missing');
  // Escape empties the box and the search, ready for the next query.
  await box.press('Escape');
  await page.waitForFunction(() => document.querySelector('ol.article-list') !== null && !document.querySelector('[data-query]'), null, { timeout: timeoutMs });
  return { keyToPaint: t.painted - t.lastKey, keyToFrame: t.frame - t.lastKey, sentToPaint: t.sent === null ? null : t.painted - t.sent, worker: t.worker };
}

/** JS heap after a collection, in MB: the page's own, and the search worker's (its own isolate). */
async function heaps(cdp: CDPSession): Promise<{ pageMB: number; workerMB: number | null }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const pageMB = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
  const { targetInfos } = await cdp.send('Target.getTargets');
  // The search worker by its name (finder/backend.ts); the ingest worker may be there too.
  const worker = targetInfos.find((t) => t.type === 'worker' && t.title === 'folio-search');
  if (!worker) return { pageMB, workerMB: null };
  // The worker is reached through the page's session (Playwright gives no CDP session to workers).
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let id = 0;
  const waiting = new Map<number, (result: Record<string, number>) => void>();
  const listener = (e: { message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? {});
  };
  cdp.on('Target.receivedMessageFromTarget', listener);
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      waiting.set(++id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    // Array buffers (the index's segments) are outside the heap proper: counted in too.
    return { pageMB, workerMB: ((usage.usedSize ?? NaN) + (usage.backingStorageSize ?? 0)) / 2 ** 20 };
  } finally {
    cdp.off('Target.receivedMessageFromTarget', listener);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/**
 * Waits until the search covers every article's text: body parts left on the server join the index
 * only once the reader stops typing, and a heap measured before they are in would flatter it. Asks a
 * query no one typed yet every few seconds (a typed one is answered from the page's cache) and reads
 * the results' coverage note.
 */
async function waitForFullText(page: Page, mix: MixQuery[], timeoutMs: number): Promise<void> {
  const typed = new Set(mix.map((q) => q.query));
  const words = [...new Set(mix.flatMap((q) => q.query.split(' ').filter((w) => w.length >= 4)))];
  const fresh = words.map((w) => `${w} `).filter((q) => !typed.has(q));
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  const deadline = performance.now() + timeoutMs;
  for (const [i, query] of fresh.entries()) {
    // Longer than the worker's quiet wait between searches, so parts come in between.
    await page.waitForTimeout(i === 0 ? 1_000 : 3_000);
    await box.fill(query);
    await page.locator(`ol.article-list[data-query="${query}"], .empty-state[data-query="${query}"]`).waitFor({ timeout: timeoutMs });
    const partial = (await page.getByTestId('search-note').filter({ hasText: 'titles and summaries only' }).count()) > 0;
    await box.press('Escape');
    if (!partial) return;
    if (performance.now() > deadline) break;
  }
  throw new Error('the search never covered the full text: body parts did not all arrive');
}

/** Opens the list afresh (a new search worker), types the first query, then the mix. */
async function typeMix(page: Page, mix: MixQuery[], opts: MeasureOptions, afterEach: (i: number) => Promise<void>): Promise<TypedMix> {
  const timeoutMs = Math.max(30_000, opts.stepTimeoutMs / 4);
  await page.goto('/');
  // The app's own list, shown: a head painted before the app has a list too, and no search box.
  await page.waitForSelector('ol.article-list:not(.head-list)', { state: 'visible', timeout: opts.stepTimeoutMs });
  const warm = mix[0] as MixQuery;
  const first = await typeQuery(page, warm.query, opts.stepTimeoutMs);
  const queries: SearchTyping['queries'] = [];
  for (const [i, q] of mix.entries()) {
    queries.push({ ...q, ...(await typeQuery(page, q.query, timeoutMs)) });
    await afterEach(i);
  }
  return { queries, firstQuery: { query: warm.query, keyToPaint: first.keyToPaint } };
}

/**
 * Stores the body index through the offline page's offer, as a reader who chose it would; false when
 * there is no offer (the size policy stored every part with the sync).
 */
async function storeBodyIndex(page: Page, opts: MeasureOptions): Promise<boolean> {
  await page.goto('/offline');
  await page.getByRole('heading', { name: 'Offline reading' }).waitFor({ timeout: opts.stepTimeoutMs });
  const offer = page.getByTestId('search-index-offer');
  // The offer shows once the page has read the segments: give it a moment before taking its absence.
  const shown = await offer.getByRole('button').waitFor({ timeout: 10_000 }).then(() => true, () => false);
  if (!shown) return false;
  await offer.getByRole('button').click();
  await offer.getByRole('status').filter({ hasText: 'covers the full text' }).waitFor({ timeout: opts.stepTimeoutMs });
  return true;
}

/**
 * Types the mix on a page whose app has synced the feed; then, where the body index was left on the
 * server (fetched on demand at the first search), stores it and types the mix again. Logs as it goes.
 */
export async function searchTyping(page: Page, feedDir: string, opts: MeasureOptions): Promise<Omit<SearchTyping, 'indexing'>> {
  const mix = typingMix(feedDir);
  const cdp = await page.context().newCDPSession(page);
  let heapAfter20: SearchTyping['heapAfter20'] = { pageMB: NaN, workerMB: null };
  let typed: TypedMix;
  try {
    typed = await typeMix(page, mix, opts, async (i) => {
      if (i + 1 !== HEAP_AFTER) return;
      await waitForFullText(page, mix, opts.stepTimeoutMs);
      heapAfter20 = await heaps(cdp);
    });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  opts.log(`  search typing: ${typed.queries.length} queries typed, first "${typed.firstQuery.query}" ${Math.round(typed.firstQuery.keyToPaint)} ms`);
  const stored = (await storeBodyIndex(page, opts)) ? await typeMix(page, mix, opts, async () => undefined) : null;
  if (stored) opts.log(`  search typing, body index stored: ${stored.queries.length} queries typed`);
  return { keyDelayMs: KEY_DELAY_MS, ...typed, heapAfter20, stored };
}

/** The feed folder with `search` taken out of its manifest (every other file linked, not copied). */
export function withoutSegments(feedDir: string, workDir: string): string {
  const out = path.join(workDir, `${path.basename(feedDir)}-no-search`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(feedDir)) if (name !== 'manifest.json') symlinkSync(path.join(feedDir, name), path.join(out, name));
  const manifest = JSON.parse(readFileSync(path.join(feedDir, 'manifest.json'), 'utf8')) as FeedManifest;
  const shards = manifest.shards.map((ref) => Object.fromEntries(Object.entries(ref).filter(([key]) => key !== 'search')));
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ ...manifest, shards }));
  return out;
}

/**
 * First syncs with the feed's segments (fetched and stored) and without them (the store then builds
 * the meta parts from the rows, as for a version 1 folder), alternated so that load drifts hit both.
 */
export async function indexingCost(target: Target, workDir: string, opts: MeasureOptions, pairs: number): Promise<Group> {
  const bare = withoutSegments(target.baseFeed, workDir);
  const series: Record<string, number[]> = {};
  const started = performance.now();
  const once = { ...opts, samples: 1, minSamples: 1, log: () => undefined };
  try {
    for (let i = 0; i < pairs; i++) {
      for (const [name, dir] of [['withSegments', target.baseFeed], ['withoutSegments', bare]] as const) {
        pointFeed(target.served, dir);
        const g = await firstSync(target, once);
        (series[name] ??= []).push(...(g.series.complete ?? []));
      }
    }
  } finally {
    pointFeed(target.served, target.baseFeed);
    if (existsSync(bare)) rmSync(bare, { recursive: true, force: true });
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  opts.log(`  search indexing cost: ${pairs} pairs of first syncs in ${seconds} s`);
  return { series, samples: pairs, wanted: pairs, capped: false, seconds };
}

/**
 * The printed rows: per kind, the reader's wait, the part after the box's pause and the wait past
 * the mix's first round; heaps; sync cost.
 */
export function typingRows(result: SearchTyping, typoTargetMs: number): Row[] {
  const out: Row[] = [];
  const stat = (values: number[]) => ({ median: quantile(values, 0.5), p95: quantile(values, 0.95), n: values.length });
  for (const kind of MIX_KINDS) {
    const of = result.queries.filter((q) => q.kind === kind);
    const max = kind === 'typo' ? typoTargetMs : 50;
    out.push({ metric: `search ${kind}: last key → results painted`, unit: 'ms', ...stat(of.map((q) => q.keyToPaint)), max, judge: 'p95', target: `p95 ≤ ${max} ms` });
    out.push({ metric: `  to that frame's start (before its style, layout, paint)`, unit: 'ms', ...stat(of.map((q) => q.keyToFrame)), max: null, target: '' });
    const sent = of.map((q) => q.sentToPaint).filter((v): v is number => v !== null);
    out.push({ metric: `search ${kind}: after the pause (sent → painted)`, unit: 'ms', ...stat(sent), max: null, target: '' });
    // Not judged: the first round opens with the warm-up query typed again, right after the index loaded;
    // of ten queries, its one is most of the p95.
    out.push({ metric: `search ${kind}, past the first round: last key → painted`, unit: 'ms', ...stat(of.slice(1).map((q) => q.keyToPaint)), max: null, target: '' });
  }
  // Judged as well: the first pass runs while body parts wait on the server (they join once the
  // reader stops typing), this one with every part in the index.
  const stored = result.stored?.queries ?? [];
  for (const kind of stored.length > 0 ? MIX_KINDS : []) {
    const of = stored.filter((q) => q.kind === kind);
    const max = kind === 'typo' ? typoTargetMs : 50;
    out.push({ metric: `search ${kind}, body index stored: last key → painted`, unit: 'ms', ...stat(of.map((q) => q.keyToPaint)), max, judge: 'p95', target: `p95 ≤ ${max} ms` });
  }
  out.push({ metric: 'search: first query (worker start, index load)', unit: 'ms', median: result.firstQuery.keyToPaint, p95: null, n: 1, max: null, target: '' });
  const heap = result.heapAfter20;
  out.push({ metric: `search: JS heap after ${HEAP_AFTER} queries, page + worker`, unit: 'MB', median: heap.pageMB + (heap.workerMB ?? NaN), p95: null, n: 1, max: 150, target: '≤ 150 MB' });
  const sync = result.indexing?.series;
  if (sync?.withSegments && sync.withoutSegments) {
    out.push({ metric: 'first sync complete, with the feed’s segments', unit: 'ms', ...stat(sync.withSegments), max: null, target: '' });
    out.push({ metric: 'first sync complete, without (meta built here)', unit: 'ms', ...stat(sync.withoutSegments), max: null, target: '' });
  }
  return out;
}
