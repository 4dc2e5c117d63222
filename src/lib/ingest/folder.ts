import type { FolioDb } from '../store/FolioDb';
import type { SourceRecord } from '../store/records';
import type { FeedManifest, FeedShardRef } from '../feed/folder';
import { toSyncError } from './errors';
import { fetchManifest, fetchShard, type Fetch } from './folderFetch';
import type { SourceTarget, SyncProgress, SyncResult } from '../model/sync';
import { shardChanges, writeShards, type IncomingShard, type WriteCounts } from '../store/shards';

const PARALLEL_FETCHES = 4;
/** Articles per write while a first sync streams in. */
const BATCH_ARTICLES = 4000;

function sourceRecord(source: SourceTarget, manifest: FeedManifest, lastSyncedAt: number | null): SourceRecord {
  return {
    id: source.id,
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
    await take(shard);
  }
}

/**
 * Fetches the manifest, then only the shards whose hash differs from the stored one.
 *
 * A re-sync writes everything in one transaction: any failure leaves the store as it was. A first
 * sync (or one resuming an interrupted first sync) stores each shard as it arrives, newest first,
 * so the list fills in within a second and a dropped network keeps what already landed.
 */
export async function syncSource(
  db: FolioDb,
  source: SourceTarget,
  fetcher: Fetch = fetch,
  onProgress: SyncProgress = () => {},
  now: () => number = Date.now,
): Promise<SyncResult> {
  const manifest = await fetchManifest(fetcher, source.feedUrl);
  try {
    const { changed, drop } = await shardChanges(db, source.id, manifest.shards, (ref) => ref);
    const previous = await db.sources.get(source.id);
    const progressive = !previous || previous.lastSyncedAt === null;
    const totals: WriteCounts = { added: 0, removed: 0, refreshed: 0 };
    const add = (counts: WriteCounts): void => {
      totals.added += counts.added;
      totals.removed += counts.removed;
      totals.refreshed += counts.refreshed;
    };
    const base = { sourceId: source.id, defaultAuthor: manifest.author };
    let syncedAt: number;

    if (progressive) {
      await db.sources.put(sourceRecord(source, manifest, null));
      // The newest shard lands alone so the first page shows at once; the rest go in batches,
      // since each transaction has a fixed cost that hundreds of small shards would multiply.
      let batch: IncomingShard[] = [];
      let batchArticles = 0;
      let done = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        add(await writeShards(db, { ...base, incoming: batch, drop: new Set() }));
        done += batch.length;
        batch = [];
        batchArticles = 0;
        onProgress({ shards: done, ofShards: changed.length });
      };
      try {
        await fetchInOrder(fetcher, source.feedUrl, changed, async (shard) => {
          batch.push(shard);
          batchArticles += shard.shard.articles.length;
          if (done === 0 || batchArticles >= BATCH_ARTICLES) await flush();
        });
      } finally {
        // Shards that arrived before a failure are kept: the next sync fetches only the rest.
        await flush();
      }
      syncedAt = now();
      add(await writeShards(db, { ...base, incoming: [], drop, source: sourceRecord(source, manifest, syncedAt) }));
    } else {
      const incoming: IncomingShard[] = [];
      await fetchInOrder(fetcher, source.feedUrl, changed, async (shard) => {
        incoming.push(shard);
      });
      syncedAt = now();
      add(await writeShards(db, { ...base, incoming, drop, source: sourceRecord(source, manifest, syncedAt) }));
      onProgress({ shards: changed.length, ofShards: changed.length });
    }

    return {
      sourceId: source.id,
      ...totals,
      shardsFetched: changed.length,
      articleCount: manifest.shards.reduce((n, ref) => n + ref.count, 0),
      syncedAt,
    };
  } catch (error) {
    throw toSyncError(error, 'the feed');
  }
}
