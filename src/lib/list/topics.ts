import type { TopicCount } from './facets';

export interface NamedTopicCount extends TopicCount {
  name: string;
}

/** The words typed in a topic search. */
const needlesOf = (search: string): string[] => search.toLowerCase().split(/[\s-]+/).filter((w) => w !== '');

/**
 * The topics the filter shows: chosen ones first (even at zero), then the most used, narrowed by
 * a search over the starts of words in the name and slug (topicMatcher). A blog can have thousands of topics, so the rest stay folded.
 * Names are looked up only for the topics shown, or for all of them while a search needs them:
 * the counts change with every answer to a query being typed.
 */
export function pickTopics(
  counts: readonly TopicCount[],
  selected: readonly string[],
  search: string,
  limit: number,
  nameOf: (slug: string) => string = (slug) => slug,
): { shown: NamedTopicCount[]; hidden: number } {
  const matches = topicMatcher(search);
  const searching = needlesOf(search).length > 0;
  const named = (count: TopicCount): NamedTopicCount => ({ ...count, name: nameOf(count.slug) });
  const chosen = selected.map((slug) => {
    const count = counts.find((c) => c.slug === slug);
    return count ? named(count) : { slug, name: nameOf(slug), count: 0, unread: 0 };
  });
  const room = Math.max(0, limit - chosen.length);
  const rest: NamedTopicCount[] = [];
  let hidden = 0;
  for (const count of counts) {
    if (selected.includes(count.slug)) continue;
    const topic = searching ? named(count) : null;
    if (topic && !matches(topic)) continue;
    if (rest.length < room) rest.push(topic ?? named(count));
    else hidden++;
  }
  return { shown: [...chosen, ...rest], hidden };
}

/**
 * Whether a topic matches what the reader typed: each typed word starts a word of the name or slug,
 * so "rust" finds "Rust" and "Rust Async" but not "Zero Trust", and "vec data" finds "Vector Databases".
 */
export function topicMatcher(search: string): (topic: { name: string; slug: string }) => boolean {
  const needles = needlesOf(search);
  if (needles.length === 0) return () => true;
  return ({ name, slug }) => {
    const words = `${name} ${slug}`.toLowerCase().split(/[^\p{L}\p{N}+#]+/u);
    return needles.every((needle) => words.some((word) => word.startsWith(needle)));
  };
}

export interface TopicLetter {
  /** "A"–"Z", or "#" for names that start with anything else. */
  letter: string;
  topics: NamedTopicCount[];
}

/** Every topic A–Z by name, grouped by first letter, narrowed by `search` (word starts). */
export function topicIndex(topics: readonly NamedTopicCount[], search: string): TopicLetter[] {
  const matches = topicMatcher(search);
  const sorted = topics.filter(matches).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }));
  const groups: TopicLetter[] = [];
  for (const topic of sorted) {
    const first = topic.name.charAt(0).normalize('NFD').charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : '#';
    const last = groups[groups.length - 1];
    if (last && last.letter === letter) last.topics.push(topic);
    else groups.push({ letter, topics: [topic] });
  }
  // Names that start with a digit or a sign come first in the sort; "#" stays one group at the top.
  return groups.filter((g) => g.letter === '#').concat(groups.filter((g) => g.letter !== '#')).reduce<TopicLetter[]>((out, g) => {
    const same = out.find((o) => o.letter === g.letter);
    if (same) same.topics.push(...g.topics);
    else out.push(g);
    return out;
  }, []);
}

/** What the topic filter says when it shows no topic: the topic search found none, or the articles listed have none. */
export function noTopicsText(topicSearch: string, query: string): string {
  const typed = topicSearch.trim();
  if (needlesOf(typed).length > 0) return `No topic matches “${typed}”.`;
  return query.trim() ? 'No topics among the results.' : 'No topics among these articles.';
}
