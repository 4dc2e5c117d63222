/**
 * The feed builder step of the benchmark: for a dataset size, a Hugo site on disk, a full build, a
 * rebuild after 1% of the posts change, and Hugo itself on the same posts, in the same run. Wall
 * time and peak resident memory of each process (GNU time's "maximum resident set size": the
 * builder's worker threads are in its process, so they count).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, repoRoot } from './datasets';
import { editPosts, writeHugoSite, type EditKind } from './hugoSite';

export const BUILDER_TARGETS = { fullSeconds: 120, peakMB: 2048, rebuildSeconds: 15 } as const;

export interface Run {
  seconds: number;
  /** Peak resident set, MB; null without GNU time. */
  peakMB: number | null;
  /** User plus system CPU time, s: on a busy machine it says more than the wall time. Null without GNU time. */
  cpuSeconds: number | null;
  /** The command's last line (the builder's summary). */
  summary: string;
}

export interface BuilderResult {
  posts: number;
  generateSeconds: number;
  full: Run;
  /** Rebuilds after 1% of the posts changed: recent posts and new ones first, then scattered edits on top. */
  rebuilds: Record<EditKind, Run & { changedPosts: number }>;
  hugo: (Run & { version: string }) | { error: string };
  loadAverage: { start: number[]; end: number[] };
  cores: number;
}

const TIME = '/usr/bin/time';
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** Runs a command under GNU time (when present) and measures it. */
function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const withTime = existsSync(TIME);
  const started = performance.now();
  const result = withTime
    ? spawnSync(TIME, ['-f', 'FOLIO_PEAK_KB %M FOLIO_CPU %U %S', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    // A Go panic ends with its stack; the line that says what went wrong comes first.
    const lines = (result.stderr ?? '').trim().split('\n');
    const cause = lines.find((line) => /error|out of memory/i.test(line));
    throw new Error(`${path.basename(command)} failed (${result.status}): ${[...(cause ? [cause] : []), ...lines.slice(-3)].join(' | ')}`);
  }
  const peak = /FOLIO_PEAK_KB (\d+) FOLIO_CPU ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  const lines = `${result.stdout ?? ''}`.trim().split('\n');
  return { seconds: Math.round(seconds * 100) / 100, peakMB: peak ? Math.round(Number(peak[1]) / 1024) : null,
    cpuSeconds: peak ? Math.round((Number(peak[2]) + Number(peak[3])) * 100) / 100 : null,
    summary: lines[lines.length - 1] ?? '' };
}

function feedBuild(posts: string, out: string): Run {
  const args = ['--import', 'tsx', 'cli/feed.ts', 'build', posts, '--out', out, '--base-url', 'https://blog.example.com/', '--title', 'Folio bench blog', '--author', 'Folio Bench'];
  return timed(process.execPath, args, repoRoot, { ...process.env, SOURCE_DATE_EPOCH: '1775347200' });
}

/**
 * Hugo holds every page in memory: on 100k posts it took all 23.6 GB of this machine, which has no
 * swap, and had to be stopped by hand. It runs under an address-space cap of 3/4 of the memory
 * (prlimit), so such a run ends with Hugo's own out-of-memory error instead of starving the machine.
 */
const HUGO_MEMORY_SHARE = 0.75;

export function hugo(site: string, cap = Math.floor(os.totalmem() * HUGO_MEMORY_SHARE)): BuilderResult['hugo'] {
  const capped = existsSync('/usr/bin/prlimit');
  try {
    const version = execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
    rmSync(path.join(site, 'public'), { recursive: true, force: true });
    const args = ['--quiet', '--source', site, '--destination', path.join(site, 'public')];
    return { ...(capped ? timed('/usr/bin/prlimit', [`--as=${cap}`, 'hugo', ...args], site) : timed('hugo', args, site)), version };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/ENOENT/.test(message)) return { error: 'hugo is not installed (apt-get install hugo)' };
    const first = message.split('\n')[0] ?? message;
    return { error: capped && /out of memory|cannot allocate/i.test(message) ? `out of memory under its ${(cap / 2 ** 30).toFixed(1)} GB cap: ${first}` : first };
  }
}

export function benchBuilder(name: string, count: number, log: (line: string) => void): BuilderResult {
  const site = path.join(benchDir, '.work', `hugo-${name}`);
  const out = path.join(site, 'feed');
  const start = load();
  rmSync(site, { recursive: true, force: true });
  const generated = performance.now();
  const posts = writeHugoSite(site, count);
  const generateSeconds = Math.round((performance.now() - generated) / 10) / 100;
  log(`builder ${name}: wrote ${count.toLocaleString('en')} posts in ${generateSeconds} s; load average ${start.join(' ')}`);
  const full = feedBuild(posts, out);
  log(`  full build: ${full.seconds} s, ${full.cpuSeconds ?? '?'} s CPU, peak ${full.peakMB ?? '?'} MB — ${full.summary}`);
  const rebuilds = {} as BuilderResult['rebuilds'];
  for (const kind of ['recent', 'scattered'] as const) {
    const changedPosts = editPosts(posts, count, 0.01, undefined, kind);
    rebuilds[kind] = { ...feedBuild(posts, out), changedPosts };
    log(`  rebuild after ${changedPosts} ${kind} posts changed: ${rebuilds[kind].seconds} s, ${rebuilds[kind].cpuSeconds ?? "?"} s CPU, peak ${rebuilds[kind].peakMB ?? '?'} MB`);
  }
  const hugoRun = hugo(site);
  log('error' in hugoRun ? `  hugo: ${hugoRun.error}` : `  hugo on the same posts: ${hugoRun.seconds} s, peak ${hugoRun.peakMB ?? '?'} MB (${hugoRun.version.split(' ')[0]})`);
  return { posts: count, generateSeconds, full, rebuilds, hugo: hugoRun, loadAverage: { start, end: load() }, cores: os.availableParallelism() };
}

/** The builder's rows against its targets. */
export function builderTable(name: string, r: BuilderResult): string {
  const t = BUILDER_TARGETS;
  const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
  const mb = (run: Run) => `${run.peakMB === null ? '?' : `${run.peakMB} MB`}, ${run.cpuSeconds ?? '?'} s CPU`;
  const rows = [
    `  full build            ${r.full.seconds.toFixed(1).padStart(7)} s  ${mb(r.full).padStart(20)}   target ≤ ${t.fullSeconds} s, ≤ ${t.peakMB} MB  ${verdict(r.full.seconds <= t.fullSeconds && (r.full.peakMB ?? 0) <= t.peakMB)}`,
    ...(['recent', 'scattered'] as const).map((kind) => {
      const run = r.rebuilds[kind];
      return `  rebuild, 1% ${kind.padEnd(9)} ${run.seconds.toFixed(1).padStart(5)} s  ${mb(run).padStart(20)}   target ≤ ${t.rebuildSeconds} s (${run.changedPosts} posts)  ${verdict(run.seconds <= t.rebuildSeconds)}`;
    }),
    'error' in r.hugo ? `  hugo                  ${r.hugo.error}` : `  hugo (same posts)     ${r.hugo.seconds.toFixed(1).padStart(7)} s  ${mb(r.hugo).padStart(20)}`,
  ];
  return [`\nfeed builder, ${name} (${r.posts.toLocaleString('en')} posts, ${r.cores} cores, load ${r.loadAverage.start.join(' ')} → ${r.loadAverage.end.join(' ')})`, ...rows].join('\n');
}
