import type { FeedManifest, FeedShardRef } from '../feed/folder';
import type { Source, SourceRef, SyncRequest } from '../model/source';
import type { SyncProgress, SyncResult } from '../model/sync';
import type { FolioDb } from '../store/FolioDb';
import { compareShards, writeShards, type IncomingShard, type WriteCounts } from '../store/shards';
import { chunkKey } from '../store/keys';
import { feedSegmentsOf } from '../store/segmentParts';
import { readSyncBasis, type SyncBasis } from '../store/syncBasis';
import type { Environment } from './environment';
import { toAppError } from './errors';
import type { Fetch } from './fetchLimited';
import { fetchInOrder, manifestOrder, shardsForArticleFirst } from './shardOrder';
import { fetchManifest } from './folderFetch';
import { askEarly, deltasFromStore, syncByDeltas } from './folderDeltas';
import { fetchPartsAhead, storeSearchBodies, type PartsAhead } from './searchBodies';

/**
 * Body parts of a feed's search index are stored with its shards while all of them together stay
 * within this many bytes (the real blog's: 2.2 MB for 1,263 posts; see the README). A larger
 * index keeps its body parts on the server: the offline page offers them, and searches fetch
 * them on demand while online.
 */
export const AUTO_BODY_INDEX_BYTES = 8 * 1024 * 1024;

/** Total bytes of the body parts a manifest lists. */
export const bodyIndexBytes = (manifest: FeedManifest): number => manifest.shards.reduce((n, ref) => n + (ref.search?.body?.bytes ?? 0), 0);
/** Whether a sync stores every body part of the folder's search index by itself. */
const autoBodyIndex = (manifest: FeedManifest): boolean => bodyIndexBytes(manifest) <= AUTO_BODY_INDEX_BYTES;

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
    topicNames: new Map(manifest.topics.map((t) => [t.slug, t.name])),
    articleCount: manifest.articleCount,
    feedGeneratedAt: manifest.generatedAt,
    lastSyncedAt,
    ...(manifest.revision === undefined ? {} : { revision: manifest.revision }),
  };
}

interface Pass {
  db: FolioDb;
  source: SourceRef;
  manifest: FeedManifest;
  fetcher: Fetch;
  changed: FeedShardRef[];
  drop: Set<string>;
  /** Whether to store the shard's search body part too (AUTO_BODY_INDEX_BYTES). */
  withBody: (ref: FeedShardRef) => boolean;
  /** Whether the whole body index fits AUTO_BODY_INDEX_BYTES, so every body part is stored. */
  autoBodies: boolean;
  /** Body parts a first sync fetches while it writes its list, for bodiesAfterList. */
  bodiesAhead: PartsAhead;
  /** The reader is opening an article (SyncRequest.textFirst): a first sync's body parts all wait for its text. */
  textFirst: boolean;
  /** Its id, when it is this source's (SyncRequest.article): a first sync stores its likely shard first. */
  article: string | undefined;
  /** Environment.textsIdle: a first sync lets an article's text go first. */
  textsIdle: () => Promise<void>;
  onProgress: SyncProgress;
}

const noWait = (): Promise<void> => Promise.resolve();

const noCounts = (): WriteCounts => ({ added: 0, removed: 0, refreshed: 0 });

function addCounts(into: WriteCounts, counts: WriteCounts): void {
  into.added += counts.added;
  into.removed += counts.removed;
  into.refreshed += counts.refreshed;
}

/**
 * A first sync (or one resuming an interrupted first sync) stores shards as they arrive, newest
 * first (the newest alone, the rest in batches), so the list fills in within a second and a dropped
 * network keeps what already landed. Batches are written one after the other, and the next is
 * gathered while one commits: at 100k that kept the worker busy and saved about a third of a second.
 * Body parts that every sync stores come with their shards and are written in the same transactions,
 * except the newest shard's: it lands alone and light, and its part is asked for once every shard
 * is, downloads while the list is written, and is stored after it (bodiesAfterList). When the reader
 * is opening an article, no part comes with the list: they follow its text.
 */
