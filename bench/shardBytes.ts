/**
 * Bytes per article of a feed folder's shards, raw and gzipped, with each field's share of the raw
 * bytes, and the time to read a shard in Node (JSON.parse plus the app's own validation), for the
 * real blog (built by the CLI) and synthetic feeds. Each folder's articles are written as both shard
 * versions, full records (1) and columns (2), so the two are compared on the same articles.
 *
 *   npx tsx bench/shardBytes.ts [--sizes 1k] [--rounds 31] [--real ../shared/data/martinuke0-blog/posts] [--folder <feed dir>]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { shardFile, type ShardFileVersion } from '../cli/feedFiles';
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
  /** Median time to JSON.parse one shard; to parse and read it (validation, expansion); per article: in microseconds. */
  parsePerShard: number;
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

/** Microseconds per shard for one pass over every shard: JSON.parse, and with `validate` the app's reader too. */
function timePass(texts: Shard[], validate: boolean): number {
  const started = performance.now();
  for (const { ref, text } of texts) {
    const json: unknown = JSON.parse(text);
    if (validate) readShard(json, ref);
  }
  return ((performance.now() - started) * 1000) / texts.length;
}

/**
 * Median parse and read times of each set of shards. The sets take turns, in an order that changes
 * every round, so load from elsewhere on the machine falls on all of them alike.
 */
function timeSets(sets: Shard[][], rounds: number): { parse: number; read: number }[] {
  const times = sets.map(() => ({ parse: [] as number[], read: [] as number[] }));
  for (let round = -3; round < rounds; round++) {
    const order = round % 2 === 0 ? sets.map((_, i) => i) : sets.map((_, i) => sets.length - 1 - i);
    for (const i of order) {
      const parse = timePass(sets[i] as Shard[], false);
      const read = timePass(sets[i] as Shard[], true);
      // The first rounds only warm the code up.
      if (round < 0) continue;
      times[i]?.parse.push(parse);
      times[i]?.read.push(read);
    }
  }
  return times.map((t) => ({ parse: median(t.parse), read: median(t.read) }));
}

interface Shard {
  ref: FeedShardRef;
  text: string;
  bytes: Buffer;
}

/** A folder's shards, read by the app's reader and written again in `version`, as the builder writes them. */
export function shardsAs(dir: string, version: ShardFileVersion): { articles: number; shards: Shard[] } {
  const manifest = parseManifest(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const shards = manifest.shards.map((ref) => {
    const { articles } = readShard(JSON.parse(readFileSync(path.join(dir, ref.href), 'utf8')), ref);
    const bytes = shardFile(ref.key, articles, version);
    return { ref, bytes, text: bytes.toString('utf8') };
  });
  return { articles: manifest.articleCount, shards };
}

export function measureShards({ articles, shards }: { articles: number; shards: Shard[] }, time: { parse: number; read: number }): Measured {
  const fields = new Map<string, number>();
  let raw = 0;
  let gzip = 0;
  for (const { bytes, text } of shards) {
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    fieldBytes(fields, JSON.parse(text) as Obj);
  }
  const perArticle = (time.read * shards.length) / articles;
  return { articles, shards: shards.length, raw, gzip, fields, parsePerShard: time.parse, readPerShard: time.read, readPerArticle: perArticle };
}

export function report(name: string, m: Measured): string[] {
  const per = (n: number) => (n / m.articles).toFixed(0);
  const lines = [
    `${name}: ${m.articles.toLocaleString('en')} articles in ${m.shards} shards`,
    `  shards raw ${m.raw.toLocaleString('en')} bytes (${per(m.raw)} per article), gzip ${m.gzip.toLocaleString('en')} (${per(m.gzip)} per article, ${(m.raw / m.gzip).toFixed(1)}×)`,
    `  read: JSON.parse ${(m.parsePerShard / 1000).toFixed(2)} ms per shard; with the app's validation ${(m.readPerShard / 1000).toFixed(2)} ms per shard, ${m.readPerArticle.toFixed(1)} µs per article`,
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
  options: { sizes: { type: 'string', default: '1k' }, rounds: { type: 'string', default: '31' }, real: { type: 'string' }, folder: { type: 'string', multiple: true } },
});
const real = values.real ?? path.resolve(repoRoot, '../shared/data/martinuke0-blog/posts');
const folders: [string, string][] = (values.folder ?? []).map((dir) => [dir, dir]);
if (existsSync(real)) folders.push(['real', buildReal(real)]);
for (const { name, count } of parseSizes(values.sizes ?? '1k')) folders.push([name, ensureSynthetic(name, count, undefined, () => {}).base]);
const VERSIONS = [1, 2] as const;
for (const [name, dir] of folders) {
  const sets = VERSIONS.map((version) => shardsAs(dir, version));
  // Both versions must read to the same articles, or their bytes compare nothing.
  const [full, columns] = sets.map((set) => JSON.stringify(set.shards.map(({ ref, text }) => readShard(JSON.parse(text), ref).articles)));
  if (full !== columns) throw new Error(`${name}: the two shard versions read to different articles`);
  const times = timeSets(sets.map((set) => set.shards), Number(values.rounds));
  VERSIONS.forEach((version, i) => {
    const label = `${name}, shard version ${version} (${version === 1 ? 'full records' : 'columns'})`;
    console.log(report(label, measureShards(sets[i]!, times[i]!)).join('\n'));
  });
}
