/**
 * Bytes per article of a feed folder's shards, raw and gzipped, with each field's share of the raw
 * bytes, and the time to read a shard in Node (JSON.parse plus the app's own validation), for the
 * real blog (built by the CLI) and synthetic feeds.
 *
 *   npx tsx bench/shardBytes.ts [--sizes 1k] [--real ../shared/data/martinuke0-blog/posts] [--folder <feed dir>]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { FeedShardRef } from '../src/lib/feed/folder';
import { parseManifest } from '../src/lib/feed/validate';
import { readShard } from '../src/lib/feed/shard';
import { ensureSynthetic, parseSizes, repoRoot, workDir } from './datasets';

interface Measured {
  articles: number;
  shards: number;
  raw: number;
  gzip: number;
  /** Field or column name → raw bytes of its key and values. */
  fields: Map<string, number>;
  /** Median time to read one shard, and per article, in microseconds. */
  readPerShard: number;
  readPerArticle: number;
}

type Obj = Record<string, unknown>;

/** `"name":value,` as it stands in the file, for each field of each record. */
function addFields(fields: Map<string, number>, record: Obj): void {
  for (const [name, value] of Object.entries(record)) {
    const bytes = Buffer.byteLength(`"${name}":${JSON.stringify(value)},`);
    fields.set(name, (fields.get(name) ?? 0) + bytes);
  }
}

function fieldBytes(fields: Map<string, number>, json: Obj): void {
  if (Array.isArray(json.articles)) for (const a of json.articles as Obj[]) addFields(fields, a);
  if (typeof json.columns === 'object' && json.columns !== null) addFields(fields, json.columns as Obj);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Microseconds to parse and read each shard: the median of `rounds` runs over every shard. */
function readTimes(texts: { ref: FeedShardRef; text: string }[], rounds: number): number[] {
  const perShard: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const { ref, text } of texts) readShard(JSON.parse(text), ref);
    perShard.push(((performance.now() - started) * 1000) / texts.length);
  }
  return perShard;
}

export function measureFolder(dir: string, rounds = 15): Measured {
  const manifest = parseManifest(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const fields = new Map<string, number>();
  let raw = 0;
  let gzip = 0;
  const texts = manifest.shards.map((ref) => {
    const bytes = readFileSync(path.join(dir, ref.href));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    const text = bytes.toString('utf8');
    fieldBytes(fields, JSON.parse(text) as Obj);
    return { ref, text };
  });
  readTimes(texts, 3); // warm-up: the first rounds compile the code
  const perShard = median(readTimes(texts, rounds));
  const articles = manifest.articleCount;
  return { articles, shards: texts.length, raw, gzip, fields, readPerShard: perShard, readPerArticle: (perShard * texts.length) / articles };
}

export function report(name: string, m: Measured): string[] {
  const per = (n: number) => (n / m.articles).toFixed(0);
  const lines = [
    `${name}: ${m.articles.toLocaleString('en')} articles in ${m.shards} shards`,
    `  shards raw ${m.raw.toLocaleString('en')} bytes (${per(m.raw)} per article), gzip ${m.gzip.toLocaleString('en')} (${per(m.gzip)} per article, ${(m.raw / m.gzip).toFixed(1)}×)`,
    `  read (JSON.parse + validation): ${(m.readPerShard / 1000).toFixed(2)} ms per shard, ${m.readPerArticle.toFixed(1)} µs per article`,
    '  share of the raw bytes:',
  ];
  const counted = [...m.fields.values()].reduce((a, b) => a + b, 0);
  const rows = [...m.fields].sort((a, b) => b[1] - a[1]);
  rows.push(['(structure)', m.raw - counted]);
  for (const [field, bytes] of rows) {
    lines.push(`    ${field.padEnd(18)} ${((100 * bytes) / m.raw).toFixed(1).padStart(5)} %  ${per(bytes).padStart(5)} bytes/article`);
  }
  return lines;
}

function buildReal(posts: string): string {
  const out = path.join(workDir, 'shard-bytes', 'real');
  rmSync(out, { recursive: true, force: true });
  // As bench/run.ts builds it; a fixed build time keeps the files identical from run to run.
  execFileSync(
    'npx',
    ['tsx', 'cli/feed.ts', 'build', posts, '--out', out, '--base-url', 'https://martinuke0.github.io/', '--author', 'martinuke0', '--title', "martinuke0's Blog"],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SOURCE_DATE_EPOCH: '1775347200' } },
  );
  return out;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { sizes: { type: 'string', default: '1k' }, real: { type: 'string' }, folder: { type: 'string', multiple: true } },
});
const real = values.real ?? path.resolve(repoRoot, '../shared/data/martinuke0-blog/posts');
const folders: [string, string][] = (values.folder ?? []).map((dir) => [dir, dir]);
if (existsSync(real)) folders.push(['real', buildReal(real)]);
for (const { name, count } of parseSizes(values.sizes ?? '1k')) folders.push([name, ensureSynthetic(name, count, undefined, () => {}).base]);
for (const [name, dir] of folders) console.log(report(name, measureFolder(dir)).join('\n'));
