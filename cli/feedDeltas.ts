/**
 * The delta a rebuild writes: when `--out` already holds a feed folder, the new build is compared
 * with it article by article, and the manifest gets a new revision with a delta file from the
 * previous one (src/lib/feed/folder.ts FeedDelta), so readers fetch what changed, not its shards.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DELTA_FORMAT,
  DELTA_VERSION,
  type FeedArticle,
  type FeedBodyRef,
  type FeedDelta,
  type FeedDeltaRef,
  type FeedManifest,
  type FeedSearchRef,
  type FeedShardRef,
} from '../src/lib/feed/folder';
import { parseShard } from '../src/lib/feed/shard';
import { parseManifest } from '../src/lib/feed/validate';
import { buildSegment, type IndexableDoc, type ReusedDoc } from '../src/lib/search/build';
import { indexedDocs, type IndexedDoc } from '../src/lib/search/reuse';
import { fromFeedArticle } from '../src/lib/store/chunks';
import { byNewestRow } from '../src/lib/store/deltas';
import { hash16, type FeedFiles } from './feedFiles';
import { folderSegmentOptions, segmentRef } from './feedSearch';

/**
 * Deltas kept. A reader who opens Folio once in ten builds catches up through deltas; one further
 * behind fetches changed shards, as before revisions. Ten 1 % deltas are about a tenth of the
 * shards' bytes, and the byte cap below keeps the chain from growing past what shards would cost.
 */
export const KEEP_DELTAS = 10;

type Located = Map<string, { shard: string; json: string }>;

function shardArticles(key: string, bytes: Buffer): readonly FeedArticle[] {
  return parseShard(JSON.parse(bytes.toString('utf8')), key).articles;
}

