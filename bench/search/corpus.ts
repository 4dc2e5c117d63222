/**
 * The documents the search benchmark and tests index, grouped as the feed groups them into shards:
 * the real blog built in memory by the feed CLI's own code, or synthetic blogs from bench/generate.ts.
 * Each article becomes a document through the store's own `toDoc`, so the benchmark indexes what the
 * app does; documents are made shard by shard so that 100,000 bodies are never all in memory at once.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { SHARD_SIZE } from '../../src/lib/feed/layout';
import { byNewest } from '../../src/lib/model/order';
import type { FeedArticle } from '../../src/lib/feed/folder';
import { toDoc } from '../../src/lib/store/segments';
import type { SearchDoc } from '../../src/lib/search/build';
import { generateBlog, readFeedFolder, unpackBody } from '../generate';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const realPostsDir = path.resolve(repoRoot, '../shared/data/martinuke0-blog/posts');

export interface Shard {
  key: string;
  /** Made on demand: each call builds the docs (and their bodies) afresh. */
  docs(): SearchDoc[];
}

export interface Corpus {
  name: string;
  source: string;
  count: number;
  shards: Shard[];
}

type Article = Omit<FeedArticle, 'body'>;

/** Shards as the feed writer cuts them: by UTC month, newest first, at most SHARD_SIZE each. */
export function shardArticles<T extends { article: Article }>(items: T[]): { key: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => byNewest(a.article, b.article));
  const months = new Map<string, T[]>();
  for (const item of sorted) {
    const month = item.article.date === null ? 'undated' : item.article.date.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push(item);
    months.set(month, list);
  }
  const out: { key: string; items: T[] }[] = [];
  for (const [month, list] of months) {
    for (let part = 0; part * SHARD_SIZE < list.length; part++) {
      out.push({ key: part === 0 ? month : `${month}-${part + 1}`, items: list.slice(part * SHARD_SIZE, (part + 1) * SHARD_SIZE) });
    }
  }
  return out;
}


export function hasRealBlog(): boolean {
  return existsSync(realPostsDir);
}

/** The real blog's feed folder, built once with the feed CLI (as `npm run feed -- build` does). */
export function realFeedDir(): string {
  const out = path.join(repoRoot, 'bench/.work/search/real-feed');
  if (existsSync(path.join(out, 'manifest.json'))) return out;
  execFileSync(
    'npx',
    ['tsx', 'cli/feed.ts', 'build', realPostsDir, '--out', out, '--base-url', 'https://martinuke0.github.io/', '--author', 'martinuke0'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SOURCE_DATE_EPOCH: '1775347200' } },
  );
  return out;
}

/** The real blog: the CLI's feed output, bodies as plain text. Docs are converted once and kept. */
export function realCorpus(): Corpus {
  const blog = readFeedFolder(realFeedDir());
  const docs = new Map(blog.entries.map((entry) => [entry.article.id, toDoc(entry.article, unpackBody(entry))]));
  const shards = shardArticles(blog.entries).map(({ key, items }) => ({
    key,
    docs: () => items.map(({ article }) => docs.get(article.id) as SearchDoc),
  }));
  return { name: 'real', source: 'martinuke0', count: blog.entries.length, shards };
}

/** A synthetic blog of `count` articles (deterministic: same count, same docs). */
export function syntheticCorpus(count: number): Corpus {
  const blog = generateBlog(count);
  const shards = shardArticles(blog.entries).map(({ key, items }) => ({
    key,
    docs: () => items.map((entry) => toDoc(entry.article, unpackBody(entry))),
  }));
  return { name: count >= 1000 ? `${count / 1000}k` : String(count), source: 'synthetic', count, shards };
}

/**
 * A corpus written once as one JSON file of plain-text docs per shard, read back shard by shard.
 * The benchmark's child processes use it: generating 100,000 articles takes minutes, and shards
 * read from files leave nothing behind once an engine has indexed them, so heap figures are clean.
 * Delete bench/.work/search/docs-<name> to rebuild it.
 */
export function cachedCorpus(name: string, make: () => Corpus, log: (line: string) => void = () => {}): Corpus {
  const dir = path.join(repoRoot, `bench/.work/search/docs-${name}`);
  if (!existsSync(path.join(dir, 'done.json'))) {
    const temp = `${dir}.partial`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    log(`writing the ${name} corpus into ${path.relative(repoRoot, dir)}`);
    const corpus = make();
    corpus.shards.forEach((shard, i) => writeFileSync(path.join(temp, `${String(i).padStart(4, '0')}.${shard.key}.json`), JSON.stringify(shard.docs())));
    writeFileSync(path.join(temp, 'done.json'), JSON.stringify({ name: corpus.name, source: corpus.source, count: corpus.count }));
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  }
  const info = JSON.parse(readFileSync(path.join(dir, 'done.json'), 'utf8')) as { name?: string; source?: string; count: number };
  const source = info.source ?? 'synthetic';
  const files = readdirSync(dir).filter((f) => f !== 'done.json').sort();
  const shards = files.map((f) => ({
    key: f.split('.').slice(1, -1).join('.'),
    docs: () => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SearchDoc[],
  }));
  return { name: info.name ?? (info.count >= 1000 ? `${info.count / 1000}k` : name), source, count: info.count, shards };
}

export function cachedSyntheticCorpus(count: number, log?: (line: string) => void): Corpus {
  return cachedCorpus(String(count), () => syntheticCorpus(count), log);
}

export function cachedRealCorpus(log?: (line: string) => void): Corpus {
  return cachedCorpus('real', realCorpus, log);
}
