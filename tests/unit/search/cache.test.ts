import { describe, expect, it } from 'vitest';
import { buildSegment, type SearchDoc } from '../../../src/lib/search/build';
import { LOCATED_LIMIT, SearchIndex } from '../../../src/lib/search/search';
import { SegmentPart } from '../../../src/lib/search/segment';
import { utf8 } from '../../../src/lib/search/bytes';
import { Vocabulary } from '../../../src/lib/search/vocabulary';
import { TermPlaces } from '../../../src/lib/search/places';

const doc = (id: string, title: string, body: string | null = ''): SearchDoc => ({ id, title, topics: [], author: null, summary: '', body });
const segment = (key: string, docs: SearchDoc[], source = 'blog') => buildSegment(docs, { source, key });
const ids = (index: SearchIndex, query: string) => index.search(query).hits.map((h) => h.id);

/** The queries a reader's keystrokes send, each asked twice so that the second answer comes from the caches. */
function typed(index: SearchIndex, query: string): string[] {
  for (let i = 1; i <= query.length; i++) index.search(query.slice(0, i));
  return ids(index, query);
}

describe('answers kept between keystrokes', () => {
  it('forgets a replaced segment: its old words stop matching and its new ones match', () => {
    const index = new SearchIndex();
    const a = segment('a', [doc('one', 'Postgres tuning', 'vacuum and indexes')]);
    index.put(a.meta, a.body);
    index.put(segment('b', [doc('two', 'Rust traits', 'generic code')]).meta);
    expect(typed(index, 'postgres vacuum ')).toEqual(['one']);
    expect(typed(index, 'postg')).toEqual(['one']);

    const replaced = segment('a', [doc('three', 'Kafka streams', 'postgres sink connector')]);
    index.put(replaced.meta, replaced.body);
    expect(ids(index, 'postgres vacuum ')).toEqual([]);
    expect(ids(index, 'postg')).toEqual(['three']);
    expect(ids(index, 'kafka ')).toEqual(['three']);
  });

  it('forgets a removed source, then finds a new one under the same words', () => {
    const index = new SearchIndex();
    const mine = segment('2024', [doc('mine', 'Distributed consensus', 'raft and paxos')], 'mine');
    index.put(mine.meta, mine.body);
    expect(typed(index, 'consensus raft ')).toEqual(['mine']);
    expect(typed(index, 'consensus rfat ')).toEqual(['mine']);
    expect(index.removeSource('mine')).toBe(1);
    expect(ids(index, 'consensus raft ')).toEqual([]);
    expect(ids(index, 'consensus rfat ')).toEqual([]);
    expect(ids(index, 'cons')).toEqual([]);

    const theirs = segment('2024', [doc('theirs', 'Consensus in practice', 'raft logs')], 'theirs');
    index.put(theirs.meta, theirs.body);
    expect(ids(index, 'consensus raft ')).toEqual(['theirs']);
    expect(ids(index, 'consensus rfat ')).toEqual(['theirs']);
  });

  it('follows a body part detached and attached again', () => {
    const index = new SearchIndex();
    const { meta, body } = segment('a', [doc('one', 'Garden notes', 'tomatoes and basil')]);
    index.put(meta, body);
    expect(typed(index, 'garden basil ')).toEqual(['one']);
    index.detachBody('blog', 'a');
    expect(ids(index, 'garden basil ')).toEqual([]);
    expect(ids(index, 'garden ')).toEqual(['one']);
    index.attachBody(body as Uint8Array);
    expect(ids(index, 'garden basil ')).toEqual(['one']);
  });

  it('scores the same after a new segment changes the statistics', () => {
    const index = new SearchIndex();
    index.put(segment('a', [doc('one', 'Compilers', 'parsing'), doc('two', 'Parsing', 'compilers')]).meta);
    const before = index.search('parsing ').hits.map((h) => h.score);
    index.put(segment('b', [doc('three', 'Parsing', ''), doc('four', 'Parsing', '')]).meta);
    const after = index.search('parsing ').hits.map((h) => h.score);
    const fresh = new SearchIndex();
    fresh.put(segment('a', [doc('one', 'Compilers', 'parsing'), doc('two', 'Parsing', 'compilers')]).meta);
    fresh.put(segment('b', [doc('three', 'Parsing', ''), doc('four', 'Parsing', '')]).meta);
    expect(after).toEqual(fresh.search('parsing ').hits.map((h) => h.score));
    expect(after[0]).not.toBe(before[0]);
  });

  it('answers rightly past the cache bound', () => {
    const words = Array.from({ length: LOCATED_LIMIT + 40 }, (_, i) => `word${i.toString(36)}x`);
    const index = new SearchIndex();
    index.put(segment('a', words.map((w, i) => doc(`d${i}`, w))).meta);
    const exact = (q: string) => index.search(q, { typos: false }).hits.map((h) => h.id);
    words.forEach((w, i) => expect(exact(`${w} `)).toEqual([`d${i}`]));
    expect(exact(`${words[0]} `)).toEqual(['d0']);
    expect(exact(`${words[1]} ${words[0]} `)).toEqual([]);
  });

  it('keeps the terms asked for lately when full, and drops the one asked for least lately', () => {
    const words = Array.from({ length: LOCATED_LIMIT + 2 }, (_, i) => `word${i.toString(36)}x`);
    const meta = new SegmentPart(segment('a', words.map((w, i) => doc(`d${i}`, w))).meta);
    const places = new TermPlaces(() => [{ meta, body: null }]);
    const first = words.slice(0, LOCATED_LIMIT).map((w) => places.locate(w));
    // The oldest term is asked for again, so the second oldest is the one to go.
    expect(places.locate(words[0] as string)).toBe(first[0]);
    places.locate(words[LOCATED_LIMIT] as string);
    expect(places.locate(words[0] as string)).toBe(first[0]);
    expect(places.locate(words[2] as string)).toBe(first[2]);
    const again = places.locate(words[1] as string);
    expect(again).not.toBe(first[1]);
    expect(again).toEqual(first[1]);
  });
});

