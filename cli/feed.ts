/**
 * Folio feed builder: `npm run feed -- build <source> --out <dir> [options]` turns a Hugo content
 * folder of Markdown posts into a static feed folder (see src/lib/feed/format.ts).
 * Exit status: 0 when at least one article was built, 1 when none, 2 for usage errors.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { collectPosts } from './collectPosts';
import { parseBuildArgs, USAGE, UsageError, type BuildArgs } from './feedArgs';
import { layoutFeed, writeFeed } from './feedFiles';
import { readSiteConfig, type SiteConfig } from './siteConfig';

function generatedAt(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch.trim() === '') return new Date().toISOString();
  const seconds = Number(epoch);
  if (!Number.isInteger(seconds)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds, got "${epoch}"`);
  return new Date(seconds * 1000).toISOString();
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function validBaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    return parsed.href;
  } catch {
    throw new UsageError(`--base-url must be an absolute http(s) URL, got "${url}"`);
  }
}

export function run(argv: string[]): number {
  const started = performance.now();
  let args: BuildArgs;
  let stamp: string;
  try {
    args = parseBuildArgs(argv);
    if (!isDirectory(args.source)) throw new UsageError(`source folder not found: ${args.source}`);
    stamp = generatedAt();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`feed: ${error.message}\n${USAGE}`);
    return 2;
  }

  let config: SiteConfig | null;
  try {
    config = readSiteConfig(args.source);
  } catch (error) {
    console.error(`feed: cannot read the site config: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  const baseUrlArg = args.baseUrl ?? config?.baseUrl;
  if (baseUrlArg === undefined) {
    console.error(`feed: no base URL: pass --base-url or set baseURL in hugo.yaml\n${USAGE}`);
    return 2;
  }
  let baseUrl: string;
  try {
    baseUrl = validBaseUrl(baseUrlArg);
  } catch (error) {
    console.error(`feed: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const author = args.author ?? config?.author ?? null;
  const section = args.section ?? path.basename(path.resolve(args.source));

  const collected = collectPosts(args.source, args.source, { baseUrl, section, author }, (r) =>
    console.error(`${r.file}:${r.line}: ${r.message}`),
  );
  const summary = (articles: number, target: string) =>
    `${collected.read} posts read, ${articles} articles, ${collected.recovered} recovered, ` +
    `${collected.skipped} skipped, ${collected.drafts} drafts, ${collected.topics.length} topics, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s${target}`;
  if (collected.articles.length === 0) {
    console.error(`feed: no articles built; ${args.out} left unchanged (${summary(0, '')})`);
    return 1;
  }

  const feed = layoutFeed(collected.articles, {
    title: args.title ?? config?.title ?? path.basename(path.resolve(args.source)),
    description: args.description ?? config?.description ?? '',
    homepage: baseUrl,
    language: config?.language ?? 'en',
    author,
    generatedAt: stamp,
    topics: collected.topics,
  });
  try {
    writeFeed(args.out, feed);
  } catch (error) {
    console.error(`feed: cannot write ${args.out}: ${(error as Error).message}`);
    return 1;
  }
  console.log(`Built feed: ${summary(collected.articles.length, ` → ${args.out}`)}`);
  return 0;
}

// Run only when executed directly (tests import run()).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = run(process.argv.slice(2));
}
