/**
 * One month of a feed folder, made whole on a build worker: its articles gathered (rendered this
 * time, or read back from the last build's shards), laid out in shards, and each shard encoded with
 * its search segment and the articles a delta carries. The main thread only names and writes files:
 * on a rebuild after a scattered 1 % edit, reading back and encoding every month there kept it busy
 * while the workers waited.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedArticle } from '../src/lib/feed/folder';
import { shardByMonth } from '../src/lib/feed/layout';
import { byNewest } from '../src/lib/model/order';
import { buildSegment, type IndexableDoc, type ReusedDoc, type SegmentBytes } from '../src/lib/search/build';
import type { TermCounts } from '../src/lib/search/termCounts';
import { patchSegment } from '../src/lib/search/patch';
import { indexedDocs, type IndexedDoc } from '../src/lib/search/reuse';
import { SegmentPart } from '../src/lib/search/segment';
import { shardChanges, type OldArticle } from './buildChanges';
import { hash16, shardFile } from './feedFiles';
import { folderSegmentOptions, segmentDoc } from './feedSearch';
import { readOwnShard } from './ownShards';
import { readTerms, type TermsAt } from './termSpill';

/**
 * A month's post: rendered this time (whether the last build had its id in this month, and where
 * its counted body terms are in `termsFile`), or the id the last build gave it.
 */
export type MonthPost = { article: FeedArticle; sameMonth: boolean; terms: TermsAt | null } | { id: string };

export interface MonthTask {
  type: 'month';
  month: string;
  /** The month's posts, in file order. */
  posts: MonthPost[];
  /** The last build's shards of this month: where they are, and the href and hash its manifest gives them. */
  oldShards: { file: string; key: string; href: string; hash: string }[];
  /** Whether there is a last build whose delta needs this month's changed articles. */
  changes: boolean;
  /** The folder the articles' body hrefs are relative to. */
  root: string;
  /** The spill file of the month's rendered posts' body terms (cli/termSpill.ts). */
  termsFile: string | null;
  defaultAuthor: string | null;
  /**
   * The last build's segments of the same month, and the articles it indexed that are unchanged:
   * those are taken from the segments rather than tokenised again.
   */
  reuse?: { parts: { key: string; meta: string; body: string | null }[]; ids: string[] };
}

/** One shard of a month, ready to be written. */
export interface MonthShard {
  key: string;
  /** The shard file, and the first 16 hex digits of its SHA-256. */
  bytes: Uint8Array;
  hash: string;
  count: number;
  segment: SegmentBytes;
  /** Its articles tokenised rather than taken from the last build's segments. */
  tokenized: number;
  /** Whether its segment is the last one patched (cli's patchedShard), not built again. */
  patched: boolean;
  /** Its articles the delta carries: new, moved, or rendered into a different record. */
  changed: FeedArticle[];
  /** Those articles as the segment indexed them, in the same order, so the delta's own segment need not read them back. */
  changedDocs: IndexableDoc[];
}

/** The last build's output no longer matches its cache. */
export class StaleOutput extends Error {
  override readonly name = 'StaleOutput';
}

function oldArticles(shards: MonthTask['oldShards']): Map<string, OldArticle> {
  const found = new Map<string, OldArticle>();
  for (const shard of shards) {
    for (const article of readOwnShard(readFileSync(shard.file), shard.href, shard.hash)) found.set(article.id, { shard: shard.key, article });
  }
  return found;
}

export function buildMonth(task: MonthTask): MonthShard[] {
  let read: Map<string, OldArticle> | null = null;
  const old = () => (read ??= oldArticles(task.oldShards));
  const sameMonth = new Map<string, boolean>();
  const articles = task.posts.map((post) => {
    if ('article' in post) {
      sameMonth.set(post.article.id, post.sameMonth);
      return post.article;
    }
    const found = old().get(post.id);
    // The cache said this month held it: a folder that disagrees was changed by hand.
    if (!found) throw new StaleOutput(`${task.month} has no article "${post.id}"`);
    return found.article;
  });
  const unchanged = new Set(task.reuse?.ids);
  let decoded: Map<string, IndexedDoc> | null = null;
  const earlier = () => (decoded ??= task.reuse ? earlierDocs(task.reuse.parts, unchanged) : new Map<string, IndexedDoc>());
  const fresh = freshDocs(task);
  return shardByMonth(articles.sort(byNewest)).map(({ key, articles: list }) => {
    const bytes = shardFile(key, list);
    const patched = patchedShard(key, list, task.reuse, unchanged, fresh);
    const { segment, tokenized } = patched ?? indexShard(key, list, fresh, earlier());
    const changed = task.changes ? shardChanges(key, list, sameMonth, old) : [];
    return { key, bytes, hash: hash16(bytes), count: list.length, segment, tokenized, patched: patched !== null, changed, changedDocs: changed.map(fresh) };
  });
}

