/**
 * Topic names and aliases: one rule for every source, no hand-made lists.
 *
 * Display name: the most used spelling that capitalises something ("Machine Learning", "LLM"),
 * as authors who capitalise mean it; when every spelling is lower-case ("edge computing",
 * "distributed-systems"), the words with hyphens as spaces and each word capitalised. A name with
 * other characters (signs, brackets) is shown as written.
 *
 * Aliases: two slugs are one topic when they differ only in the plural of their last word
 * ("vector-database" / "vector-databases"), or when one is the initials of the other's words
 * ("rag" / "retrieval-augmented-generation", "llm" / "large-language-models"): three or more words
 * of three or more letters, and no other slug spelling the same initials; such an acronym's plural
 * ("llms") joins it as well. Other plurals are of words of five or more letters with a vowel, so
 * "nats" stays apart from "nat" and "https" from "http". The slug with more articles stays (the
 * shorter one on a tie).
 */

/**
 * Every catalogue build applies these rules to every topic (1,936 on the real blog), and a
 * topic's answer never changes: each rule remembers its answers, up to a bound.
 */
function remembered<T>(rule: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text) as T;
    if (answers.size >= 50_000) answers.clear();
    const answer = rule(text);
    answers.set(text, answer);
    return answer;
  };
}

/** The display name from each spelling and how many articles used it; `slug` when there are none. */
export function topicDisplayName(spellings: Iterable<readonly [string, number]>, slug: string): string {
  let best: string | null = null;
  let bestCount = 0;
  for (const [spelling, count] of spellings) {
    // Map order is first-seen order, so a tie keeps the first spelling.
    if (/\p{Lu}/u.test(spelling) && count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  if (best !== null) return best.trim();
  let lower: string | null = null;
  for (const [spelling] of spellings) {
    lower = spelling;
    break;
  }
  return tidyLowerName(lower ?? slug);
}

/**
 * "distributed-systems" or "edge  computing" → "Distributed Systems". Only a slug-like name (lower-case
 * letters and digits in words joined by spaces or hyphens) is changed; any other name is kept as written.
 */
export const tidyLowerName = remembered((name: string): string => {
  if (!/^[\p{Ll}\p{N}]+(?:[\s-]+[\p{Ll}\p{N}]+)*$/u.test(name.trim())) return name;
  return name
    .trim()
    .split(/[\s-]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
});

/**
 * What a slug's singular and plural share: its last word without a plural ending and a final "e"
 * ("vector-databases" and "vector-database" → "vector-databas"; "caches", "cache" → "cach";
 * "libraries", "library" → "library"). A grouping key, not a word to show.
 */
export const singularSlug = remembered((slug: string): string => {
  const cut = slug.lastIndexOf('-');
  const head = slug.slice(0, cut + 1);
  let word = slug.slice(cut + 1);
  // Short words and ones with no vowel are names more often than plurals: "nats", "https".
  if (word.length <= 4 || !/[aeiouy]/.test(word.slice(0, -1))) return slug;
  if (/[^aeiou]ies$/.test(word)) return `${head}${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) word = word.slice(0, -2);
  else if (/[^siu]s$/.test(word)) word = word.slice(0, -1);
  return `${head}${word.replace(/([^e])e$/, '$1')}`;
});

/**
 * "retrieval-augmented-generation" → "rag"; null for fewer than three words (two letters are too
 * often a word: "gpu-orchestration" is not "go") or a word shorter than three letters.
 */
export const initialsOf = remembered((slug: string): string | null => {
  const words = singularSlug(slug).split('-');
  if (words.length < 3 || words.some((w) => w.length < 3 || !/^\p{Ll}/u.test(w))) return null;
  return words.map((w) => w.charAt(0)).join('');
});

export interface SlugCount {
  slug: string;
  count: number;
}

/** Alias slug → the slug it is merged into, for every topic that has one (see the rule above). */
export function topicAliases(topics: readonly SlugCount[]): Map<string, string> {
  // Groups by singular form first, then joins a group to the group its initials name.
  const groups = new Map<string, SlugCount[]>();
  for (const topic of topics) {
    const key = singularSlug(topic.slug);
    const group = groups.get(key);
    if (group) group.push(topic);
    else groups.set(key, [topic]);
  }
  // An acronym takes a spelled-out form only when exactly one form spells it ("ar" is both
  // "augmented-reality" and "advanced-react": neither joins it).
  const expansions = new Map<string, string[]>();
  for (const key of groups.keys()) {
    const initials = initialsOf(key);
    if (initials !== null && initials !== key && groups.has(initials)) expansions.set(initials, [...(expansions.get(initials) ?? []), key]);
  }
  const parent = new Map<string, string>();
  for (const [initials, keys] of expansions) if (keys.length === 1) parent.set(keys[0] as string, initials);
  // The plural of such an acronym ("llms" of "llm") joins it too: too short for the plural rule,
  // but an acronym that spells one phrase is a word, not a name that happens to end in "s".
  for (const key of groups.keys()) {
    const acronym = key.slice(0, -1);
    if (key.endsWith('s') && !key.includes('-') && expansions.get(acronym)?.length === 1) parent.set(key, acronym);
  }
  const merged = new Map<string, SlugCount[]>();
  for (const [key, group] of groups) {
    const root = parent.get(key) ?? key;
    merged.set(root, [...(merged.get(root) ?? []), ...group]);
  }
  const aliases = new Map<string, string>();
  for (const group of merged.values()) {
    if (group.length < 2) continue;
    const keep = [...group].sort((a, b) => b.count - a.count || a.slug.length - b.slug.length || (a.slug < b.slug ? -1 : 1))[0] as SlugCount;
    for (const topic of group) if (topic.slug !== keep.slug) aliases.set(topic.slug, keep.slug);
  }
  return aliases;
}
