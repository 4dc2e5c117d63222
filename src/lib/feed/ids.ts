/**
 * Article ids: safe in a URL path and a file name ([a-z0-9._-], at most MAX_ID_CHARS, never "." or
 * ".."), and unique within a feed. Pure and browser-safe.
 */
import type { FeedShard } from './folder';
import { hash48 } from './hash';
import { MAX_ID_CHARS, MAX_WARNINGS } from './limits';
import { makeArticleId } from './normalize';

const SAFE_ID = /^[a-z0-9._-]+$/;

/** Whether `id` can be used as it is: "." and ".." name folders, not articles, in a URL. */
export function isSafeId(id: string): boolean {
  return id.length > 0 && id.length <= MAX_ID_CHARS && id !== '.' && id !== '..' && SAFE_ID.test(id);
}

/**
 * `raw` when it is a safe id, else a safe one made from it: its readable part plus 12 hex digits of
 * a hash of the exact text, so two different bad ids stay different and the same one stays the same
 * across syncs. "", "." and ".." become the bare hash.
 */
export function safeArticleId(raw: string): string {
  if (isSafeId(raw)) return raw;
  const cut = raw.slice(0, 4 * MAX_ID_CHARS);
  const made = makeArticleId(cut).slice(0, 48).replace(/[._-]+$/, '');
  const readable = made === 'untitled' && !/untitled/i.test(cut) ? '' : made;
  const hash = hash48(raw);
  return readable === '' ? hash : `${readable}-${hash}`;
}

/** Adds a warning unless MAX_WARNINGS are already there (a feed of 100k repeats stays cheap). */
export function addWarning(warnings: string[] | undefined, message: string): void {
  if (warnings !== undefined && warnings.length < MAX_WARNINGS) warnings.push(message);
}

/**
 * Articles with each id once, the first kept: lists are newest first, so the newest copy wins.
 * `seen` may be shared across calls to de-duplicate across several lists.
 */
export function uniqueById<T extends { id: string }>(
  articles: readonly T[],
  where: string,
  warnings?: string[],
  seen: Set<string> = new Set(),
): T[] {
  const kept: T[] = [];
  for (const article of articles) {
    if (seen.has(article.id)) {
      addWarning(warnings, `${where}: the id ${JSON.stringify(article.id)} repeats an earlier article; kept the first.`);
      continue;
    }
    seen.add(article.id);
    kept.push(article);
  }
  return kept;
}

/**
 * The shards of one feed folder, given in manifest order (newest first), with every article id
 * once across all of them: the first (newest) copy is kept and the rest reported. The sync code
 * calls this on the shards of a manifest before it stores them. Shards are copied, not changed.
 */
export function uniqueIdsAcrossShards(shards: readonly FeedShard[], warnings?: string[]): FeedShard[] {
  const seen = new Set<string>();
  return shards.map((shard) => {
    const articles = uniqueById(shard.articles, `shard ${shard.key}`, warnings, seen);
    return articles.length === shard.articles.length ? shard : { ...shard, articles };
  });
}
