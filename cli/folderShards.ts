/** The builder's month shards and search segments: rewritten for the months a change touched, else kept. */
import path from 'node:path';
import { MANIFEST_VERSION, type FeedShardRef } from '../src/lib/feed/folder';
import { isKept } from './buildCache';
import type { TaskRunner } from './buildPool';
import { BuildChanges } from './buildChanges';
import type { KnownChanges } from './feedDeltas';
import { segmentRef } from './feedSearch';
import type { FeedWriter } from './feedWriter';
import type { Collected, Previous } from './folderPosts';
import type { MonthPost, MonthShard, MonthTask } from './monthTask';
import type { TermSpill } from './termSpill';

/** Months whose shards must be written: each one a post entered or left, or whose files are gone. */
export function touchedMonths(posts: Collected, previous: Previous | null): Set<string> {
  const touched = new Set<string>();
  const seen = new Set<string>();
  for (const record of posts.records) {
    seen.add(record.rel);
    const before = previous?.byRel.get(record.rel);
    const rendered = posts.fresh.has(record.rel) || before === undefined || before.hash !== record.hash;
    const wasKept = before !== undefined && isKept(before);
    if (!rendered && wasKept === isKept(record)) continue;
    if (wasKept) touched.add(before.month as string);
    if (isKept(record)) touched.add(record.month as string);
  }
  for (const before of previous?.cache.posts ?? []) {
    if (!seen.has(before.rel) && isKept(before)) touched.add(before.month as string);
  }
  return touched;
}

export interface ShardContext {
  runner: TaskRunner;
  writer: FeedWriter;
  spill: TermSpill;
  defaultAuthor: string | null;
}

export interface Shards {
  refs: FeedShardRef[];
  /** The month of each ref. */
  months: string[];
  /** Every file the new manifest and its shards name. */
  named: Set<string>;
  /** Months written this time. */
  written: number;
  /**
   * Articles in the months written, how many of them were tokenised rather than taken from the last
   * build's segments, and the shards whose segment was the last one patched.
   */
  indexed: { articles: number; tokenized: number; patched: number };
  /** What changed since the last build, for its delta; null without a last build. */
  changes: KnownChanges | null;
}

/** Newest month first, "undated" last: the order the newest-first articles give them in. */
function monthOrder(a: string, b: string): number {
  if (a === 'undated' || b === 'undated') return a === b ? 0 : a === 'undated' ? 1 : -1;
  return a < b ? 1 : a > b ? -1 : 0;
}

export async function writeShards(posts: Collected, previous: Previous | null, touched: Set<string>, ctx: ShardContext): Promise<Shards> {
  const byMonth = new Map<string, string[]>();
  const named = new Set<string>();
  for (const r of posts.records) {
    if (!isKept(r)) continue;
    const month = r.month as string;
    const list = byMonth.get(month);
    if (list) list.push(r.rel);
    else byMonth.set(month, [r.rel]);
    if (r.body) named.add(r.body);
  }
  const oldRefs = previousRefs(previous);
  const months = [...byMonth.keys()].sort(monthOrder);
  let written = 0;
  const indexed = { articles: 0, tokenized: 0, patched: 0 };
  const changes = previous ? new BuildChanges(previous) : null;
  // A few months at a time: each holds its articles' shard and segment bytes until they are written.
  const limit = limiter(MONTHS_AT_ONCE);
  const groups = await Promise.all(
    months.map((month) => limit(async () => {
      const kept = oldRefs.get(month);
      // A folder of an older version has its shards rewritten in this one's format.
      const current = previous?.manifest.version === MANIFEST_VERSION;
      if (!touched.has(month) && kept && current && kept.every((ref) => filesOf(ref).every((f) => previous?.files.has(f)))) return kept;
      written++;
      const shards = await ctx.runner.run(monthTask(month, byMonth.get(month) as string[], kept ?? [], { posts, previous, changes, ctx }));
      return shards.map((shard) => {
        changes?.shard(shard.key, shard.changed, shard.changedDocs);
        indexed.articles += shard.count;
        indexed.tokenized += shard.tokenized;
        if (shard.patched) indexed.patched++;
        return writeShard(shard, ctx.writer);
      });
    })),
  );
  const refs: FeedShardRef[] = [];
  const refMonths: string[] = [];
  groups.forEach((group, i) => {
    for (const ref of group) {
      refs.push(ref);
      refMonths.push(months[i] as string);
      for (const f of filesOf(ref)) named.add(f);
    }
  });
  return { refs, months: refMonths, named, written, indexed, changes: changes?.known(refs.map((ref) => ref.key), posts.records) ?? null };
}

