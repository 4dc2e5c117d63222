/**
 * Folio's search engine against MiniSearch, FlexSearch, Fuse.js and Pagefind on the same documents:
 *
 *   npx tsx bench/search/peers.ts [--size 100000] [--real] [--engines folio,minisearch] [--rematch 3] [--timeout-min 45]
 *
 * Without --engines, every engine runs, but Pagefind only up to 10,000 documents (defaultEngines).
 * `--rematch N` then runs Folio and its fastest peer N more times each, alternated (headToHead.ts).
 *
 * A run with --engines replaces those engines' entries in an existing results file and keeps the others.
 * Each engine runs in its own child process (node --expose-gc) for clean heap figures, and its queries are
 * timed as timing.ts says (per query, the median of up to five warm rounds); Pagefind builds
 * with its own binary and answers in Chromium, as a static site runs it (pagefind.ts). Results are
 * printed and written to bench/results/search-<dataset>.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cachedRealCorpus, cachedSyntheticCorpus, repoRoot, type Corpus } from './corpus';
import { ENGINES, type EngineName, type NodeEngineName } from './engines';
import { runPagefind } from './pagefind';
import { queryMix, type MixQuery } from './mix';
import { runEngine, type EngineResult } from './runEngine';
import { fastestPeer, rematchOrder, summarise, type HeadToHead, type HeadToHeadRun } from './headToHead';
import { probeDocument, speedProbe, type SpeedProbe } from '../speed';

const self = fileURLToPath(import.meta.url);
const workDir = path.join(repoRoot, 'bench/.work/search');

function corpusFor(dataset: string): Corpus {
  return dataset === 'real' ? cachedRealCorpus(console.error) : cachedSyntheticCorpus(Number(dataset), console.error);
}

function child(engine: NodeEngineName, dataset: string, queriesFile: string): void {
  const mix = JSON.parse(readFileSync(queriesFile, 'utf8')) as MixQuery[];
  runEngine(engine, dataset, () => corpusFor(dataset), mix)
    .then((result) => process.stdout.write(`\n${JSON.stringify(result)}\n`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}

/** A failed engine, with what it measured before failing when it got that far. */
type Failed = { engine: EngineName; error: string; partial?: Partial<EngineResult> };
/** Each engine's result carries the machine's speed just before it ran: results of several runs are merged. */
type Outcome = (EngineResult | Failed) & { speedBefore?: SpeedProbe };

function lastJson(stdout: unknown): Partial<EngineResult> | undefined {
  const line = String(stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  return line ? (JSON.parse(line) as Partial<EngineResult>) : undefined;
}

function spawnEngine(engine: NodeEngineName, dataset: string, queriesFile: string, timeoutMin: number): Outcome {
  const args = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, '--child', engine, '--dataset', dataset, '--queries', queriesFile];
  try {
    const out = execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutMin * 60_000, stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').at(-1) as string) as EngineResult;
  } catch (error) {
    const partial = lastJson((error as { stdout?: unknown }).stdout);
    if ((error as { code?: string }).code === 'ETIMEDOUT') return { engine, error: `did not finish within ${timeoutMin} min`, partial };
    const signal = (error as { signal?: string }).signal;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { engine, error: `${signal ? `killed by ${signal}` : 'failed'}${partial ? ' after its queries (while serialising the index)' : ''}: ${(message ?? '').slice(0, 200)}`, partial };
  }
}

const mb = (n: number) => (n / 1048576).toFixed(1);
/** Three significant figures or more: the real blog's queries take tenths of a millisecond. */
const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(n < 1 ? 3 : n < 10 ? 2 : 1));

