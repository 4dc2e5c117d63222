import type { FeedManifest, FeedShard } from '../feed/format';
import type { FolioDb } from '../db/FolioDb';
import type { ArticleRecord, SourceRecord } from '../db/records';
import { shardRecordKey, toArticleRecord } from './records';

export interface SyncResult {
  sourceId: string;
  added: number;
  removed: number;
  /** Articles rewritten because their shard changed (edited or unchanged neighbours). */
  refreshed: number;
  shardsFetched: number;
  articleCount: number;
  syncedAt: number;
}

export interface SourceTarget {
  id: string;
  feedUrl: string;
}

/**
 * Writes a fetched feed in one transaction: either all of it lands or none of it does.
 * `fetched` holds the shards whose hash changed; shards absent from the manifest are dropped.
 * Reader state is never touched; bodies of articles that left the feed are deleted.
 */
export async function applyFeed(
  db: FolioDb,
  source: SourceTarget,
  manifest: FeedManifest,
  fetched: readonly FeedShard[],
  now: number = Date.now(),
): Promise<SyncResult> {
  const wanted = new Map(manifest.shards.map((ref) => [shardRecordKey(source.id, ref.key), ref]));
  const incoming: ArticleRecord[] = fetched.flatMap((shard) =>
    shard.articles.map((article) => toArticleRecord(source.id, shard.key, article, manifest)),
  );
  const replacedShards = new Set(fetched.map((shard) => shardRecordKey(source.id, shard.key)));

  return db.transaction('rw', [db.sources, db.articles, db.shards, db.bodies], async () => {
    const storedShards = await db.shards.where('sourceId').equals(source.id).toArray();
    const dropped = storedShards.filter((s) => !wanted.has(s.key) || replacedShards.has(s.key)).map((s) => s.key);

    const outgoing = new Set<string>();
    for (const shard of dropped) {
      for (const key of await db.articles.where('shard').equals(shard).primaryKeys()) outgoing.add(key);
    }
    // An article can move between shards when its date changes; only truly new keys count as added.
    const incomingKeys = new Set(incoming.map((a) => a.key));
    const alreadyStored = new Set(
      (await db.articles.bulkGet([...incomingKeys])).flatMap((a) => (a ? [a.key] : [])),
    );
    const gone = [...outgoing].filter((key) => !incomingKeys.has(key));

    await db.articles.bulkDelete([...outgoing]);
    await db.articles.bulkPut(incoming);
    await db.bodies.bulkDelete(gone);
    await db.shards.bulkDelete(storedShards.filter((s) => !wanted.has(s.key)).map((s) => s.key));
    await db.shards.bulkPut(
      fetched.map((shard) => {
        const key = shardRecordKey(source.id, shard.key);
        return { key, sourceId: source.id, hash: wanted.get(key)?.hash ?? '', count: shard.articles.length };
      }),
    );

    const record: SourceRecord = {
      id: source.id,
      feedUrl: source.feedUrl,
      title: manifest.title,
      description: manifest.description,
      homepage: manifest.homepage,
      author: manifest.author,
      topicNames: Object.fromEntries(manifest.topics.map((t) => [t.slug, t.name])),
      articleCount: manifest.articleCount,
      feedGeneratedAt: manifest.generatedAt,
      lastSyncedAt: now,
    };
    await db.sources.put(record);

    const articleCount = await db.articles.where('sourceId').equals(source.id).count();
    return {
      sourceId: source.id,
      added: incoming.length - alreadyStored.size,
      removed: gone.length,
      refreshed: alreadyStored.size,
      shardsFetched: fetched.length,
      articleCount,
      syncedAt: now,
    };
  });
}
