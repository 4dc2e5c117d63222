/**
 * The feed builder's two kinds of work, as pure functions over plain messages, so they run the same
 * in a worker thread (cli/buildWorker.ts) and inline: one post read and rendered, one shard indexed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedArticle } from '../src/lib/feed/folder';
import type { TopicName } from '../src/lib/feed/hugo/fields';
import { buildPost, type PostNote, type SiteInfo } from '../src/lib/feed/hugo/post';
import { buildSegment, type ReusedDoc, type SearchDoc, type SegmentBytes } from '../src/lib/search/build';
import { indexedDocs, type IndexedDoc } from '../src/lib/search/reuse';
import { FOLDER_SOURCE, segmentDoc } from './feedSearch';

export interface PostTask {
  type: 'post';
  /** Path below the posts folder, as reports and the cache name it. */
  rel: string;
  file: string;
  site: SiteInfo;
  /** The content hash the last build saw: when the file still has it, the post is not rendered again. */
  knownHash: string | null;
}

export type PostOutcome =
  | { kind: 'same'; hash: string }
  | { kind: 'draft'; hash: string }
  | { kind: 'skipped'; hash: string; note: PostNote }
  | {
      kind: 'article';
      hash: string;
      article: Omit<FeedArticle, 'body'>;
      /** The rendered body's bytes and the first 16 hex digits of their SHA-256. */
      body: { bytes: Uint8Array; hash: string } | null;
      topicNames: TopicName[];
      recovered: boolean;
      /** The "recovered:" and "warning:" lines, as the build prints them. */
      notes: PostNote[];
    };

export interface SegmentTask {
  type: 'segment';
  key: string;
  articles: FeedArticle[];
  /** The folder the articles' body hrefs are relative to. */
  root: string;
  defaultAuthor: string | null;
  /**
   * The last build's segments of the same month, and the articles it indexed that are unchanged:
   * those are taken from the segments rather than tokenised again.
   */
  reuse?: { parts: { meta: string; body: string | null }[]; ids: string[] };
}

/** A shard's segment, and how many of its articles were tokenised rather than reused. */
export type IndexedShard = SegmentBytes & { tokenized: number };

export type BuildTask = PostTask | SegmentTask;

export const sha16 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

export function renderPost(task: PostTask): PostOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(task.file);
  } catch (error) {
    return { kind: 'skipped', hash: '', note: { line: 1, message: `cannot build: ${(error as Error).message}` } };
  }
  const hash = sha16(bytes);
  if (hash === task.knownHash) return { kind: 'same', hash };
  let built: ReturnType<typeof buildPost>;
  try {
    built = buildPost(task.rel, bytes.toString('utf8'), task.site);
  } catch (error) {
    // A renderer bug on odd input costs that post only.
    return { kind: 'skipped', hash, note: { line: 1, message: `cannot build: ${(error as Error).message}` } };
  }
  if (built.kind === 'draft') return { kind: 'draft', hash };
  if (built.kind === 'skipped') return { kind: 'skipped', hash, note: { line: built.line, message: built.message } };
  const notes: PostNote[] = [];
  if (built.recovered) notes.push({ line: built.recovered.line, message: `recovered: ${built.recovered.message}` });
  for (const w of built.warnings) notes.push({ line: w.line, message: `warning: ${w.message}` });
  let body: { bytes: Uint8Array; hash: string } | null = null;
  if (built.bodyHtml !== null) {
    const html = Buffer.from(built.bodyHtml, 'utf8');
    body = { bytes: html, hash: sha16(html) };
  }
  return { kind: 'article', hash, article: built.article, body, topicNames: built.topicNames, recovered: built.recovered !== null, notes };
}

/** The unchanged articles' docs, from the last build's segments; one that cannot be read reuses nothing. */
function earlierDocs(reuse: NonNullable<SegmentTask['reuse']>): Map<string, IndexedDoc> {
  const wanted = new Set(reuse.ids);
  const found = new Map<string, IndexedDoc>();
  for (const part of reuse.parts) {
    try {
      for (const [id, doc] of indexedDocs(readFileSync(part.meta), part.body === null ? null : readFileSync(part.body))) if (wanted.has(id)) found.set(id, doc);
    } catch {
      // Gone or damaged: its articles are tokenised again, as a full build would.
    }
  }
  return found;
}

/**
 * A shard's search segment: unchanged articles from the last build's segments, the others with
 * their bodies read back from the folder being written.
 */
export function indexShard(task: SegmentTask): IndexedShard {
  const earlier = task.reuse ? earlierDocs(task.reuse) : new Map<string, IndexedDoc>();
  let tokenized = 0;
  const docs = task.articles.map((a): SearchDoc | ReusedDoc => {
    const indexed = earlier.get(a.id);
    if (indexed) return { id: a.id, indexed, hasBody: a.body !== null };
    tokenized++;
    return segmentDoc(a, a.body === null ? undefined : readFileSync(path.join(task.root, a.body.href), 'utf8'), task.defaultAuthor);
  });
  return { ...buildSegment(docs, { source: FOLDER_SOURCE, key: task.key }), tokenized };
}

export function runTask(task: BuildTask): PostOutcome | IndexedShard {
  return task.type === 'post' ? renderPost(task) : indexShard(task);
}
