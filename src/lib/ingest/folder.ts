import type { FeedManifest, FeedShardRef } from '../feed/folder';
import { uniqueById } from '../feed/ids';
import type { Source, SourceRef } from '../model/source';
import type { SyncProgress, SyncResult } from '../model/sync';
import type { FolioDb } from '../store/FolioDb';
import { shardChanges, writeShards, type IncomingShard, type WriteCounts } from '../store/shards';
import { readSource } from '../store/sources';
import type { Environment } from './environment';
import { toAppError } from './errors';
import type { Fetch } from './fetchLimited';
import { fetchManifest, fetchShard } from './folderFetch';

const PARALLEL_FETCHES = 4;
/** Articles per write while a first sync streams in. */
const BATCH_ARTICLES = 4000;

function sourceRecord(source: SourceRef, manifest: FeedManifest, lastSyncedAt: number | null): Source {
  return {
    id: source.id,
    kind: 'folio',
    feedUrl: source.feedUrl,
    title: manifest.title,
    description: manifest.description,
    homepage: manifest.homepage,
    author: manifest.author,
    topicNames: Object.fromEntries(manifest.topics.map((t) => [t.slug, t.name])),
    articleCount: manifest.articleCount,
    feedGeneratedAt: manifest.generatedAt,
    lastSyncedAt,
  };
}

/** Fetches shards a few at a time, handing each to `take` in manifest order (newest first). */
async function fetchInOrder(
  fetcher: Fetch,
  feedUrl: string,
  refs: readonly FeedShardRef[],
  take: (shard: IncomingShard) => Promise<void>,
): Promise<void> {
  const pending = refs.map((ref) => ({ ref, promise: null as Promise<IncomingShard> | null }));
  // An id repeated across shards is kept once, in the newest shard: the list keys articles by id.
  const seen = new Set<string>();
  const unique = ({ shard, hash }: IncomingShard): IncomingShard => ({ shard: { ...shard, articles: uniqueById(shard.articles, `shard ${shard.key}`, undefined, seen) }, hash });
  const start = (i: number): void => {
    const slot = pending[i];
    if (!slot || slot.promise) return;
    slot.promise = fetchShard(fetcher, feedUrl, slot.ref).then((shard) => ({ shard, hash: slot.ref.hash }));
    // After a failure nobody awaits the fetches started ahead; they must not reject unobserved.
    slot.promise.catch(() => {});
  };
  for (let i = 0; i < Math.min(PARALLEL_FETCHES, pending.length); i++) start(i);
  for (let i = 0; i < pending.length; i++) {
    start(i);
    const shard = await (pending[i]?.promise as Promise<IncomingShard>);
    start(i + PARALLEL_FETCHES);
    await take(unique(shard));
  }
}

interface Pass {
  db: FolioDb;
  source: SourceRef;
  manifest: FeedManifest;
  fetcher: Fetch;
  changed: FeedShardRef[];
  drop: Set<string>;
  onProgress: SyncProgress;
}

const noCounts = (): WriteCounts => ({ added: 0, removed: 0, refreshed: 0 });

function addCounts(into: WriteCounts, counts: WriteCounts): void {
  into.added += counts.added;
  into.removed += counts.removed;
  into.refreshed += counts.refreshed;
}

/**
 * A first sync (or one resuming an interrupted first sync) stores each shard as it arrives, newest
 * first, so the list fills in within a second and a dropped network keeps what already landed.
 */
async function firstPass(pass: Pass, syncedAt: () => number): Promise<WriteCounts> {
  const { db, source, manifest, changed, onProgress } = pass;
  const base = { sourceId: source.id, defaultAuthor: manifest.author };
  const totals = noCounts();
  await writeShards(db, { ...base, incoming: [], drop: new Set(), source: sourceRecord(source, manifest, null) });
  // The newest shard lands alone so the first page shows at once; the rest go in batches,
  // since each transaction has a fixed cost that hundreds of small shards would multiply.
  let batch: IncomingShard[] = [];
  let batchArticles = 0;
  let done = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    addCounts(totals, await writeShards(db, { ...base, incoming: batch, drop: new Set() }));
    done += batch.length;
    batch = [];
    batchArticles = 0;
    onProgress({ shards: done, ofShards: changed.length });
  };
  try {
    await fetchInOrder(pass.fetcher, source.feedUrl, changed, async (shard) => {
      batch.push(shard);
      batchArticles += shard.shard.articles.length;
      if (done === 0 || batchArticles >= BATCH_ARTICLES) await flush();
    });
  } finally {
    // Shards that arrived before a failure are kept: the next sync fetches only the rest.
    await flush();
  }
  addCounts(totals, await writeShards(db, { ...base, incoming: [], drop: pass.drop, source: sourceRecord(source, manifest, syncedAt()) }));
  return totals;
}

/** A re-sync writes everything in one transaction: any failure leaves the store as it was. */
async function laterPass(pass: Pass, syncedAt: () => number): Promise<WriteCounts> {
  const { db, source, manifest, changed } = pass;
  const incoming: IncomingShard[] = [];
  await fetchInOrder(pass.fetcher, source.feedUrl, changed, async (shard) => {
    incoming.push(shard);
  });
  const record = sourceRecord(source, manifest, syncedAt());
  const counts = await writeShards(db, { sourceId: source.id, defaultAuthor: manifest.author, incoming, drop: pass.drop, source: record });
  pass.onProgress({ shards: changed.length, ofShards: changed.length });
  return counts;
}

/** Syncs a Folio feed folder: the manifest, then only the shards whose hash differs from the stored one. */
export async function syncFolder(db: FolioDb, source: SourceRef, env: Environment, onProgress: SyncProgress = () => {}): Promise<SyncResult> {
  const manifest = await fetchManifest(env.fetcher, source.feedUrl);
  try {
    const { changed, drop } = await shardChanges(db, source.id, manifest.shards, (ref) => ref);
    const previous = await readSource(db, source.id);
    const pass: Pass = { db, source, manifest, fetcher: env.fetcher, changed, drop, onProgress };
    let syncedAt = 0;
    const stamp = (): number => (syncedAt = env.now());
    const counts = !previous || previous.lastSyncedAt === null ? await firstPass(pass, stamp) : await laterPass(pass, stamp);
    return {
      sourceId: source.id,
      title: manifest.title,
      ...counts,
      shardsFetched: changed.length,
      articleCount: manifest.shards.reduce((n, ref) => n + ref.count, 0),
      syncedAt,
    };
  } catch (error) {
    throw toAppError(error, 'the feed');
  }
}