async function firstPass(pass: Pass, syncedAt: () => number): Promise<WriteCounts> {
  const { db, source, manifest, changed, onProgress } = pass;
  const base = { sourceId: source.id, defaultAuthor: manifest.author };
  const totals = noCounts();
  // The source goes first, so the page knows a first sync is under way; the shards download meanwhile.
  const started = writeShards(db, { ...base, incoming: [], drop: new Set(), source: sourceRecord(source, manifest, null) });
  started.catch(() => undefined);
  // The newest shard lands alone so the first page shows at once (after the shards of an article being
  // opened, alone too); the rest go in batches, since each transaction has a fixed cost that hundreds
  // of small shards would multiply.
  const order = shardsForArticleFirst(changed, pass.article);
  const alone = order.early + 1;
  let batch: IncomingShard[] = [];
  let batchArticles = 0;
  let done = 0;
  let flushes = 0;
  // One write in flight: the next batch is parsed and checked while this one commits.
  let writing: Promise<unknown> = started;
  const flush = async (): Promise<void> => {
    const previous = writing;
    if (batch.length > 0) {
      const incoming = batch;
      batch = [];
      batchArticles = 0;
      flushes++;
      writing = previous.then(async () => {
        addCounts(totals, await writeShards(db, { ...base, incoming, drop: new Set() }));
        done += incoming.length;
        onProgress({ shards: done, ofShards: changed.length });
      });
      // Awaited by the next flush, or at the end: never left to reject unobserved.
      writing.catch(() => undefined);
    }
    await previous;
  };
  try {
    const newest = changed[0];
    const afterList = (ref: FeedShardRef): boolean => pass.autoBodies && (pass.textFirst || ref === newest);
    const withBody = (ref: FeedShardRef): boolean => pass.withBody(ref) && !afterList(ref);
    // Once every shard is on its way, the newest shard's body part follows.
    const bodiesNext = (): void => {
      const body = pass.autoBodies && !pass.textFirst ? newest?.search?.body : undefined;
      if (body) fetchPartsAhead(pass.fetcher, source.feedUrl, [body], pass.bodiesAhead);
    };
    const take = async (shard: IncomingShard): Promise<void> => {
      batch.push(shard);
      batchArticles += shard.shard.articles.length;
      if (flushes < alone || batchArticles >= BATCH_ARTICLES) await flush();
    };
    await fetchInOrder(pass.fetcher, source.feedUrl, order, withBody, take, bodiesNext, pass.textsIdle);
  } finally {
    // Shards that arrived before a failure are kept: the next sync fetches only the rest.
    await flush();
    await writing;
  }
  addCounts(totals, await writeShards(db, { ...base, incoming: [], drop: pass.drop, source: sourceRecord(source, manifest, syncedAt()) }));
  return totals;
}

/** A re-sync writes everything in one transaction: any failure leaves the store as it was. */
async function laterPass(pass: Pass, syncedAt: () => number): Promise<WriteCounts> {
  const { db, source, manifest, changed } = pass;
  const incoming: IncomingShard[] = [];
  await fetchInOrder(pass.fetcher, source.feedUrl, manifestOrder(changed), pass.withBody, async (shard) => {
    incoming.push(shard);
  });
  const record = sourceRecord(source, manifest, syncedAt());
  const counts = await writeShards(db, { sourceId: source.id, defaultAuthor: manifest.author, incoming, drop: pass.drop, source: record });
  pass.onProgress({ shards: changed.length, ofShards: changed.length });
  return counts;
}

/**
 * Shards to fetch, newest first: those whose hash changed, and those whose stored segment is not
 * the folder's own (stored before the folder had an index, or before this version of Folio).
 */
