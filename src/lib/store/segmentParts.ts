/**
 * Search segments outside a sync: reading them, attaching or dropping a body part fetched later,
 * and indexing shards stored before the index existed (a database upgraded from v4, a feed file).
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { relabel } from '../search/format';
import { SegmentPart } from '../search/segment';
import type { FolioDb } from './FolioDb';
import type { SegmentRecord } from './records';
import { chunkOfRev, inlineBodies, isFeedRev, segmentFor, segmentKey, segmentKeyOfRev, segmentRev, storedArticles, withMissing } from './segments';
import type { ChunkArticle } from './chunks';

/**
 * Calls `changed` after any write to the segments table, in this context or another (Dexie passes
 * its change notices to other workers and tabs); returns the unsubscribe. A reader that loaded the
 * segments need not read their revisions again until then.
 */
export function watchSegments(db: FolioDb, changed: () => void): () => void {
  const table = `idb://${db.name}/segments/`;
  const listener = (parts: ObservabilitySet) => {
    // 'all' (and anything not naming a table) comes when Dexie cannot say what changed.
    if (Object.keys(parts).some((part) => part.startsWith(table) || !part.startsWith('idb://'))) changed();
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}

/** Every segment's revision: a reader diffs these against what it loaded. */
export function segmentRevisions(db: FolioDb): Promise<string[]> {
  return db.segments.orderBy('rev').keys() as Promise<string[]>;
}

/** The revisions of a source's segments. */
export const segmentRevsOf = (db: FolioDb, sourceId: string): Promise<string[]> => db.segments.where('rev').startsWith(`${sourceId}/`).keys() as Promise<string[]>;

export interface FeedSegments {
  chunks: Map<string, string>;
  withBody: Set<string>;
}

/**
 * From a source's segment revisions, those that are the feed folder's own (not built here): shard
 * key → chunk key, and the shard keys whose body part is stored.
 */
export function feedSegmentsOf(sourceId: string, revs: readonly string[]): FeedSegments {
  const prefix = `${sourceId}/`;
  const chunks = new Map<string, string>();
  const withBody = new Set<string>();
  for (const rev of revs) {
    if (!isFeedRev(rev)) continue;
    const shardKey = segmentKeyOfRev(rev).slice(prefix.length);
    chunks.set(shardKey, chunkOfRev(rev));
    if (rev.endsWith('b')) withBody.add(shardKey);
  }
  return { chunks, withBody };
}

export async function readSegments(db: FolioDb, keys: readonly string[]): Promise<SegmentRecord[]> {
  return (await db.segments.bulkGet([...keys])).filter((s): s is SegmentRecord => s !== undefined);
}

export interface MissingBodyPart {
  key: string;
  chunk: string;
  sourceId: string;
  href: string;
  bytes: number;
}

/**
 * Segments whose body part the feed has and the device does not store (of one source, if named).
 * Keys first: a sync asks after every pass, and other sources' rows carry their meta parts.
 */
export async function missingBodyParts(db: FolioDb, sourceId?: string): Promise<MissingBodyPart[]> {
  const keys = (await db.segments.where('missingBody').above(0).primaryKeys()) as string[];
  const wanted = sourceId === undefined ? keys : keys.filter((key) => key.startsWith(segmentKey(sourceId, '')));
  if (wanted.length === 0) return [];
  const rows = await readSegments(db, wanted);
  return rows.flatMap((s) => (s.bodyRef ? [{ key: s.key, chunk: s.chunk, sourceId: s.sourceId, href: s.bodyRef.href, bytes: s.bodyRef.bytes }] : []));
}


/** True when `body` is a body part built with the articles of `meta`. */
function joins(meta: Uint8Array, body: Uint8Array): boolean {
  try {
    const part = new SegmentPart(body);
    return part.header.kind === 'body' && part.header.stamp === new SegmentPart(meta).header.stamp;
  } catch {
    return false;
  }
}

/** A body part fetched after its shard, for the segment of that chunk. */
export interface FetchedBodyPart {
  key: string;
  chunk: string;
  body: Uint8Array;
}

/**
 * Stores body parts fetched after their shards, in one transaction: several at once cost one
 * commit and one change notice to every reader of the index. A part joins only the segment of the
 * same chunk and articles: if the shard changed meanwhile, or the file is not its body part, it is
 * refused (false at its place).
 */
export async function attachSegmentBodies(db: FolioDb, parts: readonly FetchedBodyPart[]): Promise<boolean[]> {
  if (parts.length === 0) return [];
  return db.transaction('rw', db.segments, async () => {
    const segments = await db.segments.bulkGet(parts.map((part) => part.key));
    const joined = parts.map(({ chunk, body }, i) => {
      const segment = segments[i];
      if (!segment || segment.chunk !== chunk || !joins(segment.meta, body)) return null;
      const part = relabel(body, { source: segment.sourceId, key: segment.shardKey });
      return withMissing({ ...segment, body: part, rev: segmentRev(chunk, true, isFeedRev(segment.rev)) });
    });
    await db.segments.bulkPut(joined.filter((segment): segment is SegmentRecord => segment !== null));
    return joined.map((segment) => segment !== null);
  });
}

/** Drops stored body parts that the feed folder can serve again; returns how many. */
export async function detachSegmentBodies(db: FolioDb, sourceId?: string): Promise<number> {
  return db.transaction('rw', db.segments, async () => {
    const rows = sourceId === undefined ? await db.segments.toArray() : await db.segments.where('sourceId').equals(sourceId).toArray();
    const detach = rows.filter((s) => s.body !== null && s.bodyRef !== null).map((s) => withMissing({ ...s, body: null, rev: segmentRev(s.chunk, false, isFeedRev(s.rev)) }));
    await db.segments.bulkPut(detach);
    return detach.length;
  });
}

/**
 * Indexes stored chunks that have no segment, one transaction per chunk with its rows read inside
 * it, so a sync that replaces the chunk meanwhile wins. Returns how many were indexed.
 */
export async function indexStoredShards(db: FolioDb): Promise<number> {
  const [chunkKeys, revs] = await Promise.all([db.catalog.toCollection().primaryKeys(), segmentRevisions(db)]);
  const indexed = new Set(revs.map(chunkOfRev));
  let count = 0;
  for (const key of chunkKeys.filter((k) => !indexed.has(k))) {
    const done = await db.transaction('rw', [db.catalog, db.texts, db.bodies, db.segments], async () => {
      const chunk = await db.catalog.get(key);
      if (!chunk) return false;
      const current = await db.segments.get(segmentKey(chunk.sourceId, chunk.shardKey));
      if (current?.chunk === chunk.key) return false;
      const articles = (await storedArticles(db, chunk)).filter((a): a is ChunkArticle => a !== null);
      // A chunk whose text blocks are incomplete is left for its next sync rather than half indexed.
      if (articles.length !== chunk.ids.length) return false;
      await db.segments.put(segmentFor(chunk, articles, await inlineBodies(db, chunk.sourceId, articles)));
      return true;
    });
    if (done) count++;
  }
  return count;
}
