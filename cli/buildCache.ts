/**
 * The build cache: what the last build of a feed folder saw of each post, so a rebuild renders only
 * the posts that changed and rewrites only their months. It is one gzipped JSON file in the output
 * folder, `.folio-build-cache.json.gz`, which no manifest names, so the app never fetches it; deleting
 * it only makes the next build a full one.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TopicName } from '../src/lib/feed/hugo/fields';
import type { PostNote, SiteInfo } from '../src/lib/feed/hugo/post';
import { sha16 } from './buildTasks';

export const CACHE_FILE = '.folio-build-cache.json.gz';
/** Bump whenever rendering, shards or segments change, so no build reuses another version's output. */
export const CACHE_VERSION = 1;

/** One post as the last build left it. */
export interface PostRecord {
  rel: string;
  size: number;
  mtimeMs: number;
  /** sha16 of the file's bytes. */
  hash: string;
  kind: 'article' | 'draft' | 'skipped';
  /** What the build printed for it: the skip, or the recovered and warning lines. */
  notes: PostNote[];
  id?: string;
  /** "2026-04" or "undated": the shard group it belongs to. */
  month?: string;
  /** Its body file, when it has one. */
  body?: string | null;
  topicNames?: TopicName[];
  recovered?: boolean;
  /** False when another file had its id first. */
  kept?: boolean;
}

/** A post that gave an article the build keeps (another file did not take its id first). */
export const isKept = (r: Pick<PostRecord, 'kind' | 'kept'>): boolean => r.kind === 'article' && r.kept === true;

export interface BuildCache {
  version: typeof CACHE_VERSION;
  /** Hash of everything besides the posts that shapes the output (the site info, the default author). */
  fingerprint: string;
  /** When the build began (ms): a file modified within its clock tick is hashed, not trusted by its stat. */
  startedAt: number;
  /** sha16 of the manifest.json the build wrote: another writer since then voids the cache. */
  manifestHash: string;
  /** The month of each of the manifest's shards, in its order. */
  shardMonths: string[];
  posts: PostRecord[];
}

export function fingerprint(site: SiteInfo, defaultAuthor: string | null): string {
  return sha16(Buffer.from(JSON.stringify({ version: CACHE_VERSION, site: { ...site, timeZone: site.timeZone ?? null }, defaultAuthor })));
}

/** The cache of the build that wrote `out`, or null when there is none that still describes it. */
export function readCache(out: string, print: string): BuildCache | null {
  const file = path.join(out, CACHE_FILE);
  const manifest = path.join(out, 'manifest.json');
  if (!existsSync(file) || !existsSync(manifest)) return null;
  try {
    const cache = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as BuildCache;
    if (cache.version !== CACHE_VERSION || cache.fingerprint !== print) return null;
    if (cache.manifestHash !== sha16(readFileSync(manifest))) return null;
    return Array.isArray(cache.posts) && Array.isArray(cache.shardMonths) ? cache : null;
  } catch {
    // A damaged cache costs a full build, nothing more.
    return null;
  }
}

/** The cache file's bytes: made apart from writing them, so a build can make them while it waits. */
export function encodeCache(cache: BuildCache): Buffer {
  return gzipSync(JSON.stringify(cache), { level: 1 });
}

export function writeCache(out: string, bytes: Buffer): void {
  const file = path.join(out, CACHE_FILE);
  writeFileSync(`${file}.tmp`, bytes);
  renameSync(`${file}.tmp`, file);
}
