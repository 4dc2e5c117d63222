/**
 * A long tail of raw tags, as authors type them: about RAW_TAGS_TARGET spellings of fewer concepts.
 * Case, space-or-hyphen and a non-breaking hyphen slug together ("Distributed Systems",
 * "distributed systems", "distributed‑systems"); plurals and typos do not ("distributed-system",
 * "distribtued-systems"), as in the model blog.
 */
import { slugifyTopic } from '../src/lib/feed/normalize';
import { RAW_TAGS_TARGET, Rng } from './shape';
import { QUALIFIERS, TERMS, TOPIC_NOUNS } from './vocabulary';

export type VariantKind = 'canonical' | 'title-case' | 'spaced' | 'nb-hyphen' | 'plural' | 'typo';

export interface Spelling {
  raw: string;
  kind: VariantKind;
  weight: number;
}

export interface Concept {
  spellings: Spelling[];
}

export interface TagVocabulary {
  /** Most popular first. */
  concepts: Concept[];
  /** Cumulative popularity, for drawing a concept. */
  cumulative: Float64Array;
}

/** Concepts: one slug each in its canonical spelling; ~1.3 spellings a slug, like the model blog. */
const CONCEPTS = Math.round(RAW_TAGS_TARGET / 1.3);
/**
 * Zipf offset: weight 1 / (rank + k). With ~5.2 topics an article, k = 5 puts the top topic on
 * about TOP_TOPIC_SHARE of the articles.
 */
const ZIPF_OFFSET = 5;

const VARIANT_WEIGHTS: readonly (readonly [VariantKind, number])[] = [
  ['title-case', 35],
  ['spaced', 25],
  ['nb-hyphen', 5],
  ['plural', 20],
  ['typo', 15],
];

function titleCase(words: string): string {
  return words
    .split(/[\s-]+/)
    .map((w) => (w.length <= 3 && w !== 'rag' && w !== 'llm' ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function variantOf(canonical: string, kind: VariantKind, rng: Rng): string | null {
  switch (kind) {
    case 'canonical':
      return canonical;
    case 'title-case':
      return titleCase(canonical);
    case 'spaced':
      return canonical.includes('-') ? canonical.replace(/-/g, ' ') : null;
    case 'nb-hyphen':
      return canonical.includes('-') ? canonical.replace(/-/g, '\u2011') : null;
    case 'plural':
      return canonical.endsWith('s') ? canonical.slice(0, -1) : `${canonical}s`;
    case 'typo': {
      // Swap two neighbouring letters inside a word of at least five letters.
      const positions: number[] = [];
      for (let i = 1; i < canonical.length - 2; i++) {
        if (/[a-z]/.test(canonical.charAt(i)) && /[a-z]/.test(canonical.charAt(i + 1)) && canonical.charAt(i) !== canonical.charAt(i + 1)) {
          positions.push(i);
        }
      }
      if (positions.length === 0) return null;
      const i = rng.pick(positions);
      return canonical.slice(0, i) + canonical.charAt(i + 1) + canonical.charAt(i) + canonical.slice(i + 2);
    }
  }
}

export function buildTagVocabulary(seed: number): TagVocabulary {
  const rng = Rng.for('tags', seed);
  // Single terms and qualified nouns ("distributed-systems") are the popular head; other pairs make the tail.
  const candidates: { slug: string; score: number }[] = [];
  for (const term of TERMS) candidates.push({ slug: term, score: rng.float() });
  for (const q of QUALIFIERS) for (const noun of TOPIC_NOUNS) candidates.push({ slug: `${q}-${noun}`, score: rng.float() * 1.5 });
  for (const term of TERMS) for (const noun of TOPIC_NOUNS) candidates.push({ slug: `${term}-${noun}`, score: 1.5 + rng.float() * 10 });
  for (const q of QUALIFIERS) for (const term of TERMS) candidates.push({ slug: `${q}-${term}`, score: 1.5 + rng.float() * 12 });
  candidates.sort((a, b) => a.score - b.score);

  const seenSlugs = new Set<string>();
  const concepts: Concept[] = [];
  for (const { slug } of candidates) {
    if (concepts.length >= CONCEPTS) break;
    const canonical = slugifyTopic(slug);
    if (seenSlugs.has(canonical)) continue;
    seenSlugs.add(canonical);
    concepts.push({ spellings: [{ raw: canonical, kind: 'canonical', weight: 1 }] });
  }

  // Extra spellings until the raw total reaches the target; popular tags get the most variety.
  const rawSeen = new Set(concepts.map((c) => (c.spellings[0] as Spelling).raw));
  let total = rawSeen.size;
  let guard = 0;
  while (total < RAW_TAGS_TARGET && guard++ < RAW_TAGS_TARGET * 50) {
    const rank = Math.min(concepts.length - 1, Math.floor(concepts.length * rng.float() ** 2.5));
    const concept = concepts[rank] as Concept;
    const kind = rng.weighted(VARIANT_WEIGHTS);
    const raw = variantOf((concept.spellings[0] as Spelling).raw, kind, rng);
    if (raw === null || rawSeen.has(raw)) continue;
    rawSeen.add(raw);
    // Case and spacing variants are common; plurals less so; typos are rare.
    const weight = kind === 'typo' ? 0.04 : kind === 'plural' ? 0.12 : kind === 'nb-hyphen' ? 0.05 : 0.45;
    concept.spellings.push({ raw, kind, weight });
    total++;
  }

  const cumulative = new Float64Array(concepts.length);
  let sum = 0;
  concepts.forEach((_, rank) => {
    sum += 1 / (rank + 1 + ZIPF_OFFSET);
    cumulative[rank] = sum;
  });
  return { concepts, cumulative };
}

function drawConcept(vocab: TagVocabulary, rng: Rng): number {
  const total = vocab.cumulative[vocab.cumulative.length - 1] as number;
  const r = rng.float() * total;
  let lo = 0;
  let hi = vocab.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((vocab.cumulative[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `count` raw tags of distinct concepts, each in one of its spellings. */
export function drawTags(vocab: TagVocabulary, count: number, rng: Rng): string[] {
  const chosen = new Set<number>();
  let guard = 0;
  while (chosen.size < Math.min(count, vocab.concepts.length) && guard++ < count * 100) chosen.add(drawConcept(vocab, rng));
  return [...chosen].map((rank) => rng.weighted((vocab.concepts[rank] as Concept).spellings.map((s) => [s.raw, s.weight] as const)));
}

export function allRawTags(vocab: TagVocabulary): string[] {
  return vocab.concepts.flatMap((c) => c.spellings.map((s) => s.raw));
}
