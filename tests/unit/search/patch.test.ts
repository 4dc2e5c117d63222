import { describe, expect, it } from 'vitest';
import { buildSegment, type SearchDoc } from '../../../src/lib/search/build';
import { patchSegment } from '../../../src/lib/search/patch';
import { utf8 } from '../../../src/lib/search/bytes';
import { SegmentPart } from '../../../src/lib/search/segment';

const doc = (id: string, title: string, body: string | null, topics = ['go', 'web-apps']): SearchDoc => ({ id, title, topics, author: 'Ada', summary: `About ${title}, in short.`, body });

/** Enough docs and shared words that the dictionary runs over several front-coded blocks. */
const before: SearchDoc[] = Array.from({ length: 40 }, (_, i) =>
  doc(`p${i}`, `Post ${i} on ${['kubernetes', 'rust', 'café', 'zebra'][i % 4]}`, i % 7 === 3 ? null : `Body ${i} words word${i} common shared text ${'x'.repeat(i % 5)} 東京の天気`),
);
const options = { source: 'feed', key: '2026-04' };

const patched = (after: SearchDoc[], positions: number[], from = before) => {
  const changed = new Map(positions.map((p) => [p, after[p] as SearchDoc]));
  return patchSegment(buildSegment(from, options), changed, after.some((d) => d.body !== null), options);
};

describe('a segment patched where docs were edited in place', () => {
  it('is byte for byte the segment a fresh build writes: terms gone, terms new, frequencies changed', () => {
    const after = before.slice();
    after[0] = doc('p0', 'Post 0 on kubernetes operators', 'Body 0 rewritten with aardvark words and common common text');
    after[5] = doc('p5', 'Renamed', null, []);
    after[17] = doc('p17', 'Post 17 on café', 'Only new vocabulary: ünïcödé zzz-top 雨');
    after[39] = doc('p39', 'Post 39 on zebra', `${before[39]?.body} plus an extra section`);
    const result = patched(after, [0, 5, 17, 39]);
    expect(result).toEqual(buildSegment(after, options));
    expect(new SegmentPart(result!.body!).lookup(utf8.encode('aardvark'))?.df).toBe(1);
  });

  it('with no text changed, gives back the same bytes', () => {
    expect(patched(before, [3, 10])).toEqual(buildSegment(before, options));
  });

  it('drops a term only a changed doc had, and adds one only it has now', () => {
    const from = before.slice();
    from[17] = doc('p17', 'Post 17 on café', 'Body with quokka');
    const after = from.slice();
    after[17] = doc('p17', 'Post 17 on café', 'Body with wombat');
    const result = patched(after, [17], from);
    expect(result).toEqual(buildSegment(after, options));
    const body = new SegmentPart(result!.body!);
    expect(body.lookup(utf8.encode('quokka'))).toBeNull();
    expect(body.lookup(utf8.encode('wombat'))?.df).toBe(1);
    expect(new SegmentPart(buildSegment(from, options).body!).lookup(utf8.encode('quokka'))?.df).toBe(1);
  });

  it('refuses what a patch cannot give: a body part that must appear or go, other options, a doc past the end', () => {
    const bodiless: SearchDoc[] = before.map((d) => ({ ...d, body: null }));
    const withOne = bodiless.slice();
    withOne[2] = doc('p2', 'Post 2', 'a body now');
    expect(patched(withOne, [2], bodiless)).toBeNull();
    expect(patched(bodiless, before.map((_, i) => i))).toBeNull();
    const stemmed = buildSegment(before, { ...options, stem: true });
    expect(patchSegment(stemmed, new Map([[0, before[0]!]]), true, options)).toBeNull();
    expect(patchSegment(buildSegment(before, options), new Map([[40, before[0]!]]), true, options)).toBeNull();
  });
});
