import { describe, expect, it } from 'vitest';
import { buildSegment, type BuildOptions, type IndexableDoc, type SearchDoc } from '../../../src/lib/search/build';
import { countTerms } from '../../../src/lib/search/termCounts';
import { forEachTerm } from '../../../src/lib/search/tokenize';
import { patchSegment } from '../../../src/lib/search/patch';

const doc = (id: string, body: string | null): SearchDoc => ({ id, title: `Title ${id}`, topics: ['go'], author: 'Ada', summary: 'A summary.', body });
const docs = [
  doc('a', 'Rust and rust, RUST: it’s the café of 東京の天気 and node.js'),
  doc('b', null),
  doc('c', 'one two two three three three'),
  doc('d', ''),
];
const options: BuildOptions = { source: 'feed', key: '2026-04' };
const counted = (d: SearchDoc): IndexableDoc => ({ ...d, body: d.body === null ? null : countTerms(d.body, options) });

/** The counting countTerms must equal: every term forEachTerm emits, in a Map. */
function mapCount(text: string, stem: boolean) {
  const map = new Map<string, number>();
  let length = 0;
  forEachTerm(text, (t) => {
    map.set(t, (map.get(t) ?? 0) + 1);
    length++;
  }, { stem });
  return { length, terms: [...map.keys()], tfs: [...map.values()] };
}

function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

describe('countTerms', () => {
  it('counts as a Map of the terms forEachTerm emits would, over words of every kind and past the growth of its table', () => {
    const next = random(11);
    const words = ['Rust', 'rust', 'RUST', 'it’s', "don't", 'café', 'Cafe\u0301', 'K\u212A', '東京の天気', 'node', 'js', 'x'.repeat(40), 'y'.repeat(41), '\u{1D400}bc', 'Caches', 'queries'];
    for (let round = 0; round < 30; round++) {
      const parts: string[] = [];
      const n = Math.floor(next() * 3000);
      for (let i = 0; i < n; i++) parts.push(next() < 0.5 ? (words[Math.floor(next() * words.length)] as string) : `w${Math.floor(next() * 1500).toString(36)}${next() < 0.3 ? 'Q' : ''}`);
      const text = parts.join(next() < 0.5 ? ' ' : '. \n');
      for (const stem of [false, true]) expect(countTerms(text, { stem })).toEqual(mapCount(text, stem));
    }
  });


  it('counts each term once, in the order it first appears, with the field length', () => {
    expect(countTerms('one two two three three three', {})).toEqual({ length: 6, terms: ['one', 'two', 'three'], tfs: [1, 2, 3] });
    expect(countTerms('Caches cache', { stem: true })).toEqual({ length: 2, terms: ['cache'], tfs: [2] });
    expect(countTerms('', {})).toEqual({ length: 0, terms: [], tfs: [] });
  });
});

describe('a body whose terms come counted', () => {
  it('builds the same segment, byte for byte, as its text', () => {
    expect(buildSegment(docs.map(counted), options)).toEqual(buildSegment(docs, options));
  });

  it('patches a segment the same as its text', () => {
    const after = docs.slice();
    after[2] = doc('c', 'four four five');
    const old = buildSegment(docs, options);
    const fromText = patchSegment(old, new Map([[2, after[2] as SearchDoc]]), true, options);
    const fromCounts = patchSegment(old, new Map([[2, counted(after[2] as SearchDoc)]]), true, options);
    expect(fromCounts).not.toBeNull();
    expect(fromCounts).toEqual(fromText);
    expect(fromCounts).toEqual(buildSegment(after, options));
  });
});