function table(results: Outcome[]): string {
  const rows = [['engine', 'build s', 'index MB', 'gzip MB', 'heap build MB', 'heap 20q MB', 'p50 ms', 'p95 ms', 'p95 typo ms', 'p95 one timing ms', 'hit@5', 'MRR']];
  for (const r of results) {
    if ('error' in r) {
      const p = r.partial;
      rows.push([r.engine, p?.buildMs ? (p.buildMs / 1000).toFixed(1) : '-', `failed: ${r.error.slice(0, 80)}`, '-', p?.memory ? `${mb(p.memory.afterBuild.heapUsed)} + ${mb(p.memory.afterBuild.arrayBuffers)}` : '-', p?.memory ? `${mb(p.memory.after20Queries.heapUsed)} + ${mb(p.memory.after20Queries.arrayBuffers)}` : '-', ms(p?.latency?.all.p50 ?? NaN), ms(p?.latency?.all.p95 ?? NaN), ms(p?.latency?.byKind.typo?.p95 ?? NaN), ms(p?.latency?.secondRound?.p95 ?? NaN), '-', '-']);
      continue;
    }
    rows.push([
      r.engine,
      (r.buildMs / 1000).toFixed(1),
      mb(r.index.raw),
      mb(r.index.gzip),
      `${mb(r.memory.afterBuild.heapUsed)} + ${mb(r.memory.afterBuild.arrayBuffers)}`,
      `${mb(r.memory.after20Queries.heapUsed)} + ${mb(r.memory.after20Queries.arrayBuffers)}`,
      ms(r.latency.all.p50),
      ms(r.latency.all.p95),
      ms(r.latency.byKind.typo?.p95 ?? NaN),
      ms(r.latency.secondRound?.p95 ?? NaN),
      r.judged ? `${(r.judged.hitAt5 * 100).toFixed(0)}%` : '-',
      r.judged ? r.judged.mrr.toFixed(3) : '-',
    ]);
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * Fails `work` when nothing is left that could settle it. Pagefind's indexer runs as a service
 * process: killed (at 100k the kernel ended it, out of memory), it leaves its promise pending with
 * nothing else to wait for, and Node would exit without a word or a JSON row.
 */
function unlessAbandoned<T>(work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const abandoned = () => reject(new Error('its indexer stopped without answering (killed, or out of memory)'));
    process.once('beforeExit', abandoned);
    work.then(resolve, reject).finally(() => process.off('beforeExit', abandoned));
  });
}

async function runOne(engine: EngineName, corpus: Corpus, dataset: string, queriesFile: string, timeoutMin: number): Promise<Outcome> {
  if (engine !== 'pagefind') return spawnEngine(engine, dataset, queriesFile, timeoutMin);
  try {
    return await unlessAbandoned(runPagefind(corpus, dataset, JSON.parse(readFileSync(queriesFile, 'utf8')) as MixQuery[], workDir));
  } catch (error) {
    return { engine, error: `failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200)}` };
  }
}

const steadyP95 = (r: Outcome): number | undefined => ('error' in r ? r.partial?.latency?.all.p95 : r.latency.all.p95);
const steadyP50 = (r: Outcome): number => ('error' in r ? r.partial?.latency?.all.p50 : r.latency.all.p50) ?? NaN;

/** Folio and its fastest peer, `pairs` more runs each, alternated; null when either is missing from this run. */
function headToHead(results: Outcome[], pairs: number, run: (engine: NodeEngineName) => Outcome): HeadToHead | null {
  const peer = fastestPeer(results.map((r) => ({ engine: r.engine, p95: steadyP95(r) })));
  const first = (engine: NodeEngineName) => results.find((r) => r.engine === engine);
  const folio = first('folio');
  const rival = peer && first(peer);
  if (!peer || !folio || !rival) return null;
  const row = (engine: NodeEngineName, r: Outcome): HeadToHeadRun => ({ engine, p50: steadyP50(r), p95: steadyP95(r) ?? NaN, speedMs: r.speedBefore?.ms ?? NaN });
  const runs = [row('folio', folio), row(peer, rival)];
  for (const engine of rematchOrder(peer, pairs)) runs.push(row(engine, run(engine)));
  return summarise(peer, runs);
}

