/**
 * Topic slugs and display names, one rule for every format (feeds, Hugo folders, feed folders):
 * invisible characters dropped, NFKC, Hugo's slug rule (lower-case), bounded lengths, at most
 * MAX_TOPICS_PER_ARTICLE per article, each slug once per article.
 */
import type { FeedTopic } from './folder';
import { MAX_TOPIC_CHARS, MAX_TOPICS_PER_ARTICLE } from './limits';
import { cleanText } from './htmlText';
import { slugifyTopic } from './normalize';
import { hasMixedScripts } from './text';
import { topicDisplayName } from '../model/topics';

/** A topic's slug from any spelling of it (a name or a slug): "Rust", "ru\u200Bst", "ｒｕｓｔ" → "rust". */
export function topicSlug(raw: string): string {
  return slugifyTopic(raw.slice(0, MAX_TOPIC_CHARS));
}

/**
 * A topic's display name. A word that mixes Latin with Cyrillic, Greek… letters ("rуst") is marked
 * "(mixed scripts)": its slug is already distinct from "rust", and the mark keeps it from looking
 * like "rust" in the topic list too. Empty names fall back to the slug.
 */
export function topicName(raw: string, slug: string): string {
  const name = cleanText(raw.slice(0, MAX_TOPIC_CHARS)) || slug;
  return hasMixedScripts(name) && !name.endsWith(MIXED) ? `${name}${MIXED}` : name;
}

const MIXED = ' (mixed scripts)';

export interface ArticleTopics {
  /** slug → display name, in source order, each slug once. */
  names: Map<string, string>;
  /** How many topics past MAX_TOPICS_PER_ARTICLE were ignored. */
  ignored: number;
}

/** Slugs already made from a term: a file's articles share most of their topics. */
export type TopicSlugMemo = Map<string, string>;

/**
 * An article's topic slugs, as articleTopics gives them, without display names: a feed folder's
 * names come from its manifest, so making one for each article's topics was wasted work.
 */
export function topicSlugs(terms: readonly string[], memo: TopicSlugMemo): { slugs: string[]; ignored: number } {
  const slugs: string[] = [];
  let i = 0;
  for (; i < terms.length && slugs.length < MAX_TOPICS_PER_ARTICLE; i++) {
    const term = terms[i] as string;
    let slug = memo.get(term);
    if (slug === undefined) {
      slug = topicSlug(term);
      memo.set(term, slug);
    }
    // An article has a few topics: a list finds a repeat sooner than a Map is made.
    if (slug !== '' && !slugs.includes(slug)) slugs.push(slug);
  }
  return { slugs, ignored: terms.length - i };
}

/**
 * One article's topics: `term` gives the slug, `label` (else `term`) the name. Stops reading at
 * MAX_TOPICS_PER_ARTICLE distinct slugs, so 100,000 tags on one item cost no more than 50.
 */
export function articleTopics(topics: readonly { term: string; label?: string | null }[]): ArticleTopics {
  // A Map, not an object literal: a topic may well be called "__proto__".
  const names = new Map<string, string>();
  let i = 0;
  for (; i < topics.length && names.size < MAX_TOPICS_PER_ARTICLE; i++) {
    const { term, label } = topics[i] ?? { term: '' };
    const slug = topicSlug(term);
    if (slug === '' || names.has(slug)) continue;
    names.set(slug, topicName(label?.trim() ? label : term, slug));
  }
  return { names, ignored: topics.length - i };
}

/**
 * Counts articles per topic and picks each topic's display name from its spellings (model/topics:
 * the most used capitalised one, else the words capitalised). Shared by the Hugo folder builder and the
 * feed normaliser.
 */
export class TopicTally {
  private readonly bySlug = new Map<string, { count: number; spellings: Map<string, number> }>();

  /** One article's topics: each slug once, with this article's spelling of it. */
  add(topics: Iterable<{ slug: string; name: string }>): void {
    for (const { slug, name } of topics) {
      let entry = this.bySlug.get(slug);
      if (!entry) {
        entry = { count: 0, spellings: new Map() };
        this.bySlug.set(slug, entry);
      }
      entry.count++;
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
    }
  }

  /** Sorted by count, descending, then slug. Names follow model/topics' one rule. */
  topics(): FeedTopic[] {
    const topics: FeedTopic[] = [];
    for (const [slug, { count, spellings }] of this.bySlug) topics.push({ slug, name: topicDisplayName(spellings, slug), count });
    return topics.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  }
}
