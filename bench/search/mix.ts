/** The benchmark's query mix: the same 40 queries for every engine, and for typing into the app. */
import type { Corpus } from './corpus';

export interface MixQuery {
  query: string;
  kind: 'one-word' | 'two-three-words' | 'typo' | 'prefix';
}

export const MIX_KINDS: MixQuery['kind'][] = ['one-word', 'two-three-words', 'typo', 'prefix'];

/** Adjacent letters swapped in the middle: the commonest typo, one edit. */
export function typo(word: string): string {
  const i = Math.floor(word.length / 2) - 1;
  return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
}

/** 40 queries, 10 of each kind, from titles (up to 8 from each of the first 12 shards). */
export function mixFromTitles(shardTitles: readonly (readonly string[])[]): MixQuery[] {
  const titles: string[][] = [];
  for (const shard of shardTitles.slice(0, 12)) {
    for (const title of shard.slice(0, 8)) titles.push(title.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w)));
  }
  const usable = titles.filter((t) => t.length >= 3);
  const mix: MixQuery[] = [];
  for (let i = 0; i < 10; i++) {
    const [a, b, c] = usable[(i * 7) % usable.length] as string[];
    const long = (usable[(i * 5 + 3) % usable.length] as string[]).find((w) => w.length >= 6) ?? (a as string);
    mix.push({ query: `${a} `, kind: 'one-word' });
    mix.push({ query: i % 2 === 0 ? `${a} ${b} ` : `${a} ${b} ${c} `, kind: 'two-three-words' });
    mix.push({ query: `${typo(long)} ${c} `, kind: 'typo' });
    mix.push({ query: `${b} ${(c as string).slice(0, 4)}`, kind: 'prefix' });
  }
  return mix;
}

/** The mix from a corpus's titles, in its shard and doc order. */
export function queryMix(corpus: Corpus): MixQuery[] {
  return mixFromTitles(corpus.shards.slice(0, 12).map((shard) => shard.docs().map((doc) => doc.title)));
}