const ratioLine = (h: HeadToHead): string =>
  `head to head, ${h.pairs} runs each (the first above, the rest alternated): p95 folio ${h.runs.filter((r) => r.engine === 'folio').map((r) => ms(r.p95)).join(', ')}; ` +
  `${h.peer} ${h.runs.filter((r) => r.engine === h.peer).map((r) => ms(r.p95)).join(', ')}; medians ${ms(h.medianP95.folio)} against ${ms(h.medianP95.peer)} ms, Folio ahead in ${h.folioAhead} of ${h.pairs}`;

/**
 * Every engine on the real blog; past it, Pagefind only when asked for: its indexer holds every page
 * in memory, and at 100k it grew to 23 GB before the kernel killed it, 13 minutes in (README).
 */
const PAGEFIND_DEFAULT_MAX_DOCS = 10_000;

function defaultEngines(documents: number): EngineName[] {
  if (documents <= PAGEFIND_DEFAULT_MAX_DOCS) return ENGINES;
  console.error(`search bench: Pagefind left out above ${PAGEFIND_DEFAULT_MAX_DOCS} documents (its indexer runs out of memory at 100k); ask for it with --engines pagefind`);
  return ENGINES.filter((e) => e !== 'pagefind');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      real: { type: 'boolean', default: false },
      engines: { type: 'string' },
      child: { type: 'string' },
      dataset: { type: 'string' },
      queries: { type: 'string' },
      rematch: { type: 'string', default: '0' },
      'timeout-min': { type: 'string', default: '45' },
    },
  });
  if (values.child) return child(values.child as NodeEngineName, values.dataset as string, values.queries as string);
  const dataset = values.real ? 'real' : String(Number(values.size ?? 100_000));
  const corpus = corpusFor(dataset);
  mkdirSync(workDir, { recursive: true });
  const queriesFile = path.join(workDir, `queries-${dataset}.json`);
  writeFileSync(queriesFile, JSON.stringify(queryMix(corpus), null, 2));
  const engines = (values.engines ?? defaultEngines(corpus.count).join(',')).split(',') as EngineName[];
  const results: Outcome[] = [];
  const probe = probeDocument();
  for (const engine of engines) {
    const speedBefore = speedProbe(5, probe);
    console.error(`search bench ${dataset}: ${engine}… (machine speed ${speedBefore.ms} ms: ${speedBefore.work})`);
    results.push({ ...(await runOne(engine, corpus, dataset, queriesFile, Number(values['timeout-min']))), speedBefore });
  }
  const pairs = Number(values.rematch);
  const rematch =
    pairs > 0
      ? headToHead(results, pairs, (engine) => {
          const speedBefore = speedProbe(5, probe);
          console.error(`search bench ${dataset}: ${engine} again… (machine speed ${speedBefore.ms} ms)`);
          return { ...spawnEngine(engine, dataset, queriesFile, Number(values['timeout-min'])), speedBefore };
        })
      : null;
  const name = dataset === 'real' ? 'real' : corpus.name;
  const out = path.join(repoRoot, `bench/results/search-${name}.json`);
  const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { results: Outcome[] }).results : [];
  const merged = ENGINES.map((e) => results.find((r) => r.engine === e) ?? earlier.find((r) => r.engine === e)).filter((r): r is Outcome => r !== undefined);
  const report = {
    dataset: name,
    documents: corpus.count,
    segments: corpus.shards.length,
    // What else loaded the machine is for the one who ran it to say (README); the load average at the end hints at it.
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) },
    measuredAt: new Date().toISOString(),
    queries: JSON.parse(readFileSync(queriesFile, 'utf8')) as MixQuery[],
    results: merged,
    // Only with --rematch, and only from this run.
    ...(rematch ? { headToHead: rematch } : {}),
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(table(merged));
  if (rematch) console.log(`\n${ratioLine(rematch)}`);
  console.log(`\nwritten to ${path.relative(repoRoot, out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
