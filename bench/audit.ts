/**
 * `npm run audit`: Lighthouse (mobile preset) on the built app serving the real blog, on the list and
 * on an article, in the system Chromium. Prints the scores and writes bench/results/audit.json.
 * `--no-build` reuses dist-real/ as it is; `--runs N` (default 3) audits each page N times and keeps the
 * run with the median performance score, as Lighthouse advises against its run-to-run variance.
 * `--reports DIR` also writes each run's whole Lighthouse report there (long tasks, main-thread work).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config } from 'lighthouse';
import { preview } from 'vite';
import type { FeedManifest } from '../src/lib/feed/folder';
import { parseShard } from '../src/lib/feed/shard';
import { repoRoot } from './datasets';

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 95 } as const;
const MAX_CLS = 0.05;
const CATEGORIES = Object.keys(TARGETS) as (keyof typeof TARGETS)[];
const distReal = path.join(repoRoot, 'dist-real');

/**
 * Every run a first visit: Lighthouse clears only caches and service workers between runs by default,
 * so without this the second run of a page (and every run after the first page) would find the first
 * run's IndexedDB and localStorage, a returning reader's start, not a new one's.
 */
const FIRST_VISIT: Config = {
  extends: 'lighthouse:default',
  settings: { clearStorageTypes: ['file_systems', 'shader_cache', 'service_workers', 'cache_storage', 'indexeddb', 'local_storage', 'websql', 'cookies'] },
};

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with status ${result.status}`);
}

/** The newest article with a body: what a reader opens first. */
function firstArticlePath(): string {
  const feed = path.join(distReal, 'feed');
  const manifest = JSON.parse(readFileSync(path.join(feed, 'manifest.json'), 'utf8')) as FeedManifest;
  for (const ref of manifest.shards) {
    const shard = parseShard(JSON.parse(readFileSync(path.join(feed, ref.href), 'utf8')), ref.href);
    const article = shard.articles.find((a) => a.body !== null);
    if (article) return `/read/default/${article.id}`;
  }
  throw new Error('The real blog feed has no article with a body');
}

interface PageScores {
  url: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  /** Lighthouse's measure of the machine's speed; a busy machine scores low and blocks longer. */
  benchmarkIndex: number;
  failing: string[];
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}
const reportsDir = option('--reports');
let reportsWritten = 0;

async function audit(url: string, port: number): Promise<PageScores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, FIRST_VISIT);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (reportsDir) {
    mkdirSync(reportsDir, { recursive: true });
    writeFileSync(path.join(reportsDir, `${++reportsWritten}-${new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'list'}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const failing = Object.values(lhr.categories)
    .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => lhr.audits[ref.id]))
    .filter((a): a is NonNullable<typeof a> => a !== undefined && a.score !== null && a.score < 0.9)
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return {
    url: new URL(url).pathname,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])) as PageScores['scores'],
    cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
    lcpMs: Math.round(numeric('largest-contentful-paint')),
    tbtMs: Math.round(numeric('total-blocking-time')),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    failing,
  };
}

/** Audits a page `runs` times and keeps the run with the median performance score. */
async function auditMedian(url: string, port: number, runs: number): Promise<PageScores & { performanceRuns: number[] }> {
  const results: PageScores[] = [];
  for (let i = 0; i < runs; i++) results.push(await audit(url, port));
  const sorted = [...results].sort((a, b) => a.scores.performance - b.scores.performance);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as PageScores;
  return { ...median, performanceRuns: results.map((r) => r.scores.performance) };
}

function report(pages: Record<string, PageScores & { performanceRuns: number[] }>): boolean {
  let pass = true;
  for (const [name, page] of Object.entries(pages)) {
    console.log(`\n${name}: ${page.url} (median of performance ${page.performanceRuns.join(', ')})`);
    for (const c of CATEGORIES) {
      const ok = page.scores[c] >= TARGETS[c];
      pass &&= ok;
      console.log(`  ${c.padEnd(15)} ${String(page.scores[c]).padStart(4)}   target ≥ ${TARGETS[c]}   ${ok ? 'pass' : 'FAIL'}`);
    }
    const clsOk = page.cls <= MAX_CLS;
    pass &&= clsOk;
    console.log(`  ${'CLS'.padEnd(15)} ${page.cls.toFixed(3).padStart(4)}   target ≤ ${MAX_CLS}  ${clsOk ? 'pass' : 'FAIL'}`);
    console.log(`  LCP ${page.lcpMs} ms · TBT ${page.tbtMs} ms · machine ${page.benchmarkIndex}${page.failing.length ? ` · below 90: ${page.failing.join(', ')}` : ''}`);
  }
  return pass;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    run('npm', ['run', 'build', '--silent']);
    run('npx', ['tsx', 'tests/e2e/support/prepareRealBlog.ts']);
  }
  const server = await preview({ root: repoRoot, logLevel: 'warn', build: { outDir: 'dist-real' }, preview: { host: '127.0.0.1', port: 0 } });
  const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!base) throw new Error('vite preview did not say where it listens');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-quic'],
  });
  try {
    // One at a time: each run starts from empty storage, as a first visit does.
    const runs = Math.max(1, Number(option('--runs') ?? 3) || 1);
    const pages = {
      list: await auditMedian(`${base}/`, chrome.port, runs),
      article: await auditMedian(`${base}${firstArticlePath()}`, chrome.port, runs),
    };
    const pass = report(pages);
    const out = path.join(repoRoot, 'bench', 'results', 'audit.json');
    mkdirSync(path.dirname(out), { recursive: true });
    const summary = { tool: 'lighthouse 12.2.3, mobile preset', chromium: await chromeVersion(chrome.port), at: new Date().toISOString(), loadAverage: loadavg()[0], targets: { ...TARGETS, cls: MAX_CLS }, pass, pages };
    writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\n${pass ? 'All targets met.' : 'Some targets missed.'} Summary: ${path.relative(repoRoot, out)}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    chrome.kill();
    await server.close();
  }
}

async function chromeVersion(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/json/version`);
  const { Browser } = (await response.json()) as { Browser: string };
  return Browser;
}

await main();
