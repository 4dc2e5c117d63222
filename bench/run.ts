/**
 * `npm run bench [-- --quick] [--sizes 1k,10k,100k,real] [--samples N] [--budget S] [--port P] [--no-build] [--markdown]
 *                 [--no-builder] [--builder-only] [--no-search | --search-only]`
 *
 * Search as a reader feels it (bench/typing.ts) runs last on each dataset: `--no-search` skips it,
 * `--search-only` runs only it (after one sync) and the indexing cost.
 * Builds the app, serves it on each dataset's feed with `vite preview`, drives the system Chromium and
 * prints, per dataset, the median and p95 of every metric against its target. Results, with every
 * sample and the machine they were taken on, go to bench/results/<date>-<dataset>.json.
 *
 * Each synthetic size also runs the feed builder step (bench/builder.ts): a Hugo folder of that many
 * posts built whole, rebuilt after 1% change, and built by Hugo, to bench/results/<date>-builder-<size>.json.
 * `--no-builder` skips it; `--builder-only` runs only it (no app build, no browser).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { measureBundle } from './bundle';
import { benchDir, ensureRealBlog, ensureSynthetic, repoRoot, workDir, type Dataset } from './datasets';
import { planInteractions, readFacts } from './expected';
import { SIZES } from './generate';
import { coldStarts, firstSync, floorBaseline, interactions, rawBaseline, resync, syncedSession, type Group, type MeasureOptions, type Target } from './measure';
import { gitRevision, machine, rows, table, verdict, type Groups } from './report';
import { probeDocument, speedProbe, type SpeedProbe } from './speed';
import { buildIsCurrent } from './build';
import { benchBuilder, BUILDER_TARGETS, builderTable } from './builder';
import { buildApp, distDir, prepareServed, serve, warmGzip, type Server } from './serve';
import { indexingCost, searchTyping, typingRows, type SearchTyping } from './typing';

const realPosts = path.resolve(repoRoot, '../shared/data/martinuke0-blog/posts');
const resultsDir = path.join(benchDir, 'results');

interface Options {
  sizes: string[];
  samples: number;
  budgetSeconds: number;
  port: number;
  build: boolean;
  quick: boolean;
  markdown: boolean;
  builder: boolean;
  builderOnly: boolean;
  /** 'skip' with --no-search, 'only' with --search-only. */
  search: 'with' | 'skip' | 'only';
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      samples: { type: 'string', default: '20' },
      budget: { type: 'string', default: '600' },
      port: { type: 'string', default: '4373' },
      'no-build': { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      'no-builder': { type: 'boolean', default: false },
      'builder-only': { type: 'boolean', default: false },
      'no-search': { type: 'boolean', default: false },
      'search-only': { type: 'boolean', default: false },
    },
  });
  if (values['no-search'] && values['search-only']) throw new Error('--no-search and --search-only exclude each other');
  const whole = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${text}"`);
    return n;
  };
  const defaultSizes = [...Object.keys(SIZES), ...(existsSync(realPosts) ? ['real'] : [])];
  const sizes = values.quick ? ['1k'] : (values.sizes?.split(',').map((s) => s.trim()).filter(Boolean) ?? defaultSizes);
  for (const s of sizes) {
    if (s !== 'real' && SIZES[s] === undefined) throw new Error(`unknown size "${s}": use ${[...Object.keys(SIZES), 'real'].join(', ')}`);
    if (s === 'real' && !existsSync(realPosts)) throw new Error(`the real blog is not at ${realPosts}`);
  }
  return {
    sizes,
    samples: whole('samples', values.samples, 1),
    budgetSeconds: whole('budget', values.budget, 1),
    port: whole('port', values.port, 1),
    build: !values['no-build'],
    quick: values.quick,
    markdown: values.markdown,
    builder: !values['no-builder'],
    builderOnly: values['builder-only'],
    search: values['no-search'] ? 'skip' : values['search-only'] ? 'only' : 'with',
  };
}

