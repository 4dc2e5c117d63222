/**
 * The feed builder's two kinds of work, as pure functions over plain messages, so they run the same
 * in a worker thread (cli/buildWorker.ts) and inline: one post read and rendered, one month's shards
 * made (cli/monthTask.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedArticle, FeedBodyRef, FeedManifest } from '../src/lib/feed/folder';
import type { TopicName } from '../src/lib/feed/hugo/fields';
import { countTerms } from '../src/lib/search/termCounts';
import { buildPost, type PostNote, type SiteInfo } from '../src/lib/feed/hugo/post';
import { FOLDER_TOKENIZE } from './feedSearch';
import { buildMonth, type MonthShard, type MonthTask } from './monthTask';

/** A post to render. */
export interface PostTask {
  /** Path below the posts folder, as reports and the cache name it. */
  rel: string;
  file: string;
  site: SiteInfo;
  /** The content hash the last build saw: when the file still has it, the post is not rendered again. */
  knownHash: string | null;
  /**
   * The folder the body is written into, at its href. Written here, not sent to the main thread:
   * posting a 30 KB body cost a worker about 0.2 ms, more than writing it.
   */
  root: string;
}

export type PostOutcome =
  | { kind: 'same'; hash: string }
  | { kind: 'draft'; hash: string }
  | { kind: 'skipped'; hash: string; note: PostNote }
  | {
      kind: 'article';
      hash: string;
      article: Omit<FeedArticle, 'body'>;
      /** The rendered body's file, written under the task's root. */
      body: FeedBodyRef | null;
      /**
       * The body's terms, counted for its month's search segment, as JSON (a TermCounts): one string
       * crosses to the main thread and into the spill file far faster than two arrays of 400 values.
       */
      bodyTerms: string | null;
      topicNames: TopicName[];
      recovered: boolean;
      /** The "recovered:" and "warning:" lines, as the build prints them. */
      notes: PostNote[];
    };

/** A folder's head.json text (or why it has none), from the new manifest and the shard files under `root`. */
export interface HeadTask {
  type: 'head';
  manifest: FeedManifest;
  root: string;
}

export type HeadFile = { text: string } | { reason: string };

/**
 * Consecutive posts rendered in one task: a message to a worker and its reply cost about 0.15 ms,
 * a tenth of a post's render.
 */
export interface PostBatch {
  type: 'posts';
  posts: PostTask[];
}

export type BuildTask = PostBatch | MonthTask | HeadTask;

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
  let body: FeedBodyRef | null = null;
  if (built.bodyHtml !== null) {
    const html = Buffer.from(built.bodyHtml, 'utf8');
    const bodyHash = sha16(html);
    body = { href: `bodies/${built.article.id}.${bodyHash}.html`, hash: bodyHash, bytes: html.byteLength };
    writeFileSync(path.join(task.root, body.href), html);
  }
  const bodyTerms = built.bodyText === null ? null : JSON.stringify(countTerms(built.bodyText, FOLDER_TOKENIZE));
  return { kind: 'article', hash, article: built.article, body, bodyTerms, topicNames: built.topicNames, recovered: built.recovered !== null, notes };
}

export async function runTask(task: BuildTask): Promise<PostOutcome[] | MonthShard[] | HeadFile> {
  if (task.type === 'posts') return task.posts.map(renderPost);
  if (task.type === 'month') return buildMonth(task);
  // Loaded only by the worker that writes the head: it brings in the app's catalogue and list code.
  const { folderHeadFile } = await import('./feedHead');
  return folderHeadFile(task.manifest, task.root);
}