/** The unchanged articles' docs, from the last build's segments; one that cannot be read reuses nothing. */
function earlierDocs(parts: NonNullable<MonthTask['reuse']>['parts'], wanted: ReadonlySet<string>): Map<string, IndexedDoc> {
  const found = new Map<string, IndexedDoc>();
  for (const part of parts) {
    try {
      for (const [id, doc] of indexedDocs(readFileSync(part.meta), part.body === null ? null : readFileSync(part.body))) if (wanted.has(id)) found.set(id, doc);
    } catch {
      // Gone or damaged: its articles are tokenised again, as a full build would.
    }
  }
  return found;
}

/**
 * A shard's segment as its last one patched (src/lib/search/patch.ts), when it holds the same articles in the same order
 * (posts edited in place): only the articles rendered this time are tokenised, and only their terms'
 * postings written again. Null when that does not hold, or the last segment cannot be read.
 */
function patchedShard(key: string, articles: readonly FeedArticle[], reuse: MonthTask['reuse'], unchanged: ReadonlySet<string>, fresh: FreshDoc): { segment: SegmentBytes; tokenized: number } | null {
  const part = reuse?.parts.find((p) => p.key === key);
  if (!part) return null;
  try {
    const old = { meta: readFileSync(part.meta), body: part.body === null ? null : readFileSync(part.body) };
    const ids = new SegmentPart(old.meta).ids.all();
    if (ids.length !== articles.length || articles.some((a, i) => a.id !== ids[i])) return null;
    const changed = new Map<number, IndexableDoc>();
    articles.forEach((a, i) => {
      if (!unchanged.has(a.id)) changed.set(i, fresh(a));
    });
    const segment = patchSegment(old, changed, articles.some((a) => a.body !== null), folderSegmentOptions(key));
    return segment ? { segment, tokenized: changed.size } : null;
  } catch {
    // Gone or damaged: the shard is indexed the long way, which reads what it can.
    return null;
  }
}

/** A shard's search segment: unchanged articles from the last build's segments, the others as `fresh` gives them. */
function indexShard(key: string, articles: readonly FeedArticle[], fresh: FreshDoc, earlier: ReadonlyMap<string, IndexedDoc>): { segment: SegmentBytes; tokenized: number } {
  let tokenized = 0;
  const docs = articles.map((a): IndexableDoc | ReusedDoc => {
    const indexed = earlier.get(a.id);
    if (indexed) return { id: a.id, indexed, hasBody: a.body !== null };
    tokenized++;
    return fresh(a);
  });
  return { segment: buildSegment(docs, folderSegmentOptions(key)), tokenized };
}

type FreshDoc = (a: FeedArticle) => IndexableDoc;

/**
 * The docs of the month's articles to tokenise. A post rendered this time brings its body's terms
 * counted (from the month's spill file); any other has its body read back from the folder being written.
 */
function freshDocs(task: MonthTask): FreshDoc {
  const counted = new Map<string, TermsAt>();
  for (const post of task.posts) if ('article' in post && post.terms) counted.set(post.article.id, post.terms);
  let spilled: Buffer | null = null;
  // An article the delta carries was mostly just indexed for its shard: made once.
  const made = new Map<FeedArticle, IndexableDoc>();
  const make = (a: FeedArticle): IndexableDoc => {
    const at = counted.get(a.id);
    if (at && task.termsFile !== null) {
      spilled ??= readFileSync(task.termsFile);
      const body: TermCounts = readTerms(spilled, at);
      return { ...segmentDoc(a, undefined, task.defaultAuthor), body };
    }
    return segmentDoc(a, a.body === null ? undefined : readFileSync(path.join(task.root, a.body.href), 'utf8'), task.defaultAuthor);
  };
  return (a) => {
    let doc = made.get(a);
    if (!doc) made.set(a, (doc = make(a)));
    return doc;
  };
}
