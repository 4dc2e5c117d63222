export interface NamedTopicCount {
  slug: string;
  name: string;
  count: number;
  unread: number;
}

/**
 * The topics the filter shows: chosen ones first (even at zero), then the most used, narrowed by
 * a search over name and slug. A blog can have thousands of topics, so the rest stay folded.
 */
export function pickTopics(
  counts: readonly NamedTopicCount[],
  selected: readonly string[],
  search: string,
  limit: number,
  nameOf: (slug: string) => string = (slug) => slug,
): { shown: NamedTopicCount[]; hidden: number } {
  const needle = search.trim().toLowerCase();
  const matches = (t: NamedTopicCount) => !needle || t.name.toLowerCase().includes(needle) || t.slug.includes(needle);
  const bySlug = new Map(counts.map((c) => [c.slug, c]));
  const chosen = selected.map((slug) => bySlug.get(slug) ?? { slug, name: nameOf(slug), count: 0, unread: 0 });
  const rest = counts.filter((c) => !selected.includes(c.slug) && matches(c));
  const room = Math.max(0, limit - chosen.length);
  return { shown: [...chosen, ...rest.slice(0, room)], hidden: Math.max(0, rest.length - room) };
}