function dataset(name: string, log: (line: string) => void): Dataset {
  if (name !== 'real') return ensureSynthetic(name, SIZES[name] as number, undefined, log);
  return ensureRealBlog(
    realPosts,
    (out) => {
      // The CLI itself, as prepareRealBlog.ts runs it; a fixed build time keeps the files identical.
      execFileSync(
        'npx',
        ['tsx', 'cli/feed.ts', 'build', realPosts, '--out', out, '--base-url', 'https://martinuke0.github.io/', '--author', 'martinuke0', '--title', "martinuke0's Blog"],
        { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SOURCE_DATE_EPOCH: '1775347200' } },
      );
    },
    log,
  );
}

interface DatasetRun {
  ds: Dataset;
  groups: Groups;
  search: SearchTyping | null;
  /** Metric group → what went wrong; the other groups still ran. */
  errors: Record<string, string>;
}

async function chromiumVersion(): Promise<string> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-quic'] });
  const version = browser.version();
  await browser.close();
  return version;
}

async function benchOne(name: string, opts: Options, log: (line: string) => void): Promise<DatasetRun> {
  const ds = dataset(name, log);
  const facts = readFacts(ds.base);
  const plan = planInteractions(facts);
  const served = prepareServed(name, ds.base);
  const server = await serve(served, opts.port);
  await expectOwnServer(server, served);
  await warmGzip(server, served, [ds.base, ...Object.values(ds.variant)]);
  const target: Target = {
    url: server.url,
    served,
    baseFeed: ds.base,
    variants: Object.fromEntries(Object.entries(ds.variant).map(([v, dir]) => [v, { dir, articleCount: ds.info.variants[v as keyof typeof ds.info.variants].articleCount }])),
    facts,
    plan,
  };
  const measure: MeasureOptions = {
    samples: opts.samples,
    budgetMs: opts.budgetSeconds * 1000,
    minSamples: Math.min(3, opts.samples),
    stepTimeoutMs: Math.max(60_000, ds.info.articleCount * 20),
    log,
  };
  log(`${name}: ${ds.info.articleCount.toLocaleString('en')} articles in ${ds.info.shards} shards, served at ${server.url}`);
  const groups: Groups = {};
  const errors: Record<string, string> = {};
  // A failed metric is reported and the others still run: a long 100k run keeps what it measured.
  const attempt = async (label: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      errors[label] = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
      log(`  ${label}: FAILED: ${errors[label]}`);
    }
  };
  let search: SearchTyping | null = null;
  const typing = async (page: Page) =>
    attempt('search typing', async () => {
      const typed = await searchTyping(page, ds.base, measure);
      search = { ...typed, indexing: null };
    });
  try {
    if (opts.search !== 'only') {
      await attempt('first sync', async () => void (groups.firstSync = await firstSync(target, measure)));
      await attempt('physical floor', async () => void (groups.floor = await floorBaseline(target, measure)));
      await attempt('raw baseline', async () => void (groups.baseline = await rawBaseline(target, measure)));
    }
    await attempt('stored-data measurements', async () => {
      const { context, page, close } = await syncedSession(target, measure);
      try {
        if (opts.search !== 'only') {
          for (const variant of Object.keys(ds.variant)) {
            await attempt(`re-sync ${variant}`, async () => void (groups[`resync.${variant}`] = await resync(page, target, variant, measure)));
          }
          await attempt('cold starts', async () => {
            const cold = await coldStarts(context, page, measure);
            groups.coldOnline = cold.online;
            groups.coldOffline = cold.offline;
          });
          await attempt('interactions', () => interactions(page, target, measure, (metric, group) => (groups[metric] = group)));
        }
        if (opts.search !== 'skip') await typing(page);
      } finally {
        await close();
      }
    });
    if (opts.search !== 'skip') {
      // Pairs of first syncs: fewer at 100k, where one takes minutes.
      const pairs = Math.max(1, Math.min(opts.samples, ds.info.articleCount >= 50_000 ? 2 : 5));
      await attempt('search indexing cost', async () => {
        const indexing = await indexingCost(target, workDir, measure, pairs);
        if (search) search.indexing = indexing;
        else groups.searchIndexing = indexing;
      });
    }
  } finally {
    await server.stop();
  }
  return { ds, groups, search, errors };
}