function changedShards(sourceId: string, manifest: FeedManifest, basis: SyncBasis): Pick<Pass, 'changed' | 'drop' | 'withBody' | 'autoBodies'> {
  const { changed, drop } = compareShards(sourceId, basis.storedKeys, manifest.shards, (ref) => ref);
  const fromFeed = feedSegmentsOf(sourceId, basis.segmentRevs);
  const fetch = new Set(changed);
  const indexed = (ref: FeedShardRef): boolean => ref.search === undefined || fromFeed.chunks.get(ref.key) === chunkKey(sourceId, ref.key, ref.hash);
  // Body parts the reader chose to keep (on the offline page) stay kept when their shard changes.
  const auto = autoBodyIndex(manifest);
  return {
    changed: manifest.shards.filter((ref) => fetch.has(ref) || !indexed(ref)),
    drop,
    withBody: (ref) => auto || fromFeed.withBody.has(ref.key),
    autoBodies: auto,
  };
}

/**
 * The body parts a sync stores by itself that the device still lacks: after a first sync's list,
 * or left missing by an earlier sync that was cut off. The list is stored already, so a failure
 * here is not the sync's: searches fetch missing parts while online, and the next sync tries again.
 */
async function bodiesAfterList(db: FolioDb, source: SourceRef, env: Environment, ahead: PartsAhead): Promise<void> {
  await storeSearchBodies(db, env, source.id, ahead).catch(() => undefined);
}

/**
 * Syncs a Folio feed folder: the manifest, then the deltas from the stored revision when the folder
 * has them all, else only the shards whose hash differs from the stored one. The deltas are asked
 * for as the manifest arrives when the page says which revision it saw stored (`source.seen`).
 */
export async function syncFolder(db: FolioDb, source: SyncRequest, env: Environment, onProgress: SyncProgress = () => {}): Promise<SyncResult> {
  // What the store holds is read while the manifest downloads: a worker's first read opens the database.
  const stored = readSyncBasis(db, source.id);
  stored.catch(() => undefined);
  const manifest = await fetchManifest(env.fetcher, source.feedUrl);
  try {
    const early = askEarly(source, manifest, env, autoBodyIndex(manifest));
    const basis = await stored;
    const { previous } = basis;
    const pass: Pass = { db, source, manifest, fetcher: env.fetcher, ...changedShards(source.id, manifest, basis), bodiesAhead: new Map(), textFirst: source.textFirst === true, article: source.article, textsIdle: env.textsIdle ?? noWait, onProgress };
    const deltas = deltasFromStore(early, source, manifest, previous, env, pass.autoBodies);
    // Deltas only when they cover every shard the hashes say to fetch (a segment an older Folio built counts too).
    const context = { record: (at: number) => sourceRecord(source, manifest, at), withBody: pass.withBody, needed: pass.changed, previousCount: previous?.articleCount ?? 0, allBodies: pass.autoBodies };
    // Without deltas too: a source with an overlay and nothing newer folds it into its shards.
    const viaDeltas = previous && previous.lastSyncedAt !== null ? await syncByDeltas(db, source, manifest, { coming: deltas, overlay: basis.overlay }, env, context) : null;
    const articleCount = manifest.shards.reduce((n, ref) => n + ref.count, 0);
    let result: SyncResult;
    if (viaDeltas) {
      onProgress({ shards: 0, ofShards: 0 });
      result = { sourceId: source.id, title: manifest.title, ...viaDeltas, articleCount };
    } else {
      let syncedAt = 0;
      const stamp = (): number => (syncedAt = env.now());
      const first = !previous || previous.lastSyncedAt === null;
      const counts = first ? await firstPass(pass, stamp) : await laterPass(pass, stamp);
      result = { sourceId: source.id, title: manifest.title, ...counts, shardsFetched: pass.changed.length, articleCount, syncedAt };
      if (first && pass.textFirst && pass.autoBodies) await env.afterTexts?.();
    }
    if (pass.autoBodies) await bodiesAfterList(db, source, env, pass.bodiesAhead);
    return result;
  } catch (error) {
    throw toAppError(error, 'the feed');
  }
}