describe('prefixes', () => {
  it('gives the most frequent completions, ties in dictionary order, as a full sort would', () => {
    const vocabulary = new Vocabulary();
    const terms = Array.from({ length: 300 }, (_, i) => `pre${String(i).padStart(3, '0')}`);
    terms.forEach((t, i) => vocabulary.add(t, ((i * 37) % 11) + 1));
    vocabulary.add('other', 1000);
    const expected = [...terms].sort((a, b) => vocabulary.df(b) - vocabulary.df(a) || (a < b ? -1 : 1)).slice(0, 40);
    expect(vocabulary.prefixed('pre', 40)).toEqual(expected);
    expect(vocabulary.prefixed('pre29', 40)).toEqual(terms.slice(290));
    vocabulary.add('pre999', 5000);
    expect(vocabulary.prefixed('pre', 40)[0]).toBe('pre999');
  });
});

describe('a vocabulary that grows between queries', () => {
  /** The same terms added to a new vocabulary at once: what the kept views must equal. */
  function rebuilt(counts: Map<string, number>): Vocabulary {
    const fresh = new Vocabulary();
    for (const [term, df] of counts) fresh.add(term, df);
    return fresh;
  }

  it('answers prefixes and typos as a vocabulary built afresh, through adds and removes', () => {
    const grown = new Vocabulary();
    const counts = new Map<string, number>();
    const words = ['stream', 'streams', 'strem', 'streak', 'street', 'string', 'strong', 'stram', 'tream', 'streamer', 'streaming', 'strain'];
    const change = (term: string, df: number) => {
      if (df > 0) grown.add(term, df);
      else grown.remove(term, -df);
      const left = (counts.get(term) ?? 0) + df;
      if (left > 0) counts.set(term, left);
      else counts.delete(term);
    };
    for (const [i, term] of words.entries()) {
      change(term, (i % 3) + 1);
      // Asked between every change, so the views exist and must take each change in.
      const fresh = rebuilt(counts);
      for (const prefix of ['s', 'st', 'stre', 'strea']) expect(grown.prefixed(prefix, 3)).toEqual(fresh.prefixed(prefix, 3));
      expect(grown.similar('stream', 2)).toEqual(fresh.similar('stream', 2));
    }
    for (const [term, df] of [['streams', -1], ['strem', -2], ['stream', 5], ['strem', 1], ['strain', -3]] as const) {
      change(term, df);
      const fresh = rebuilt(counts);
      expect(grown.prefixed('stre', 4)).toEqual(fresh.prefixed('stre', 4));
      expect(grown.prefixed('str', 40)).toEqual(fresh.prefixed('str', 40));
      expect(grown.similar('stream', 2)).toEqual(fresh.similar('stream', 2));
      expect(grown.similar('stram', 1)).toEqual(fresh.similar('stram', 1));
    }
    expect(grown.prefixed('strem', 4)).toEqual(['strem']);
    expect(grown.prefixed('strai', 4)).toEqual([]);
  });

  it('finds the words of a body part attached after the first queries', () => {
    const index = new SearchIndex();
    const seg = segment('a', [doc('1', 'Caching notes', 'invalidation strategies'), doc('2', 'Other', 'invariants hold')]);
    index.put(seg.meta);
    expect(ids(index, 'inv')).toEqual([]);
    expect(ids(index, 'invaldation ')).toEqual([]);
    index.attachBody(seg.body as Uint8Array);
    expect(ids(index, 'inv').sort()).toEqual(['1', '2']);
    expect(ids(index, 'invaldation ')).toEqual(['1']);
  });
});

describe('dictionary lookups', () => {
  it('finds every term of a many-block dictionary and nothing between, before or after them', () => {
    const words = Array.from({ length: 200 }, (_, i) => `k${String(i * 3).padStart(4, '0')}`);
    const part = new SegmentPart(segment('a', [doc('one', words.join(' '), null)]).meta);
    for (const w of words) expect(part.lookup(utf8.encode(w))?.df).toBe(1);
    for (const w of ['a', 'k', 'k0001', 'k0598', 'k9999', 'z', 'one']) expect(part.lookup(utf8.encode(w))).toBeNull();
  });
});
