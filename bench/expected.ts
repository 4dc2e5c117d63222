/**
 * What the list must show for each benchmarked interaction, worked out from the feed files alone
 * (README: topics match any, from/to are inclusive UTC days, newest first, undated last), so every
 * timing also checks that the app reached the right state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedManifest, FeedTopic } from '../src/lib/feed/folder';
import { parseShard } from '../src/lib/feed/shard';
import { tidyLowerName, topicAliases } from '../src/lib/model/topics';

export interface ListedArticle {
  id: string;
  title: string;
  date: number | null;
  topics: readonly string[];
}

export interface FeedFacts {
  manifest: FeedManifest;
  /** Newest first, undated last, ties by id. */
  articles: ListedArticle[];
}

export function readFacts(feedDir: string): FeedFacts {
  const manifest = JSON.parse(readFileSync(path.join(feedDir, 'manifest.json'), 'utf8')) as FeedManifest;
  // Topics as the app lists them: variants merged by its alias rule, named by its naming rule.
  const aliases = topicAliases(manifest.topics.map(({ slug, count }) => ({ slug, count })));
  const kept = (slug: string) => aliases.get(slug) ?? slug;
  const articles: ListedArticle[] = [];
  for (const ref of manifest.shards) {
    const shard = parseShard(JSON.parse(readFileSync(path.join(feedDir, ref.href), 'utf8')), ref.href);
    for (const a of shard.articles) articles.push({ id: a.id, title: a.title, date: a.date === null ? null : Date.parse(a.date), topics: [...new Set(a.topics.map(kept))] });
  }
  articles.sort((a, b) => {
    if (a.date !== b.date) {
      if (a.date === null) return 1;
      if (b.date === null) return -1;
      return b.date - a.date;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const counts = new Map<string, number>();
  for (const a of articles) for (const slug of a.topics) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  const names = new Map(manifest.topics.map((t) => [t.slug, t.name]));
  const topics: FeedTopic[] = [...counts]
    .map(([slug, count]) => ({ slug, name: tidyLowerName(names.get(slug) ?? slug), count }))
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
  return { manifest: { ...manifest, topics }, articles };
}

export interface Filter {
  topics?: readonly string[];
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;

export function countMatching(facts: FeedFacts, filter: Filter): number {
  const start = filter.from ? Date.parse(`${filter.from}T00:00:00Z`) : -Infinity;
  const end = filter.to ? Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS : Infinity;
  const ranged = filter.from !== undefined || filter.to !== undefined;
  const topics = filter.topics ?? [];
  let n = 0;
  for (const a of facts.articles) {
    if (ranged && (a.date === null || a.date < start || a.date >= end)) continue;
    if (topics.length > 0 && !a.topics.some((t) => topics.includes(t))) continue;
    n++;
  }
  return n;
}

export interface Plan {
  topicA: FeedTopic;
  topicB: FeedTopic;
  from: string;
  to: string;
  total: number;
  countA: number;
  countFrom: number;
  countRange: number;
  countARange: number;
  countABRange: number;
  pageSize: number;
  lastPage: number;
}

/**
 * The interactions' parameters: the two most used topics (B the first that adds articles to A within
 * the range), and the calendar year before the newest article's as the date range.
 */
export function planInteractions(facts: FeedFacts, pageSize = 10): Plan {
  const newest = facts.articles[0]?.date ?? null;
  if (newest === null) throw new Error('the feed has no dated article to plan a date range on');
  const year = new Date(newest).getUTCFullYear() - 1;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [topicA, ...rest] = facts.manifest.topics;
  if (!topicA) throw new Error('the feed has no topics');
  const countARange = countMatching(facts, { topics: [topicA.slug], from, to });
  const topicB = rest.find((t) => countMatching(facts, { topics: [topicA.slug, t.slug], from, to }) > countARange);
  if (!topicB) throw new Error(`no second topic adds articles to "${topicA.slug}" in ${year}`);
  const total = facts.articles.length;
  return {
    topicA,
    topicB,
    from,
    to,
    total,
    countA: countMatching(facts, { topics: [topicA.slug] }),
    countFrom: countMatching(facts, { from }),
    countRange: countMatching(facts, { from, to }),
    countARange,
    countABRange: countMatching(facts, { topics: [topicA.slug, topicB.slug], from, to }),
    pageSize,
    lastPage: Math.max(1, Math.ceil(total / pageSize)),
  };
}
