import { describe, expect, it } from 'vitest';
import { buildSegment, countTerms, type BuildOptions, type IndexableDoc, type SearchDoc } from '../../../src/lib/search/build';
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

describe('countTerms', () => {
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
