/**
 * Each catalogue's topic counts and the aliases they give, kept beside it: a patch starts from its
 * catalogue's counts rather than counting every chunk again.
 */
import { topicAliases } from '../model/topics';
import type { Catalog } from './catalog';
import type { CatalogChunkRecord } from '../store/records';
import { addSlugCounts, countSlugs, slugCountList } from './columns';

/** Articles per slug over a catalogue's chunks, and the aliases they give (as `buildCatalog` merges topics). */
export interface TopicRules {
  counts: ReadonlyMap<string, number>;
  aliases: ReadonlyMap<string, string>;
}

const catalogRules = new WeakMap<Catalog, TopicRules>();

export function withTopicRules(catalog: Catalog, rules: TopicRules): Catalog {
  catalogRules.set(catalog, rules);
  return catalog;
}

export function topicRulesOf(catalog: Catalog): TopicRules {
  let rules = catalogRules.get(catalog);
  if (!rules) {
    const counts = countSlugs(catalog.chunks);
    catalogRules.set(catalog, (rules = { counts, aliases: topicAliases(slugCountList(counts)) }));
  }
  return rules;
}

/** The old catalogue's slug counts with the removed chunks taken away and the added ones counted. */
export function patchedRules(old: Catalog, removed: ReadonlySet<string>, added: readonly CatalogChunkRecord[]): TopicRules {
  const counts = new Map(topicRulesOf(old).counts);
  for (const chunk of old.chunks) if (removed.has(chunk.key)) addSlugCounts(counts, chunk, -1);
  for (const chunk of added) addSlugCounts(counts, chunk, 1);
  return { counts, aliases: topicAliases(slugCountList(counts)) };
}
