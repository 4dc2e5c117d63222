/**
 * Builds a feed folder from a Hugo posts folder with bounded memory, on every core, reusing the last
 * build: posts are read and rendered in file order on a worker pool, each body written as it comes;
 * only metadata stays in memory. Months whose posts are unchanged keep their shard and search files.
 *
 * buildFolderFeed is the whole flow, step by step.
 */
import path from 'node:path';
import type { FeedManifest } from '../src/lib/feed/folder';
import { FEED_FORMAT, MANIFEST_VERSION } from '../src/lib/feed/folder';
import type { SiteInfo } from '../src/lib/feed/hugo/post';
import { CACHE_VERSION, encodeCache, fingerprint, writeCache } from './buildCache';
import { defaultWorkers, inlineRunner, workerPool, type TaskRunner } from './buildPool';
import { sha16, type HeadFile } from './buildTasks';
import { placeHeadFile } from './feedHead';
import { listPosts, type Report } from './collectPosts';
import { deltaStep, shardFilesIn } from './feedDeltas';
import type { ManifestInfo } from './feedFiles';
import { inPlaceWriter, manifestBytes, stagedWriter } from './feedWriter';
import { openPrevious, readPosts, statPost, trustedStat, type Collected } from './folderPosts';
import { touchedMonths, writeShards, type Shards } from './folderShards';
import { StaleOutput } from './monthTask';
import { TermSpill } from './termSpill';

export interface FolderBuildOptions {
  /** The Hugo posts folder, and how reports name it. */
  source: string;
  display: string;
  out: string;
  site: SiteInfo;
  /** The manifest's fields besides its topics, counts and shards. */
  header: Omit<ManifestInfo, 'topics' | 'generatedAt'>;
  generatedAt: string;
  report: (r: Report) => void;
  /** Worker threads; 0 renders on this thread. Default: one per core, or none for a few posts. */
  workers?: number;
  /** Ignore the last build's cache. */
  fresh?: boolean;
}

export interface FolderBuild {
  counts: Collected['counts'];
  topics: number;
  /** Posts rendered this time, and posts taken from the last build unchanged. */
  rendered: number;
  reused: number;
  /** Months whose shards were written, of all months. */
  monthsWritten: number;
  months: number;
  /** Articles of the months written, and how many were tokenised, not taken from the last build's segments. */
  indexed: Shards['indexed'];
  manifest: FeedManifest;
  /** The manifest the folder held before, when this build reused it. */
  previous: FeedManifest | null;
  /** The process's largest resident set the pool saw, in bytes (0 when it ran inline). */
  peakRss: number;
  /** The summary's line for the folder's head.json. */
  head: string;
}

/** The folder was built but its head.json could not be written. */
export class HeadNotWritten extends Error {}

/** No post gave an article: nothing was written. */
export class NoArticles extends Error {
  constructor(readonly counts: Collected['counts']) {
    super('no articles built');
  }
}

/** Below this many posts to render, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 200;

export async function buildFolderFeed(opts: FolderBuildOptions): Promise<FolderBuild> {
  let told = 0;
  try {
    return await buildOnce({ ...opts, report: (r) => void (told++, opts.report(r)) });
  } catch (error) {
    if (!(error instanceof StaleOutput) || opts.fresh) throw error;
    // An output folder changed by hand since the last build: build it whole. Every post was read and
    // reported before the shards found it out, so the reports that come again are not repeated.
    return buildOnce({ ...opts, fresh: true, report: (r) => (told > 0 ? void told-- : opts.report(r)) });
  }
}

async function buildOnce(opts: FolderBuildOptions): Promise<FolderBuild> {
  const startedAt = Date.now();
  const print = fingerprint(opts.site, opts.header.author);
  // 1. The last build, when the folder holds one this build may reuse.
  const previous = opts.fresh ? null : openPrevious(opts.out, print);
  // 2. The posts and what their stat says.
  const files = listPosts(opts.source).map((rel) => ({ rel, stat: statPost(path.join(opts.source, rel)) }));
  const toRender = files.filter((f) => !trustedStat(previous, f.rel, f.stat)).length;
  const writer = previous ? inPlaceWriter(opts.out) : stagedWriter(opts.out);
  let runner: TaskRunner | null = null;
  const spill = new TermSpill();
  try {
    // Workers only for a build with many posts to render: starting them cost a one-post rebuild of the real blog 0.9 s.
    runner = pickRunner(opts.workers, toRender);
    // 3. Every post in file order: rendered (bodies written) or taken from the cache.
    const posts = await readPosts({ ...opts, files, previous, runner, writer, spill });
    if (posts.kept === 0) throw new NoArticles(posts.counts);
    // 4. Month shards and their search segments: rewritten where a post changed, else kept.
    const touched = touchedMonths(posts, previous);
    const shards = await writeShards(posts, previous, touched, { runner, writer, spill, defaultAuthor: opts.header.author });
    const topics = posts.tally.topics();
    const manifest: FeedManifest = {
      format: FEED_FORMAT,
      version: MANIFEST_VERSION,
      ...opts.header,
      topics,
      generatedAt: opts.generatedAt,
      articleCount: posts.kept,
      shards: shards.refs,
    };
    // 5. The folder's head.json, on a worker from the shards as written, while this thread logs the
    // change, commits and writes the cache. A staged folder moves at its commit, so it waits for the head.
    const head = runner.run({ type: 'head', manifest, root: writer.root });
    head.catch(() => {});
    // 6. The change log from the folder's last build: its revision, and a delta readers fetch instead of shards.
    const logged = deltaStep(opts.out, manifest, shardFilesIn(writer.root), shards.changes);
    for (const [rel, bytes] of logged.files) {
      writer.put(rel, bytes);
      shards.named.add(rel);
    }
    // 7. The cache for the next build, made while the head is (its 100k records take seconds to encode).
    const cache = encodeCache({ version: CACHE_VERSION, fingerprint: print, startedAt, manifestHash: sha16(Buffer.from(manifestBytes(logged.manifest))), shardMonths: shards.months, posts: posts.records });
    if (!writer.inPlace) await head.catch(() => null);
    // 8. The new manifest goes live; files no manifest names any more go. Then the cache and the head.
    writer.commit(logged.manifest, shards.named);
    writeCache(opts.out, cache);
    const headLine = await placeHead(opts.out, head);
    return {
      counts: posts.counts,
      topics: topics.length,
      rendered: posts.rendered,
      reused: posts.records.length - posts.rendered,
      monthsWritten: shards.written,
      months: new Set(shards.months).size,
      indexed: shards.indexed,
      manifest: logged.manifest,
      previous: previous?.manifest ?? null,
      peakRss: runner.peakRss(),
      head: headLine,
    };
  } finally {
    writer.dispose();
    spill.dispose();
    await runner?.close();
  }
}

async function placeHead(out: string, head: Promise<HeadFile>): Promise<string> {
  try {
    return placeHeadFile(out, await head);
  } catch (error) {
    throw new HeadNotWritten(error instanceof Error ? error.message : String(error));
  }
}

function pickRunner(workers: number | undefined, tasks: number): TaskRunner {
  const size = workers ?? (tasks < POOL_THRESHOLD ? 0 : defaultWorkers());
  return size === 0 ? inlineRunner() : workerPool(size);
}