/** Months indexed at once: enough to keep every worker busy. */
const MONTHS_AT_ONCE = 4;

/** Runs at most `n` of the functions it is given at once. */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    while (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function filesOf(ref: FeedShardRef): string[] {
  return [ref.href, ...(ref.search ? [ref.search.meta.href, ...(ref.search.body ? [ref.search.body.href] : [])] : [])];
}

function previousRefs(previous: Previous | null): Map<string, FeedShardRef[]> {
  const refs = new Map<string, FeedShardRef[]>();
  previous?.manifest.shards.forEach((ref, i) => {
    const month = previous.cache.shardMonths[i] as string;
    const list = refs.get(month);
    if (list) list.push(ref);
    else refs.set(month, [ref]);
  });
  return refs;
}

interface MonthBuild {
  posts: Collected;
  previous: Previous | null;
  changes: BuildChanges | null;
  ctx: ShardContext;
}

/** A month to write, with what its worker needs of this build and the last. */
function monthTask(month: string, rels: string[], oldRefs: FeedShardRef[], build: MonthBuild): MonthTask {
  const { posts, previous, changes, ctx } = build;
  const current = previous?.manifest.version === MANIFEST_VERSION;
  return {
    type: 'month',
    month,
    posts: rels.map((rel): MonthPost => {
      const article = posts.fresh.get(rel);
      if (article) return { article, sameMonth: changes?.wasIn(article.id, month) ?? false, terms: posts.terms.get(rel) ?? null };
      return { id: previous?.byRel.get(rel)?.id as string };
    }),
    oldShards: oldRefs.map((ref) => ({ file: path.join(previous?.root ?? '', ref.href), key: ref.key, href: ref.href, hash: ref.hash })),
    changes: changes !== null,
    root: ctx.writer.root,
    termsFile: ctx.spill.file(month),
    defaultAuthor: ctx.defaultAuthor,
    ...(current ? reusable(rels, posts, previous, oldRefs) : {}),
  };
}

/**
 * What a month's segments can take from the last build's: its segments of that month, and the
 * articles not rendered this time (the last build indexed them as they are).
 */
function reusable(rels: string[], posts: Collected, previous: Previous | null, oldRefs: FeedShardRef[]): Pick<MonthTask, 'reuse'> {
  if (!previous) return {};
  const parts = oldRefs.flatMap((ref) => {
    const search = ref.search;
    if (!search || !previous.files.has(search.meta.href) || (search.body && !previous.files.has(search.body.href))) return [];
    return [{ key: ref.key, meta: path.join(previous.root, search.meta.href), body: search.body ? path.join(previous.root, search.body.href) : null }];
  });
  const ids = rels.flatMap((rel) => (posts.fresh.has(rel) ? [] : [previous.byRel.get(rel)?.id ?? '']));
  return parts.length > 0 && ids.length > 0 ? { reuse: { parts, ids } } : {};
}

function writeShard(shard: MonthShard, writer: FeedWriter): FeedShardRef {
  const href = `index/${shard.key}.${shard.hash}.json`;
  writer.put(href, shard.bytes);
  const files = new Map<string, Buffer>();
  const search = segmentRef(shard.key, shard.segment, files);
  for (const [rel, data] of files) writer.put(rel, data);
  return { key: shard.key, href, hash: shard.hash, count: shard.count, search };
}
