/** The builder's pass over the posts, in file order: each rendered, or taken from the last build. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FeedArticle, FeedManifest } from '../src/lib/feed/folder';
import type { SiteInfo } from '../src/lib/feed/hugo/post';
import { TopicTally } from '../src/lib/feed/topics';
import { readCache, type BuildCache, type PostRecord } from './buildCache';
import type { TaskRunner } from './buildPool';
import type { PostOutcome, PostTask } from './buildTasks';
import type { Report } from './collectPosts';
import type { FeedWriter } from './feedWriter';
import { ownedFiles } from './feedWriter';
import type { TermSpill, TermsAt } from './termSpill';

/** What the builder needs of a file's stat. */
export interface PostStat {
  size: number;
  mtimeMs: number;
}

/** A post's stat; one that vanished since the listing gets one no cache matches, and is reported when read. */
export function statPost(file: string): PostStat {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? { size: stat.size, mtimeMs: stat.mtimeMs } : { size: -1, mtimeMs: -1 };
}

/** The build the output folder holds, with what its cache says of it. */
export interface Previous {
  /** The output folder. */
  root: string;
  cache: BuildCache;
  manifest: FeedManifest;
  /** Its files under bodies/, index/ and search/. */
  files: Set<string>;
  byRel: Map<string, PostRecord>;
}

export interface Collected {
  /** Every post, in file order, as the cache will keep it. */
  records: PostRecord[];
  /** Articles rendered this time and kept, by file. */
  fresh: Map<string, FeedArticle>;
  /** Where the spill keeps the counted body terms of those with a body, by file. */
  terms: Map<string, TermsAt>;
  rendered: number;
  kept: number;
  tally: TopicTally;
  counts: { read: number; recovered: number; skipped: number; drafts: number };
}

export function openPrevious(out: string, print: string): Previous | null {
  const cache = readCache(out, print);
  const files = cache && ownedFiles(out);
  if (!cache || !files) return null;
  try {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as FeedManifest;
    if (!Array.isArray(manifest.shards) || manifest.shards.length !== cache.shardMonths.length) return null;
    return { root: path.resolve(out), cache, manifest, files, byRel: new Map(cache.posts.map((p) => [p.rel, p])) };
  } catch {
    return null;
  }
}

/** A record the last build kept whole: an article it kept, with its body file still there, or a draft or skip. */
function reusable(previous: Previous, record: PostRecord | undefined): record is PostRecord {
  if (!record) return false;
  if (record.kind !== 'article') return true;
  return record.kept === true && (record.body == null || previous.files.has(record.body));
}

/**
 * Whether the file may be taken as unchanged without reading it: same size and mtime, and an mtime
 * older than the last build by more than a coarse clock tick (an edit within it could keep both).
 */
export function trustedStat(previous: Previous | null, rel: string, stat: PostStat): boolean {
  const before = previous?.byRel.get(rel);
  if (!previous || !reusable(previous, before)) return false;
  return before.size === stat.size && before.mtimeMs === stat.mtimeMs && stat.mtimeMs < previous.cache.startedAt - 2000;
}

export interface ReadOptions {
  source: string;
  display: string;
  site: SiteInfo;
  files: { rel: string; stat: PostStat }[];
  previous: Previous | null;
  runner: TaskRunner;
  writer: FeedWriter;
  spill: TermSpill;
  report: (r: Report) => void;
}

/**
 * Posts being rendered at once: enough to keep every worker busy, few enough to bound the outcomes
 * held. Posts taken from the last build do not count: after a scattered 1 % edit, a window over
 * every post held less than one render at a time, and the workers waited on each round trip.
 */
const WINDOW = 256;
/** Posts to render sent to a worker in one task (PostBatch). */
const BATCH = 8;
/** Posts held in order behind the oldest unfinished render. */
const HELD = 8192;