function readPrevious(out: string): FeedManifest | null {
  const file = path.join(out, 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return parseManifest(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // An unreadable folder starts a new chain: readers holding it fetch changed shards instead.
    return null;
  }
}

/** The new build's shard files by href (in memory, or where the build wrote them). */
export interface ShardReader {
  read(href: string): Buffer | undefined;
  size(href: string): number;
}

/** A delta's articles and removed ids, when the build knows them without reading shards (cli/buildChanges.ts). */
export interface KnownChanges {
  articles: { shard: string; article: FeedArticle }[];
  removed: string[];
  /** The articles as the new shards' segments indexed them, by id, when the build kept them. */
  docs?: ReadonlyMap<string, IndexableDoc> | null;
}

/** The comparison found more changed articles than a delta may carry: no delta is written. */
const MOST = 'most';

/**
 * Only shards whose hash changed are read, old and new: an article in a shard with the same hash
 * is the same, and one that moved (a new date, a month that overflowed) changed both its shards.
 * The new shards are read one at a time, and the comparison stops once more than `limit` articles
 * changed (a new base URL changes them all), so it never holds both builds' articles at once.
 * Null when an old shard cannot be read.
 */
function compared(out: string, changedShards: readonly FeedShardRef[], beforeRefs: readonly FeedShardRef[], newShard: ShardReader, limit: number): KnownChanges | typeof MOST | null {
  const before: Located = new Map();
  try {
    for (const ref of beforeRefs) {
      for (const article of shardArticles(ref.key, readFileSync(path.join(out, ref.href)))) before.set(article.id, { shard: ref.key, json: JSON.stringify(article) });
    }
  } catch {
    return null;
  }
  const articles: KnownChanges['articles'] = [];
  const after = new Set<string>();
  for (const ref of changedShards) {
    const bytes = newShard.read(ref.href);
    if (!bytes) continue;
    for (const article of shardArticles(ref.key, bytes)) {
      // The builder writes each id once; a repeat would only repeat the article in the delta.
      if (after.has(article.id)) continue;
      after.add(article.id);
      const was = before.get(article.id);
      if (was !== undefined && was.shard === ref.key && was.json === JSON.stringify(article)) continue;
      articles.push({ shard: ref.key, article });
      if (articles.length > limit) return MOST;
    }
  }
  return { articles, removed: [...before.keys()].filter((id) => !after.has(id)).sort() };
}

/**
 * A delta with most of the feed's articles (a new base URL, a new renderer) is about as large as the
 * shards, and readers would hold most of the feed in an overlay built for a few changes.
 */
const deltaLimit = (manifest: FeedManifest): number => manifest.articleCount / 2;

function diff(out: string, previous: FeedManifest, manifest: FeedManifest, newShard: ShardReader, from: number, known: KnownChanges | null): FeedDelta | typeof MOST | null {
  const old = new Map(previous.shards.map((ref) => [ref.key, ref.hash]));
  const keys = new Set(manifest.shards.map((ref) => ref.key));
  const changedShards = manifest.shards.filter((ref) => old.get(ref.key) !== ref.hash);
  const dropped = previous.shards.filter((ref) => !keys.has(ref.key)).map((ref) => ref.key);
  const changedKeys = new Set(changedShards.map((ref) => ref.key));
  const beforeRefs = previous.shards.filter((ref) => changedKeys.has(ref.key) || !keys.has(ref.key));
  const limit = deltaLimit(manifest);
  const changes = known ?? compared(out, changedShards, beforeRefs, newShard, limit);
  if (changes === MOST || (changes && changes.articles.length > limit)) return MOST;
  if (!changes) return null;
  return {
    format: DELTA_FORMAT,
    version: DELTA_VERSION,
    from,
    to: from + 1,
    articles: changes.articles,
    removed: changes.removed,
    shards: changedShards,
    dropped,
    before: [...changedShards.map((ref) => ref.key), ...dropped].flatMap((key) => {
      const hash = old.get(key);
      return hash === undefined ? [] : [{ key, hash }];
    }),
  };
}

/**
 * The delta's articles indexed for search, in the order a reader's overlay holds them (store/overlay.ts),
 * taken from the new shards' segments as they indexed them; null when a changed shard has none.
 */
export function deltaSegment(delta: FeedDelta, newShard: ShardReader, files: Map<string, Buffer>, given: ReadonlyMap<string, IndexableDoc> | null = null): FeedSearchRef | null {
  if (delta.shards.some((ref) => !ref.search)) return null;
  const wanted = new Set(delta.articles.map((a) => a.article.id).filter((id) => !given?.has(id)));
  const docs = new Map<string, IndexedDoc>();
  // Only the segments of shards holding an article whose doc the build did not keep are read.
  const toRead = new Set(delta.articles.filter((a) => wanted.has(a.article.id)).map((a) => a.shard));
  for (const ref of delta.shards) {
    if (!ref.search || !toRead.has(ref.key)) continue;
    const meta = newShard.read(ref.search.meta.href);
    const body = ref.search.body ? newShard.read(ref.search.body.href) : null;
    if (!meta || body === undefined) return null;
    for (const [id, doc] of indexedDocs(meta, body, false, wanted)) docs.set(id, doc);
  }
  const rows = delta.articles.map(({ article }) => fromFeedArticle(article, null)).sort(byNewestRow);
  const reused: (ReusedDoc | IndexableDoc)[] = [];
  for (const row of rows) {
    const fresh = given?.get(row.id);
    if (fresh) {
      reused.push(fresh);
      continue;
    }
    const indexed = docs.get(row.id);
    if (!indexed) return null;
    reused.push({ id: row.id, indexed, hasBody: row.bodyHref !== null });
  }
  const key = `${delta.from}-${delta.to}`;
  return segmentRef(key, buildSegment(reused, folderSegmentOptions(key)), files, 'deltas');
}

/** Earlier deltas still on disk, newest last, at most `room` of them and within `budget` bytes. */
function keptDeltas(out: string, refs: readonly FeedDeltaRef[], room: number, budget: number, files: Map<string, Buffer>): FeedDeltaRef[] {
  const kept: FeedDeltaRef[] = [];
  let bytes = 0;
  for (const ref of [...refs].reverse()) {
    const file = path.join(out, ref.href);
    const parts = [ref.search?.meta, ref.search?.body].filter((part): part is FeedBodyRef => part !== null && part !== undefined);
    if (kept.length >= room || !existsSync(file) || parts.some((part) => !existsSync(path.join(out, part.href)))) break;
    bytes += ref.bytes + parts.reduce((n, part) => n + part.bytes, 0);
    if (bytes > budget) break;
    files.set(ref.href, readFileSync(file));
    for (const part of parts) files.set(part.href, readFileSync(path.join(out, part.href)));
    kept.unshift(ref);
  }
  return kept;
}

/**
 * The manifest's revision and deltas from the folder at `out`, and the delta files to write with
 * it (the new one and the earlier ones kept). A rebuild that changes no article and no shard keeps
 * the previous revision; one whose delta would carry most articles raises it with no deltas; a
 * folder with no readable manifest or shards starts at 1. `known` is what
 * a rebuild over that folder found changed; without it the shards that changed are compared.
 */
export function deltaStep(out: string, manifest: FeedManifest, newShard: ShardReader, known: KnownChanges | null = null): { manifest: FeedManifest; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const previous = readPrevious(out);
  const from = previous?.revision ?? 0;
  const delta = previous ? diff(out, previous, manifest, newShard, from, known) : null;
  if (!previous || !delta) return { files, manifest: { ...manifest, revision: 1, deltas: [] } };
  // The chain restarts: readers behind fetch the changed shards, and the build does not index such a delta.
  if (delta === MOST) return { files, manifest: { ...manifest, revision: from + 1, deltas: [] } };
  const shardBytes = manifest.shards.reduce((n, ref) => n + newShard.size(ref.href), 0);
  const unchanged = delta.articles.length === 0 && delta.removed.length === 0 && delta.shards.length === 0 && delta.dropped.length === 0;
  if (unchanged) {
    const deltas = keptDeltas(out, previous.deltas ?? [], KEEP_DELTAS, Infinity, files);
    return { files, manifest: { ...manifest, revision: from, deltas } };
  }
  const bytes = Buffer.from(JSON.stringify(delta), 'utf8');
  const hash = hash16(bytes);
  const search = deltaSegment(delta, newShard, files, known?.docs ?? null);
  const ref: FeedDeltaRef = { from, to: delta.to, href: `deltas/${from}-${delta.to}.${hash}.json`, hash, bytes: bytes.length, ...(search ? { search } : {}) };
  files.set(ref.href, bytes);
  const searchBytes = (search?.meta.bytes ?? 0) + (search?.body?.bytes ?? 0);
  const earlier = keptDeltas(out, previous.deltas ?? [], KEEP_DELTAS - 1, shardBytes - bytes.length - searchBytes, files);
  return { files, manifest: { ...manifest, revision: delta.to, deltas: [...earlier, ref] } };
}

/** Shard files where a build wrote them. */
export function shardFilesIn(root: string): ShardReader {
  const file = (href: string) => path.join(root, href);
  return {
    read: (href) => (existsSync(file(href)) ? readFileSync(file(href)) : undefined),
    size: (href) => (existsSync(file(href)) ? statSync(file(href)).size : 0),
  };
}

/** `deltaStep` for a feed laid out in memory. */
export function withDeltas(out: string, feed: FeedFiles): FeedFiles {
  const step = deltaStep(out, feed.manifest, { read: (href) => feed.files.get(href), size: (href) => feed.files.get(href)?.length ?? 0 });
  return { manifest: step.manifest, files: new Map([...feed.files, ...step.files]) };
}
