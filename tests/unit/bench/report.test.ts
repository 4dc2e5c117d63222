import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { measureBundle } from '../../../bench/bundle';
import { countMatching, planInteractions, type FeedFacts } from '../../../bench/expected';
import type { Group } from '../../../bench/measure';
import { quantile, rows, table, verdict } from '../../../bench/report';
import type { FeedManifest } from '../../../src/lib/feed/folder';

const group = (series: Record<string, number[]>, capped = false): Group => ({
  series,
  samples: Object.values(series)[0]?.length ?? 0,
  wanted: 20,
  capped,
  seconds: 12,
});

const bundle = {
  initialJs: [],
  initialCss: [],
  initialJsGzip: 45 * 1024,
  deferredJs: [],
  deferredJsGzip: 60 * 1024,
  deferredPreloaded: [],
  initialCssGzip: 3 * 1024,
  precache: [],
  precacheBytes: 0,
  precacheGzip: 0,
  precacheDuplicates: [],
};

describe('benchmark statistics and targets', () => {
  it('interpolates quantiles between ranks', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(quantile(values, 0.5)).toBe(10.5);
    expect(quantile(values, 0.95)).toBeCloseTo(19.05);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('judges each target on the median, or the p95 where it says so, and ratios on the ratio of medians', () => {
    const list = rows(
      {
        firstSync: group({ firstPage: [700, 800, 9000], complete: [3000, 3200, 9000] }),
        floor: group({ total: [1500, 2000, 2500], fetch: [1000, 1200, 1400], write: [500, 800, 1100] }),
        baseline: group({ insert: [1000, 1500, 2000] }),
        lastPage: group({ latency: [40, 60, 70] }, true),
        firstPage: group({ latency: [40, 45, 50] }),
        coldOnline: group({ heapMB: [120, 130, 400], firstCard: [100, 200, 900] }),
        coldOffline: group({ firstCard: [100, 110, 120] }),
      },
      bundle,
    );
    const row = (metric: string) => list.find((r) => r.metric === metric)!;
    expect(verdict(row('first sync: first page shown'))).toBe('pass');
    expect(row('complete sync / physical floor').median).toBeCloseTo(3200 / 2000);
    expect(verdict(row('complete sync / physical floor'))).toBe('FAIL');
    // The naive one-row-per-article insert is shown for comparison, not judged.
    expect(row('complete sync / naive baseline').median).toBeCloseTo(3200 / 1500);
    expect(verdict(row('complete sync / naive baseline'))).toBe('');
    expect(verdict(row('last page'))).toBe('FAIL');
    expect(row('last page / page 1').median).toBeCloseTo(60 / 45);
    expect(verdict(row('last page / page 1'))).toBe('FAIL');
    expect(row('last page').note).toMatch(/3 of 20 samples/);
    // Cold starts are judged on the p95: a median of 200 ms with a slow tail fails.
    expect(verdict(row('cold start online: first card'))).toBe('FAIL');
    expect(verdict(row('cold start offline: first card'))).toBe('pass');
    expect(verdict(row('JS heap after cold start (after GC)'))).toBe('pass');
    expect(verdict(row('initial JS, gzip'))).toBe('pass');
    // Metrics that were not measured are left out rather than shown empty.
    expect(list.some((r) => r.metric === 'next page')).toBe(false);
    const printed = table('t', list);
    expect(printed).toContain('FAIL');
    expect(printed).toContain('≤ 1.2');
  });
});

describe('re-sync rows', () => {
  it('judge every sample, and show the change and its taking back apart, unjudged', () => {
    const list = rows({ 'resync.recent-1pct': group({ sync: [400, 700, 420, 720], apply: [400, 420], revert: [700, 720] }) }, bundle);
    const at = list.findIndex((r) => r.metric === 're-sync, recent 1% changed');
    expect(list[at]).toMatchObject({ median: 560, n: 4 });
    expect(verdict(list[at]!)).toBe('FAIL');
    expect(list[at + 1]).toMatchObject({ metric: '  the change, through its delta', median: 410, n: 2, max: null });
    expect(list[at + 2]).toMatchObject({ metric: '  taken back, by shard hashes', median: 710, n: 2, max: null });
    expect(list.some((r) => r.metric.startsWith('re-sync, scattered'))).toBe(false);
  });
});

describe('bundle measurement', () => {
  let dist: string;
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('counts the entry, its preloads and stylesheet, and the unique precached files', () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'folio-bundle-'));
    mkdirSync(path.join(dist, 'assets'));
    const files: Record<string, string> = {
      'assets/index-a.js': 'import{x}from"./vendor-b.js";' + 'console.log("entry");'.repeat(50) + 'import(`./boot-e.js`);import(`./lazy-c.js`);',
      'assets/boot-e.js': 'import{x}from"./vendor-b.js";import"./app-f.js";export const app = x;',
      'assets/app-f.js': 'export const part = 3;',
      'assets/vendor-b.js': 'export const x = 1;'.repeat(80),
      'assets/lazy-c.js': 'export const lazy = 2;',
      'assets/index-d.css': 'body{margin:0}'.repeat(20),
      'index.html': `<html><head><script type="module" crossorigin src="/assets/index-a.js"></script>
        <link rel="modulepreload" crossorigin href="/assets/vendor-b.js">
        <link rel="modulepreload" crossorigin href="/assets/boot-e.js"><link rel="modulepreload" crossorigin href="/assets/app-f.js">
        <link rel="stylesheet" crossorigin href="/assets/index-d.css"><link rel="manifest" href="/manifest.webmanifest"></head></html>`,
    };
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(dist, rel), text);
    writeFileSync(
      path.join(dist, 'sw.js'),
      'e.precacheAndRoute([{url:"index.html",revision:"1"},{url:"assets/index-a.js",revision:null},{url:"assets/lazy-c.js",revision:null},{url:"index.html",revision:"1"}],{})',
    );
    const report = measureBundle(dist);
    expect(report.initialJs.map((f) => f.file)).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    expect(report.initialJsGzip).toBe(gzipSync(files['assets/index-a.js']!).length + gzipSync(files['assets/vendor-b.js']!).length);
    expect(report.initialCss.map((f) => f.file)).toEqual(['assets/index-d.css']);
    // The app the entry imports after the first paint, less what the first paint already loaded; not a lazy view.
    expect(report.deferredJs.map((f) => f.file)).toEqual(['assets/boot-e.js', 'assets/app-f.js']);
    expect(report.deferredJsGzip).toBe(gzipSync(files['assets/boot-e.js']!).length + gzipSync(files['assets/app-f.js']!).length);
    // Preloaded beside the entry, yet run only after the first paint: deferred, not initial.
    expect(report.deferredPreloaded).toEqual(['assets/boot-e.js', 'assets/app-f.js']);
    expect(report.precache.map((f) => f.file)).toEqual(['index.html', 'assets/index-a.js', 'assets/lazy-c.js']);
    expect(report.precacheDuplicates).toEqual(['index.html']);
  });
});

