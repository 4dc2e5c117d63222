/**
 * `npm run stress [-- --cases title,topics] [--ways url,file,folder] [--port 4335] [--cap 75] [--no-build]`
 *
 * Builds the app, serves it with `vite preview` on PORT and the hostile inputs on PORT + 1, and runs
 * every case of cases.ts through the Sources page of a fresh on-disk Chromium profile: by address,
 * by file, and as a feed folder. Prints a table and writes bench/results/stress.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { buildIsCurrent } from '../build';
import { benchDir, repoRoot } from '../datasets';
import { gitRevision, machine } from '../report';
import { buildApp, distDir, serve } from '../serve';
import { CASES, caseSlug, type StressCase } from './cases';
import { forget, startHostileServer } from './hostileServer';
import { probe, type ProbeResult, type Way } from './probe';

const BUDGET_MS = 200;

interface Row extends ProbeResult {
  case: string;
  way: Way;
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string' },
      ways: { type: 'string', default: 'url,file,folder' },
      port: { type: 'string', default: '4335' },
      cap: { type: 'string', default: '75' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const words = (text: string | undefined) => text?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const wanted = words(values.cases);
  const cases = CASES.filter((c) => !wanted || wanted.some((w) => caseSlug(c).includes(w)));
  if (cases.length === 0) throw new Error(`--cases matched nothing: the cases are ${CASES.map(caseSlug).join(', ')}`);
  const ways = (words(values.ways) ?? []) as Way[];
  for (const w of ways) if (!['url', 'file', 'folder'].includes(w)) throw new Error(`unknown way "${w}": use url, file, folder`);
  return { cases, ways, port: Number(values.port), capMs: Number(values.cap) * 1000, build: !values['no-build'] };
}

/** The ways a case runs, with what each adds: an address, or a file written for the run. */
function plan(c: StressCase, ways: Way[], hostile: string, files: string): { way: Way; target: string }[] {
  const out: { way: Way; target: string }[] = [];
  const slug = caseSlug(c);
  if (ways.includes('url')) out.push({ way: 'url', target: `${hostile}/doc/${slug}` });
  if (ways.includes('file') && c.asFile && c.document.kind === 'bytes') {
    const file = path.join(files, `${slug}.json`);
    writeFileSync(file, c.document.make());
    out.push({ way: 'file', target: file });
  }
  if (ways.includes('folder') && c.shard) out.push({ way: 'folder', target: `${hostile}/folder/${slug}/manifest.json` });
  return out;
}

const ms = (n: number) => `${Math.round(n)} ms`;

function table(rows: readonly Row[]): string {
  const head = ['case', 'way', 'outcome', 'longest task', '> 200 ms', 'peak heap', 'slowest probe', 'click'];
  const body = rows.map((r) => [
    r.case, r.way, r.outcome.length > 90 ? `${r.outcome.slice(0, 89)}…` : r.outcome, ms(r.longestTaskMs), String(r.tasksOver200ms),
    `${r.peakHeapMB.toFixed(1)} MB`, ms(r.slowestProbeMs), r.clickAnsweredMs === null ? 'no answer' : ms(r.clickAnsweredMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The README's table: case, outcome, longest task, peak heap, and whether the page answered. */
function markdown(rows: readonly Row[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = rows.map((r) =>
    `| ${cell(r.case)} | ${r.way} | ${cell(r.outcome)} | ${ms(r.longestTaskMs)} | ${r.peakHeapMB.toFixed(1)} MB | ${r.clickAnsweredMs === null ? 'no' : `yes, ${ms(r.clickAnsweredMs)}`} |`,
  );
  return ['| case | way | outcome | longest task | peak heap | a click answered |', '|---|---|---|---|---|---|', ...lines].join('\n');
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const started = performance.now();
  if (opts.build || !buildIsCurrent()) buildApp(console.log);
  const app = await serve(distDir, opts.port);
  const hostile = await startHostileServer(opts.port + 1);
  const files = mkdtempSync(path.join(tmpdir(), 'folio-stress-files-'));
  const rows: Row[] = [];
  const loadBefore = machine('').loadAverage;
  try {
    for (const c of opts.cases) {
      for (const { way, target } of plan(c, opts.ways, hostile.url, files)) {
        console.log(`${c.name} · ${way}…`);
        const result = await probe({ appUrl: app.url, way, target, openArticle: c.openArticle, capMs: opts.capMs });
        rows.push({ case: c.name, way, ...result });
        console.log(`  ${result.outcome} · longest task ${ms(result.longestTaskMs)} · peak heap ${result.peakHeapMB.toFixed(1)} MB · ${result.seconds.toFixed(1)} s`);
      }
      forget(c);
    }
  } finally {
    await hostile.stop();
    await app.stop();
    rmSync(files, { recursive: true, force: true });
  }
  console.log(`\n${table(rows)}\n\n${markdown(rows)}`);
  const over = rows.filter((r) => r.longestTaskMs > BUDGET_MS || r.clickAnsweredMs === null);
  console.log(`\n${over.length} of ${rows.length} runs had a main-thread task over ${BUDGET_MS} ms or a click that went unanswered.`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const host = { ...machine(browser.version()), loadAverageBefore: loadBefore };
  await browser.close();
  const out = path.join(benchDir, 'results', 'stress.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const result = { date: new Date().toISOString(), app: gitRevision(repoRoot), machine: host, budgetMs: BUDGET_MS, capMs: opts.capMs, rows };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(repoRoot, out)} in ${Math.round((performance.now() - started) / 1000)} s`);
  if (over.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`stress: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
});
