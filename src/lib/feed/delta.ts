/** Reading a feed folder's delta file (folder.ts FeedDelta), held to the same rules as shards. */
import { DELTA_FORMAT, DELTA_VERSION, type FeedDelta, type FeedDeltaArticle, type FeedDeltaRef, type FeedShardRef } from './folder';
import { MAX_ID_CHARS } from './limits';
import { parseArticle, parseShardRefs } from './validate';
import { Reader } from './reader';

export function parseDelta(json: unknown, file: string): FeedDelta {
  const r = new Reader(file);
  const o = r.object(json, '$');
  const format = r.literal(o.format, DELTA_FORMAT, '$.format');
  const version = r.literal(o.version, DELTA_VERSION, '$.version');
  const from = r.count(o.from, '$.from');
  const to = r.count(o.to, '$.to');
  if (to <= from) r.fail('$.to', `expected a revision after ${from}`);
  const key = (value: unknown, path: string): string => {
    const text = r.string(value, path);
    if (text === '' || text.length > MAX_ID_CHARS) r.fail(path, `expected a key of 1 to ${MAX_ID_CHARS} characters`);
    return text;
  };
  const articles = r.array(o.articles, '$.articles').map((a, i) => {
    const p = `$.articles[${i}]`;
    const item = r.object(a, p);
    return { shard: key(item.shard, `${p}.shard`), article: parseArticle(r, item.article, `${p}.article`) };
  });
  return {
    format,
    version,
    from,
    to,
    articles,
    removed: r.stringArray(o.removed, '$.removed'),
    shards: parseShardRefs(r, o.shards),
    dropped: r.array(o.dropped, '$.dropped').map((k, i) => key(k, `$.dropped[${i}]`)),
    before: r.array(o.before, '$.before').map((b, i) => {
      const item = r.object(b, `$.before[${i}]`);
      return { key: key(item.key, `$.before[${i}].key`), hash: r.string(item.hash, `$.before[${i}].hash`) };
    }),
  };
}

/**
 * The deltas that lead from `stored` to `latest`, in order, or null when the manifest lacks one of
 * them (the reader is too far behind, or the folder was rebuilt from scratch).
 */
export function deltaChain(refs: readonly FeedDeltaRef[], stored: number, latest: number): FeedDeltaRef[] | null {
  const chain: FeedDeltaRef[] = [];
  let at = stored;
  while (at < latest) {
    const next = refs.find((ref) => ref.from === at && ref.to > at && ref.to <= latest);
    if (!next) return null;
    chain.push(next);
    at = next.to;
  }
  return at === latest ? chain : null;
}

/** Several consecutive deltas as one: what changed from the first's `from` to the last's `to`. */
export interface DeltaChanges {
  from: number;
  to: number;
  /** Article id → the article and its shard, as of `to`. */
  articles: Map<string, FeedDeltaArticle>;
  removed: Set<string>;
  /** Shard key → its ref as of `to`, for every shard that changed or is new. */
  shards: Map<string, FeedShardRef>;
  dropped: Set<string>;
  /** Shard key → its hash at `from`, for the shards that existed then; new shards are absent. */
  before: Map<string, string>;
}

/** Folds deltas, in order; throws when one does not start where the one before it ends. */
export function composeDeltas(deltas: readonly FeedDelta[]): DeltaChanges {
  const first = deltas[0];
  if (!first) throw new Error('no delta to apply');
  const out: DeltaChanges = { from: first.from, to: first.from, articles: new Map(), removed: new Set(), shards: new Map(), dropped: new Set(), before: new Map() };
  for (const delta of deltas) {
    if (delta.from !== out.to) throw new Error(`the delta from revision ${delta.from} does not follow revision ${out.to}`);
    // A shard changed twice keeps the hash it had before the first change.
    for (const { key, hash } of delta.before) if (!out.shards.has(key) && !out.dropped.has(key) && !out.before.has(key)) out.before.set(key, hash);
    for (const id of delta.removed) {
      out.articles.delete(id);
      out.removed.add(id);
    }
    for (const item of delta.articles) {
      out.removed.delete(item.article.id);
      out.articles.set(item.article.id, item);
    }
    for (const ref of delta.shards) {
      out.dropped.delete(ref.key);
      out.shards.set(ref.key, ref);
    }
    for (const key of delta.dropped) {
      out.shards.delete(key);
      out.dropped.add(key);
    }
    out.to = delta.to;
  }
  return out;
}