describe('expected list states', () => {
  const day = (iso: string) => Date.parse(iso);
  const facts: FeedFacts = {
    manifest: {
      topics: [
        { slug: 'a', name: 'A', count: 3 },
        { slug: 'c', name: 'C', count: 2 },
        { slug: 'b', name: 'B', count: 2 },
      ],
    } as FeedManifest,
    articles: [
      { id: 'n1', title: 'N1', date: day('2026-02-01T00:00:00Z'), topics: ['a', 'b'] },
      { id: 'n2', title: 'N2', date: day('2026-01-01T00:00:00Z'), topics: ['c'] },
      { id: 'y1', title: 'Y1', date: day('2025-12-31T23:59:59Z'), topics: ['a'] },
      { id: 'y2', title: 'Y2', date: day('2025-06-01T12:00:00Z'), topics: ['b'] },
      { id: 'y3', title: 'Y3', date: day('2025-01-01T00:00:00Z'), topics: ['a', 'c'] },
      { id: 'old', title: 'Old', date: day('2024-12-31T23:00:00Z'), topics: ['c'] },
      { id: 'u', title: 'U', date: null, topics: ['a'] },
    ],
  };

  it('counts topics (any) and inclusive UTC days', () => {
    expect(countMatching(facts, { topics: ['a'] })).toBe(4);
    expect(countMatching(facts, { from: '2025-01-01', to: '2025-12-31' })).toBe(3);
    expect(countMatching(facts, { from: '2025-01-01' })).toBe(5);
    expect(countMatching(facts, { topics: ['a', 'b'], from: '2025-01-01', to: '2025-12-31' })).toBe(3);
  });

  it('plans the year before the newest article and a second topic that adds to the first', () => {
    const plan = planInteractions(facts, 2);
    expect(plan).toMatchObject({ from: '2025-01-01', to: '2025-12-31', total: 7, countA: 4, countRange: 3, countARange: 2, lastPage: 4 });
    // C adds nothing to A within 2025 (Y3 has both), so B is picked.
    expect(plan.topicB.slug).toBe('b');
    expect(plan.countABRange).toBe(3);
  });
});

describe('interaction rows', () => {
  it('judge the time to the frame painted, and show the time to that frame’s start below it, unjudged', () => {
    const list = rows({ pageSize: group({ latency: [60, 70, 80], frame: [30, 35, 40], dom: [25, 30, 35] }) }, bundle);
    const at = list.findIndex((r) => r.metric === 'page size 10 → 50');
    expect(list[at]).toMatchObject({ median: 70, max: 50 });
    expect(verdict(list[at]!)).toBe('FAIL');
    expect(list[at + 1]).toMatchObject({ metric: "  to the frame's start", median: 35, max: null });
    expect(verdict(list[at + 1]!)).toBe('');
  });
});
