/**
 * The on-disk cache of benchmark feeds: bench/.work/feeds/<name>-g<version>-<code hash>/ holds
 * `base`, `recent-1pct`, `scattered-1pct` and `dataset.json` (written last: a folder without it is
 * incomplete and is rebuilt). The key hashes the code whose output lands in the files.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDeltas } from '../cli/feedDeltas';
import { writeFeed, type FeedFiles } from '../cli/feedFiles';
import { writeFolderHead } from '../cli/feedHead';
import {
  changeBlog,
  DEFAULT_SEED,
  generateBlog,
  GENERATOR_VERSION,
  layoutBlog,
  readFeedFolder,
  SIZES,
  VARIANTS,
  type Blog,
  type Change,
  type VariantName,
} from './generate';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');
export const workDir = path.join(benchDir, '.work');
export const feedsDir = path.join(workDir, 'feeds');

/** The code whose output lands in the feed folders: any change to it makes a new cache entry. */
const GENERATOR_SOURCES = [
  'bench/generate.ts',
  'bench/bodies.ts',
  'bench/shape.ts',
  'bench/tags.ts',
  'bench/vocabulary.ts',
  'cli/feedFiles.ts',
  'cli/feedDeltas.ts',
  'cli/feedSearch.ts',
  'cli/feedHead.ts',
  'src/lib/model/head.ts',
  'src/lib/state/buildHead.ts',
  'src/lib/catalog/article.ts',
  'src/lib/search/build.ts',
  'src/lib/search/format.ts',
  'src/lib/search/bytes.ts',
  'src/lib/search/tokenize.ts',
  'src/lib/feed/folder.ts',
  'src/lib/feed/layout.ts',
  'src/lib/feed/shardColumns.ts',
  'src/lib/feed/normalize.ts',
  'src/lib/feed/dates.ts',
  'src/lib/feed/htmlText.ts',
  'src/lib/feed/text.ts',
  'src/lib/feed/hugo/fields.ts',
];

export function generatorKey(extra: string[] = []): string {
  const hash = createHash('sha256');
  for (const file of GENERATOR_SOURCES) hash.update(readFileSync(path.join(repoRoot, file)));
  for (const e of extra) hash.update(e);
  return `g${GENERATOR_VERSION}-${hash.digest('hex').slice(0, 10)}`;
}

export interface VariantInfo extends Change {
  shardsChanged: number;
  shardsTotal: number;
  changedShardBytes: number;
  articleCount: number;
}

export interface DatasetInfo {
  name: string;
  key: string;
  seed: number | null;
  articleCount: number;
  shards: number;
  shardBytes: number;
  bodiesWritten: number;
  bodyBytes: number;
  generatedInSeconds: number;
  variants: Record<VariantName, VariantInfo>;
  notes: string[];
}

export interface Dataset {
  dir: string;
  info: DatasetInfo;
  base: string;
  variant: Record<VariantName, string>;
}

function datasetOf(dir: string): Dataset | null {
  const file = path.join(dir, 'dataset.json');
  if (!existsSync(file)) return null;
  const info = JSON.parse(readFileSync(file, 'utf8')) as DatasetInfo;
  return { dir, info, base: path.join(dir, 'base'), variant: { 'recent-1pct': path.join(dir, 'recent-1pct'), 'scattered-1pct': path.join(dir, 'scattered-1pct') } };
}

/** Removes older cache entries of the same dataset, which a code change left behind. */
function dropStale(name: string, keep: string): void {
  if (!existsSync(feedsDir)) return;
  for (const entry of readdirSync(feedsDir)) {
    if (entry.startsWith(`${name}-`) && entry !== keep) rmSync(path.join(feedsDir, entry), { recursive: true, force: true });
  }
}

function shardStats(feed: FeedFiles): { bytes: number; bodies: number; bodyBytes: number } {
  let bytes = 0;
  let bodies = 0;
  let bodyBytes = 0;
  for (const [rel, buf] of feed.files) {
    if (rel.startsWith('index/')) bytes += buf.length;
    else {
      bodies++;
      bodyBytes += buf.length;
    }
  }
  return { bytes, bodies, bodyBytes };
}

/**
 * Writes a changed version with the CLI's writer. Files it shares with the base (same name, so the
 * same bytes: names carry the hash) are hard links to the base's copies instead of new writes.
 */
function writeVariant(dir: string, baseDir: string, feed: FeedFiles): void {
  const own = new Map([...feed.files].filter(([rel]) => !existsSync(path.join(baseDir, rel))));
  writeFeed(dir, { manifest: feed.manifest, files: own });
  for (const rel of feed.files.keys()) {
    if (own.has(rel)) continue;
    linkSync(path.join(baseDir, rel), path.join(dir, rel));
  }
}

