import type { FolioDb } from '../db/FolioDb';
import { applyFeed, type SourceTarget, type SyncResult } from './applyFeed';
import { toSyncError } from './errors';
import { fetchManifest, fetchShard, type Fetch } from './fetchFeed';
import { shardRecordKey } from './records';

/**
 * Fetches the manifest, then only the shards whose hash differs from the stored one,
 * then writes everything in one transaction. Any failure leaves the database as it was.
 */
export async function syncSource(db: FolioDb, source: SourceTarget, fetcher: Fetch = fetch): Promise<SyncResult> {
  const manifest = await fetchManifest(fetcher, source.feedUrl);
  const stored = new Map((await db.shards.where('sourceId').equals(source.id).toArray()).map((s) => [s.key, s.hash]));
  const changed = manifest.shards.filter((ref) => stored.get(shardRecordKey(source.id, ref.key)) !== ref.hash);
  const shards = await Promise.all(changed.map((ref) => fetchShard(fetcher, source.feedUrl, ref)));
  try {
    return await applyFeed(db, source, manifest, shards);
  } catch (error) {
    throw toSyncError(error, 'the feed');
  }
}
