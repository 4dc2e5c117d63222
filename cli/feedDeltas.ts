/**
 * The delta a rebuild writes: when `--out` already holds a feed folder, the new build is compared
 * with it article by article, and the manifest gets a new revision with a delta file from the
 * previous one (src/lib/feed/folder.ts FeedDelta), so readers fetch what changed, not its shards.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DELTA_FORMAT,
  DELTA_VERSION,
  type FeedArticle,
  type FeedDelta,
  type FeedDeltaRef,
  type FeedManifest,
  type FeedShard,
} from '../src/lib/feed/folder';
import { parseManifest } from '../src/lib/feed/validate';
import { hash16, type FeedFiles } from './feedFiles';

/**
 * Deltas kept. A reader who opens Folio once in ten builds catches up through deltas; one further
 * behind fetches changed shards, as before revisions. Ten 1 % deltas are about a tenth of the
 * shards' bytes, and the byte cap below keeps the chain from growing past what shards would cost.
 */
export const KEEP_DELTAS = 10;

type Located = Map<string, { shard: string; json: string; article: FeedArticle }>;

function articlesOf(shards: readonly { key: string; bytes: Buffer }[]): Located {
  const out: Located = new Map();
  for (const { key, bytes } of shards) {
    const shard = JSON.parse(bytes.toString('utf8')) as FeedShard;
    for (const article of shard.articles) out.set(article.id, { shard: key, json: JSON.stringify(article), article });
  }
  return out;
}

function readPrevious(out: string): { manifest: FeedManifest; articles: Located } | null {
  const file = path.join(out, 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    const manifest = parseManifest(JSON.parse(readFileSync(file, 'utf8')));
    const shards = manifest.shards.map((ref) => ({ key: ref.key, bytes: readFileSync(path.join(out, ref.href)) }));
    return { manifest, articles: articlesOf(shards) };
  } catch {
    // An unreadable folder starts a new chain: readers holding it fetch changed shards instead.
    return null;
  }
}

function diff(previous: FeedManifest, before: Located, feed: FeedFiles, from: number): FeedDelta {
  const { shards } = feed.manifest;
  const after = articlesOf(shards.map((ref) => ({ key: ref.key, bytes: feed.files.get(ref.href) ?? Buffer.from('{"articles":[]}') })));
  const old = new Map(previous.shards.map((ref) => [ref.key, ref.hash]));
  const keys = new Set(shards.map((ref) => ref.key));
  const changedShards = shards.filter((ref) => old.get(ref.key) !== ref.hash);
  const dropped = previous.shards.filter((ref) => !keys.has(ref.key)).map((ref) => ref.key);
  return {
    format: DELTA_FORMAT,
    version: DELTA_VERSION,
    from,
    to: from + 1,
    // A moved article (a new date, or a month that overflowed) counts as changed.
    articles: [...after.values()].filter(({ shard, json, article }) => {
      const was = before.get(article.id);
      return was === undefined || was.shard !== shard || was.json !== json;
    }).map(({ shard, article }) => ({ shard, article })),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    shards: changedShards,
    dropped,
    before: [...changedShards.map((ref) => ref.key), ...dropped].flatMap((key) => {
      const hash = old.get(key);
      return hash === undefined ? [] : [{ key, hash }];
    }),
  };
}

/** Earlier deltas still on disk, newest last, at most `room` of them and within `budget` bytes. */
function keptDeltas(out: string, refs: readonly FeedDeltaRef[], room: number, budget: number, files: Map<string, Buffer>): FeedDeltaRef[] {
  const kept: FeedDeltaRef[] = [];
  let bytes = 0;
  for (const ref of [...refs].reverse()) {
    const file = path.join(out, ref.href);
    if (kept.length >= room || !existsSync(file)) break;
    bytes += ref.bytes;
    if (bytes > budget) break;
    files.set(ref.href, readFileSync(file));
    kept.unshift(ref);
  }
  return kept;
}

/**
 * Gives `feed` its revision and deltas from the folder at `out`. A rebuild that changes no article
 * and no shard keeps the previous revision; a folder with no readable manifest starts at 1.
 */
export function withDeltas(out: string, feed: FeedFiles): FeedFiles {
  const previous = readPrevious(out);
  if (!previous) return { ...feed, manifest: { ...feed.manifest, revision: 1, deltas: [] } };
  const from = previous.manifest.revision ?? 0;
  const delta = diff(previous.manifest, previous.articles, feed, from);
  const files = new Map(feed.files);
  const shardBytes = feed.manifest.shards.reduce((n, ref) => n + (files.get(ref.href)?.length ?? 0), 0);
  const unchanged = delta.articles.length === 0 && delta.removed.length === 0 && delta.shards.length === 0 && delta.dropped.length === 0;
  if (unchanged) {
    const deltas = keptDeltas(out, previous.manifest.deltas ?? [], KEEP_DELTAS, Infinity, files);
    return { files, manifest: { ...feed.manifest, revision: from, deltas } };
  }
  const bytes = Buffer.from(JSON.stringify(delta), 'utf8');
  const hash = hash16(bytes);
  const ref: FeedDeltaRef = { from, to: delta.to, href: `deltas/${from}-${delta.to}.${hash}.json`, hash, bytes: bytes.length };
  files.set(ref.href, bytes);
  const earlier = keptDeltas(out, previous.manifest.deltas ?? [], KEEP_DELTAS - 1, shardBytes - bytes.length, files);
  return { files, manifest: { ...feed.manifest, revision: delta.to, deltas: [...earlier, ref] } };
}