export async function readPosts(opts: ReadOptions): Promise<Collected> {
  const state: Collected = { records: [], fresh: new Map(), terms: new Map(), rendered: 0, kept: 0, tally: new TopicTally(), counts: { read: opts.files.length, recovered: 0, skipped: 0, drafts: 0 } };
  // The record that gave each id its kept article.
  const firstOfId = new Map<string, PostRecord>();
  // A post taken from the last build has its outcome at once; one being rendered, a promise.
  const pending: { index: number; outcome: PostOutcome | Promise<PostOutcome> }[] = [];
  let rendering = 0;
  let batch: { task: PostTask; resolve: (outcome: PostOutcome) => void; reject: (error: unknown) => void }[] = [];
  const send = () => {
    if (batch.length === 0) return;
    const sent = batch;
    batch = [];
    opts.runner.run({ type: 'posts', posts: sent.map((b) => b.task) }).then(
      (outcomes) => sent.forEach((b, k) => b.resolve(outcomes[k] as PostOutcome)),
      (error: unknown) => sent.forEach((b) => b.reject(error)),
    );
  };
  const accept = async () => {
    const next = pending.shift() as (typeof pending)[number];
    if (next.outcome instanceof Promise) rendering--;
    acceptPost(opts, state, firstOfId, next.index, await next.outcome);
    // The posts taken from the last build right behind it wait for nothing: no promise and no await each.
    while (pending.length > 0 && !((pending[0] as (typeof pending)[number]).outcome instanceof Promise)) {
      const ready = pending.shift() as { index: number; outcome: PostOutcome };
      acceptPost(opts, state, firstOfId, ready.index, ready.outcome);
    }
  };
  for (let index = 0; index < opts.files.length; index++) {
    const { rel, stat } = opts.files[index] as ReadOptions['files'][number];
    const before = opts.previous?.byRel.get(rel);
    if (trustedStat(opts.previous, rel, stat)) {
      // A batch holds consecutive posts only: a render between posts taken from the last build (a
      // rebuild's) goes at once, as the posts behind it wait for it.
      send();
      const same: PostOutcome = { kind: 'same', hash: (before as PostRecord).hash };
      if (pending.length === 0) acceptPost(opts, state, firstOfId, index, same);
      else pending.push({ index, outcome: same });
    } else {
      const known = opts.previous && reusable(opts.previous, before) ? before : null;
      const task: PostTask = { rel, file: path.join(opts.source, rel), site: opts.site, knownHash: known?.hash ?? null, root: opts.writer.root };
      const outcome = new Promise<PostOutcome>((resolve, reject) => batch.push({ task, resolve, reject }));
      // Handled here too: when an earlier post fails the build, the later ones' failures are not unhandled.
      outcome.catch(() => {});
      pending.push({ index, outcome });
      rendering++;
      if (batch.length >= BATCH) send();
    }
    if (rendering >= WINDOW || pending.length >= HELD) {
      // Every post waited on must have been sent. Room for a whole batch is made before reading on.
      send();
      while (rendering > WINDOW - BATCH || pending.length >= HELD) await accept();
    }
  }
  send();
  while (pending.length > 0) await accept();
  return state;
}

function acceptPost(opts: ReadOptions, state: Collected, firstOfId: Map<string, PostRecord>, index: number, outcome: PostOutcome): void {
  const { rel, stat } = opts.files[index] as ReadOptions['files'][number];
  const shown = path.join(opts.display, rel);
  const record = outcome.kind === 'same' ? { ...(opts.previous?.byRel.get(rel) as PostRecord), size: stat.size, mtimeMs: stat.mtimeMs } : recordOf(rel, stat, outcome);
  if (outcome.kind !== 'same') state.rendered++;
  state.records.push(record);
  if (record.kind === 'draft') {
    state.counts.drafts++;
    return;
  }
  for (const note of record.kind === 'skipped' ? record.notes : []) opts.report({ file: shown, ...note });
  if (record.kind === 'skipped') {
    state.counts.skipped++;
    return;
  }
  const id = record.id as string;
  const earlier = firstOfId.get(id);
  record.kept = earlier === undefined;
  if (earlier !== undefined) {
    state.counts.skipped++;
    record.body = null;
    // Its worker wrote its body; the same name is the same bytes as the kept one's.
    if (outcome.kind === 'article' && outcome.body && outcome.body.href !== earlier.body) opts.writer.discard(outcome.body.href);
    opts.report({ file: shown, line: 1, message: `duplicate article id "${id}" (already used by ${path.join(opts.display, earlier.rel)})` });
    return;
  }
  firstOfId.set(id, record);
  for (const note of record.notes) opts.report({ file: shown, ...note });
  if (record.recovered) state.counts.recovered++;
  state.tally.add(record.topicNames ?? []);
  state.kept++;
  if (outcome.kind !== 'article') return;
  state.fresh.set(rel, { ...outcome.article, body: outcome.body });
  if (outcome.bodyTerms) state.terms.set(rel, opts.spill.put(record.month as string, outcome.bodyTerms));
}

export function monthOf(date: string | null): string {
  return date === null ? 'undated' : date.slice(0, 7);
}

function recordOf(rel: string, stat: PostStat, outcome: Exclude<PostOutcome, { kind: 'same' }>): PostRecord {
  const base = { rel, size: stat.size, mtimeMs: stat.mtimeMs, hash: outcome.hash };
  if (outcome.kind === 'draft') return { ...base, kind: 'draft', notes: [] };
  if (outcome.kind === 'skipped') return { ...base, kind: 'skipped', notes: [outcome.note] };
  const { article } = outcome;
  return { ...base, kind: 'article', notes: outcome.notes, id: article.id, month: monthOf(article.date), body: outcome.body?.href ?? null, topicNames: outcome.topicNames, recovered: outcome.recovered };
}
