/**
 * Phrases are checked against the text of candidate docs instead of stored word positions:
 * positions would be most of the index's size (measured in README.md), and a phrase query only
 * needs the text of the few best candidates, which the app has stored anyway.
 */
import type { ParsedQuery } from './query';
import type { Hit } from './hit';
import { tokenize, type Token, type TokenizeOptions } from './tokenize';

/** Start indexes (into `tokens`) where `phrase` occurs as consecutive words. */
export function findPhrase(tokens: readonly Token[], phrase: readonly string[]): number[] {
  const found: number[] = [];
  if (phrase.length === 0) return found;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let j = 0;
    while (j < phrase.length && tokens[i + j]?.term === phrase[j]) j++;
    if (j === phrase.length) found.push(i);
  }
  return found;
}

/** True when the text contains every phrase of the query and none of its excluded phrases. */
export function matchesPhrases(text: string, query: ParsedQuery, options: TokenizeOptions = {}): boolean {
  if (query.phrases.length === 0 && query.excludedPhrases.length === 0) return true;
  const tokens = tokenize(text, options);
  return query.phrases.every((p) => findPhrase(tokens, p).length > 0) && query.excludedPhrases.every((p) => findPhrase(tokens, p).length === 0);
}

/**
 * Keeps the hits, in rank order, whose text has the query's phrases, up to `limit`. `textOf` gives
 * a doc's searchable text (title, summary and body when the device has it), or null to drop it.
 * Search with a larger limit than you show: phrases filter candidates out.
 */
export async function filterPhrases(
  hits: readonly Hit[],
  query: ParsedQuery,
  textOf: (hit: Hit) => string | null | Promise<string | null>,
  limit = Infinity,
  options: TokenizeOptions = {},
): Promise<Hit[]> {
  if (query.phrases.length === 0 && query.excludedPhrases.length === 0) return hits.slice(0, limit);
  const kept: Hit[] = [];
  for (const hit of hits) {
    if (kept.length >= limit) break;
    const text = await textOf(hit);
    if (text !== null && matchesPhrases(text, query, options)) kept.push(hit);
  }
  return kept;
}