/** The feed served must be this dataset's: another server that took the port would be measured instead. */
async function expectOwnServer(server: Server, served: string): Promise<void> {
  const onDisk = readFileSync(path.join(served, 'feed', 'manifest.json'), 'utf8');
  const answered = await (await fetch(`${server.url}/feed/manifest.json`, { cache: 'no-store' })).text();
  if (answered !== onDisk) {
    await server.stop();
    throw new Error(`another server answers at ${server.url}: pass another --port`);
  }
}

/** The feed builder beside Hugo, for each synthetic size (the real blog has no Hugo site here). */
function runBuilderSteps(opts: Options, log: (line: string) => void): void {
  mkdirSync(resultsDir, { recursive: true });
  for (const name of opts.sizes.filter((s) => s !== 'real')) {
    const result = benchBuilder(name, SIZES[name] as number, log);
    log(builderTable(name, result));
    const file = path.join(resultsDir, `${today()}-builder-${name}.json`);
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), app: gitRevision(repoRoot), targets: BUILDER_TARGETS, ...result }, null, 2) + '\n');
    log(`wrote ${path.relative(repoRoot, file)}`);
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const started = performance.now();
  const log = (line: string) => console.log(line);
  let failed = false;
  try {
    if ((opts.builder && opts.search !== 'only') || opts.builderOnly) runBuilderSteps(opts, log);
    if (opts.builderOnly) return;
    // --quick reuses a build that is newer than its sources (CI has just built it for the e2e tests).
    const current = buildIsCurrent();
    if (!existsSync(path.join(distDir, 'index.html')) || (opts.build && !(opts.quick && current))) buildApp(log);
    else if (!current) log('note: dist/ is older than the sources; run without --no-build to measure the current app');
    // The revision measured is the one built now: sources may change while a long run goes on.
    const revision = gitRevision(repoRoot);
    const bundle = measureBundle(distDir, process.env.FOLIO_BASE ?? '/');
    const host = machine(await chromiumVersion());
    mkdirSync(resultsDir, { recursive: true });
    const probeText = probeDocument();
    const probe = (when: string): SpeedProbe => {
      const speed = speedProbe(5, probeText);
      log(`machine speed ${when}: ${speed.ms} ms (${speed.work})`);
      return speed;
    };
    for (const name of opts.sizes) {
      const speedAtStart = probe(`before ${name}`);
      const { groups, ds, errors, search } = await benchOne(name, opts, log);
      const speedAtEnd = probe(`after ${name}`);
      const list = [...rows(groups, bundle), ...(search ? typingRows(search, 100) : [])];
      const title = `\n${name} (${ds.info.articleCount.toLocaleString('en')} articles, ${opts.samples} samples a metric, pass = median within target)`;
      log(table(title, list, false));
      if (opts.markdown) log(`\n${table(title, list, true)}`);
      for (const [label, message] of Object.entries(errors)) log(`  ! ${label} failed: ${message}`);
      if (Object.keys(errors).length > 0) failed = true;
      const file = path.join(resultsDir, `${today()}-${name}${opts.quick ? '-quick' : ''}${opts.search === 'only' ? '-search' : ''}.json`);
      const result = {
        date: new Date().toISOString(),
        dataset: { ...ds.info, variantsServed: Object.keys(ds.variant) },
        machine: { ...host, loadAverage: machine(host.chromium).loadAverage, speed: { start: speedAtStart, end: speedAtEnd } },
        app: revision,
        options: { samples: opts.samples, budgetSeconds: opts.budgetSeconds, quick: opts.quick },
        bundle,
        table: list.map((r) => ({ ...r, result: verdict(r) })),
        errors,
        groups: groups as Record<string, Group>,
        search,
      };
      writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
      log(`wrote ${path.relative(repoRoot, file)}`);
    }
  } catch (error) {
    failed = true;
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  log(`\nbench finished in ${Math.round((performance.now() - started) / 1000)} s`);
  if (failed) process.exitCode = 1;
}

void main();
