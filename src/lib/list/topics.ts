export interface NamedTopicCount {
  slug: string;
  name: string;
  count: number;
  unread: number;
}

/**
 * The topics the filter shows: chosen ones first (even at zero), then the most used, narrowed by
 * a search over the starts of words in the name and slug (topicMatcher). A blog can have thousands of topics, so the rest stay folded.
 */
export function pickTopics(
  counts: readonly NamedTopicCount[],
  selected: readonly string[],
  search: string,
  limit: number,
  nameOf: (slug: string) => string = (slug) => slug,
): { shown: NamedTopicCount[]; hidden: number } {
  const matches = topicMatcher(search);
  const bySlug = new Map(counts.map((c) => [c.slug, c]));
  const chosen = selected.map((slug) => bySlug.get(slug) ?? { slug, name: nameOf(slug), count: 0, unread: 0 });
  const rest = counts.filter((c) => !selected.includes(c.slug) && matches(c));
  const room = Math.max(0, limit - chosen.length);
  return { shown: [...chosen, ...rest.slice(0, room)], hidden: Math.max(0, rest.length - room) };
}

/**
 * Whether a topic matches what the reader typed: each typed word starts a word of the name or slug,
 * so "rust" finds "Rust" and "Rust Async" but not "Zero Trust", and "vec data" finds "Vector Databases".
 */
export function topicMatcher(search: string): (topic: { name: string; slug: string }) => boolean {
  const needles = search.toLowerCase().split(/[\s-]+/).filter((w) => w !== '');
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
