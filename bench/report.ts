/** Statistics, the targets, the printed table and the results file. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { BundleReport } from './bundle';
import type { Group } from './measure';

/** Linear interpolation between closest ranks. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = p * (sorted.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
}

export interface Row {
  metric: string;
  unit: 'ms' | 'MB' | 'KB' | '×';
  median: number;
  p95: number | null;
  n: number | null;
  /** Pass when the median (or the p95, with `judge`) is at most this. */
  max: number | null;
  judge?: 'p95';
  target: string;
  note?: string;
}

export type Groups = Record<string, Group>;

function seriesRow(groups: Groups, group: string, series: string, metric: string, unit: Row['unit'], max: number | null, target: string): Row | null {
  const g = groups[group];
  const values = g?.series[series];
  if (!g || !values || values.length === 0) return null;
  const row: Row = { metric, unit, median: quantile(values, 0.5), p95: quantile(values, 0.95), n: values.length, max, target };
  if (g.capped) row.note = `${g.samples} of ${g.wanted} samples: ${Math.round(g.seconds)} s budget reached`;
  return row;
}

function ratioRow(a: Row | null, b: Row | null, metric: string, max: number | null, target: string): Row | null {
  if (!a || !b) return null;
  return { metric, unit: '×', median: a.median / b.median, p95: null, n: null, max, target };
}

const p95 = (row: Row | null): Row | null => (row ? { ...row, judge: 'p95' } : null);