function describeVariants(base: FeedFiles, blog: Blog, baseDir: string, dir: string, seed: number, log: (line: string) => void): Record<VariantName, VariantInfo> {
  const result = {} as Record<VariantName, VariantInfo>;
  const baseHashes = new Map(base.manifest.shards.map((s) => [s.key, s.hash]));
  for (const variant of VARIANTS) {
    const { blog: changed, change } = changeBlog(blog, variant, seed);
    // Rebuilt over the base as the CLI rebuilds over its previous output: with a delta from it.
    const feed = withDeltas(baseDir, layoutBlog(changed));
    const touched = feed.manifest.shards.filter((s) => baseHashes.get(s.key) !== s.hash);
    const changedShardBytes = touched.reduce((sum, s) => sum + (feed.files.get(s.href)?.length ?? 0), 0);
    writeVariant(path.join(dir, variant), baseDir, feed);
    writeFolderHead(path.join(dir, variant));
    log(`  ${variant}: ${change.description}; ${touched.length} of ${feed.manifest.shards.length} shards changed`);
    result[variant] = {
      ...change,
      shardsChanged: touched.length,
      shardsTotal: feed.manifest.shards.length,
      changedShardBytes,
      articleCount: feed.manifest.articleCount,
    };
  }
  return result;
}

/** A synthetic dataset of `count` articles, generated once and then read from the cache. */
export function ensureSynthetic(name: string, count: number, seed: number = DEFAULT_SEED, log: (line: string) => void = console.log): Dataset {
  const key = `${name}-${generatorKey([String(count), String(seed)])}`;
  const dir = path.join(feedsDir, key);
  const cached = datasetOf(dir);
  if (cached) return cached;
  dropStale(name, key);
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  log(`generating ${name}: ${count.toLocaleString('en')} articles (seed ${seed}) → ${path.relative(repoRoot, dir)}`);
  const blog = generateBlog(count, seed, (done) => log(`  ${done.toLocaleString('en')} articles…`));
  const base = layoutBlog(blog);
  const baseDir = path.join(dir, 'base');
  log('  writing the feed…');
  writeFeed(baseDir, base);
  // As the CLI's build does, last: the default list's first page, which the app paints before it loads.
  writeFolderHead(baseDir);
  const stats = shardStats(base);
  const variants = describeVariants(base, blog, baseDir, dir, seed, log);
  const info: DatasetInfo = {
    name,
    key,
    seed,
    articleCount: base.manifest.articleCount,
    shards: base.manifest.shards.length,
    shardBytes: stats.bytes,
    bodiesWritten: stats.bodies,
    bodyBytes: stats.bodyBytes,
    generatedInSeconds: Math.round((performance.now() - started) / 100) / 10,
    variants,
    notes: [],
  };
  writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(info, null, 2) + '\n');
  log(`generated ${name} in ${info.generatedInSeconds} s: ${info.shards} shards, ${info.bodiesWritten} bodies`);
  return { dir, info, base: baseDir, variant: { 'recent-1pct': path.join(dir, 'recent-1pct'), 'scattered-1pct': path.join(dir, 'scattered-1pct') } };
}

/** The model blog, built by the feed CLI itself, with the same two changed versions. */
export function ensureRealBlog(postsDir: string, build: (out: string) => void, log: (line: string) => void = console.log): Dataset {
  const listing = readdirSync(postsDir).sort().map((f) => `${f}:${statSync(path.join(postsDir, f)).size}`);
  const cliSources = readdirSync(path.join(repoRoot, 'cli')).map((f) => readFileSync(path.join(repoRoot, 'cli', f), 'utf8'));
  const key = `real-${generatorKey([...listing, ...cliSources])}`;
  const dir = path.join(feedsDir, key);
  const cached = datasetOf(dir);
  if (cached) return cached;
  dropStale('real', key);
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const baseDir = path.join(dir, 'base');
  log(`building the real blog's feed with the CLI → ${path.relative(repoRoot, baseDir)}`);
  build(baseDir);
  const blog = readFeedFolder(baseDir);
  const base = layoutBlog(blog);
  const stats = shardStats(base);
  const variants = describeVariants(base, blog, baseDir, dir, DEFAULT_SEED, log);
  const info: DatasetInfo = {
    name: 'real',
    key,
    seed: null,
    articleCount: base.manifest.articleCount,
    shards: base.manifest.shards.length,
    shardBytes: stats.bytes,
    bodiesWritten: stats.bodies,
    bodyBytes: stats.bodyBytes,
    generatedInSeconds: Math.round((performance.now() - started) / 100) / 10,
    variants,
    notes: ['base built by `npx tsx cli/feed.ts build`; changed versions re-laid out from it with the same writer'],
  };
  writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(info, null, 2) + '\n');
  return datasetOf(dir) as Dataset;
}

export function parseSizes(list: string): { name: string; count: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => {
      const count = SIZES[name];
      if (count === undefined) throw new Error(`unknown size "${name}": use ${Object.keys(SIZES).join(', ')}`);
      return { name, count };
    });
}