/** The table's rows; `pass` is judged on the median, or the p95 where the target says so (ratios on the ratio of medians). */
export function rows(groups: Groups, bundle: BundleReport): Row[] {
  const out: (Row | null)[] = [];
  const complete = seriesRow(groups, 'firstSync', 'complete', 'first sync: sync complete', 'ms', null, '');
  const floor = seriesRow(groups, 'floor', 'total', 'physical floor: fetch + parse the same files, raw write of the same records', 'ms', null, '');
  const baseline = seriesRow(groups, 'baseline', 'insert', 'naive baseline: raw insert of one row per article, indexed', 'ms', null, '');
  out.push(seriesRow(groups, 'firstSync', 'firstPage', 'first sync: first page shown', 'ms', 1000, '≤ 1 s'));
  out.push(complete, seriesRow(groups, 'firstSync', 'syncOnly', 'first sync: "Syncing…" to "Synced"', 'ms', null, ''));
  out.push(floor, seriesRow(groups, 'floor', 'fetch', '  floor: fetch + parse', 'ms', null, ''), seriesRow(groups, 'floor', 'write', '  floor: raw write', 'ms', null, ''));
  out.push(ratioRow(complete, floor, 'complete sync / physical floor', 1.5, '≤ 1.5'));
  out.push(baseline, ratioRow(complete, baseline, 'complete sync / naive baseline', null, ''));
  // Samples alternate: the change (a newer revision, through its delta), then the change taken back
  // (an older revision, which no delta leads to: by shard hashes). Each way is shown on its own too.
  for (const [variant, name, max, target] of [['recent-1pct', 'recent', 500, '≤ 0.5 s'], ['scattered-1pct', 'scattered', 1000, '≤ 1 s']] as const) {
    out.push(seriesRow(groups, `resync.${variant}`, 'sync', `re-sync, ${name} 1% changed`, 'ms', max, target));
    out.push(seriesRow(groups, `resync.${variant}`, 'apply', '  the change, through its delta', 'ms', null, ''));
    out.push(seriesRow(groups, `resync.${variant}`, 'revert', '  taken back, by shard hashes', 'ms', null, ''));
  }
  out.push(p95(seriesRow(groups, 'coldOnline', 'firstCard', 'cold start online: first card', 'ms', 400, 'p95 ≤ 400 ms')));
  out.push(seriesRow(groups, 'coldOnline', 'fcp', 'cold start online: FCP', 'ms', null, ''));
  out.push(p95(seriesRow(groups, 'coldOffline', 'firstCard', 'cold start offline: first card', 'ms', 300, 'p95 ≤ 300 ms')));
  out.push(seriesRow(groups, 'coldOffline', 'fcp', 'cold start offline: FCP', 'ms', null, ''));
  // Judged from the input to its frame painted; below each, to that frame's start (the measure
  // before 2026-12-07 evening), which leaves out the frame's own style, layout and paint.
  const frameStart = (group: string) => seriesRow(groups, group, 'frame', '  to the frame\'s start', 'ms', null, '');
  const interaction = (group: string, metric: string, max: number | null, target: string) => {
    out.push(seriesRow(groups, group, 'latency', metric, 'ms', max, target), frameStart(group));
  };
  interaction('topic', 'one topic filter', 50, '≤ 50 ms');
  interaction('topicsAndDates', 'two topics + date range', 50, '≤ 50 ms');
  interaction('dates', 'date range', 50, '≤ 50 ms');
  interaction('nextPage', 'next page', 50, '≤ 50 ms');
  const last = seriesRow(groups, 'lastPage', 'latency', 'last page', 'ms', 50, '≤ 50 ms');
  const first = seriesRow(groups, 'firstPage', 'latency', 'page 1 (from the last)', 'ms', 50, '≤ 50 ms');
  out.push(last, frameStart('lastPage'), first, frameStart('firstPage'), ratioRow(last, first, 'last page / page 1', 1.2, '≤ 1.2'));
  interaction('pageSize', 'page size 10 → 50', 50, '≤ 50 ms');
  interaction('toggleRead', 'mark read, with unread counts of all topics', 50, '≤ 50 ms');
  interaction('stateUnread', '?state=unread with a topic', 50, '≤ 50 ms');
  interaction('openArticle', 'open a stored article', null, '');
  out.push(seriesRow(groups, 'coldOnline', 'heapMB', 'JS heap after cold start (after GC)', 'MB', 150, '≤ 150 MB'));
  out.push({ metric: 'initial JS, gzip', unit: 'KB', median: bundle.initialJsGzip / 1024, p95: null, n: null, max: 50, target: '≤ 50 KB' });
  out.push({ metric: 'deferred JS, gzip', unit: 'KB', median: bundle.deferredJsGzip / 1024, p95: null, n: null, max: null, target: '', note: bundle.deferredPreloaded.length > 0 ? 'the app: fetched side by side and run after the first paint' : 'the app, loaded right after the first paint' });
  out.push({ metric: 'initial CSS, gzip', unit: 'KB', median: bundle.initialCssGzip / 1024, p95: null, n: null, max: null, target: '' });
  out.push({
    metric: 'precache total (gzip)',
    unit: 'KB',
    median: bundle.precacheBytes / 1024,
    p95: bundle.precacheGzip / 1024,
    n: bundle.precache.length,
    max: null,
    target: '',
    note: 'raw in the median column, gzip in the p95 column; n = files',
  });
  return out.filter((r): r is Row => r !== null);
}

function format(value: number | null, unit: Row['unit']): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (unit === '×') return `${value.toFixed(2)} ×`;
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  return `${value.toFixed(1)} ${unit}`;
}

export function verdict(row: Row): string {
  if (row.max === null) return '';
  const value = row.judge === 'p95' ? row.p95 : row.median;
  return value !== null && value <= row.max ? 'pass' : 'FAIL';
}

export function table(title: string, list: readonly Row[], markdown = false): string {
  const header = ['metric', 'median', 'p95', 'n', 'target', 'result'];
  const body = list.map((r) => [r.metric, format(r.median, r.unit), format(r.p95, r.unit), r.n === null ? '' : String(r.n), r.target, verdict(r)]);
  if (markdown) {
    return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const notes = list.filter((r) => r.note).map((r) => `  * ${r.metric}: ${r.note}`);
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ...notes].join('\n');
}

export interface Machine {
  os: string;
  cpu: string;
  cpus: number;
  memoryGB: number;
  node: string;
  chromium: string;
  loadAverage: number[];
}

export function machine(chromium: string): Machine {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    cpu: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    chromium,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function gitRevision(cwd: string): { commit: string | null; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'cli', 'index.html', 'vite.config.ts'], { cwd, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: false };
  }
}
