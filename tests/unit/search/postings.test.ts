import { describe, expect, it } from 'vitest';
import { buildSegment, type SearchDoc } from '../../../src/lib/search/build';
import { ByteWriter } from '../../../src/lib/search/bytes';
import { stampOf, writeHeader } from '../../../src/lib/search/format';
import { SearchIndex } from '../../../src/lib/search/search';
import { SegmentPart } from '../../../src/lib/search/segment';

const doc = (id: string, title: string, body: string): SearchDoc => ({ id, title, topics: [], author: null, summary: '', body });

const scored = (index: SearchIndex, query: string) => index.search(query).hits.map((h) => [h.id, h.score, h.terms]);

describe('postings as the scorer reads them', () => {
  it('scores long varints as short ones: a doc far into a segment and a word repeated past 127 times', () => {
    // Doc 200's delta and the repeated word's frequency both take two bytes.
    const docs = Array.from({ length: 201 }, (_, i) => doc(`d${i}`, `Title ${i}`, i === 200 ? 'rare '.repeat(300) : 'common words'));
    docs[199] = doc('d199', 'Rare title', 'rare once');
    const index = new SearchIndex();
    const { meta, body } = buildSegment(docs, { source: 's', key: 'k' });
    index.put(meta, body);
    const hits = index.search('rare ').hits;
    expect(hits.map((h) => h.id).sort()).toEqual(['d199', 'd200']);
    // The title match ranks first; the body that says "rare" 300 times is still found, with a score.
    expect(hits[0]?.id).toBe('d199');
    expect(hits[1]?.score).toBeGreaterThan(0);
  });

  it('refuses postings cut short, and leaves the next search as it was', () => {
    const docs = [doc('a', 'First', 'word here'), doc('b', 'Second', 'word there')];
    const healthy = new SearchIndex();
    const built = buildSegment(docs, { source: 's', key: 'k' });
    healthy.put(built.meta, built.body);
    const before = scored(healthy, 'word ');
    expect(before.map(([id]) => id)).toEqual(['a', 'b']);
    // "word" sorts last in the body part, so its postings (doc a, then doc b) are the part's last
    // bytes: doc b's posting becomes a varint that never ends, after doc a was scored.
    const damaged = (built.body as Uint8Array).slice();
    damaged[damaged.length - 1] = 0x80;
    const index = new SearchIndex();
    index.put(built.meta, damaged);
    expect(() => index.search('word ')).toThrow(RangeError);
    expect(scored(healthy, 'word ')).toEqual(before);
  });

  it('refuses postings that run on into the next term', () => {
    const built = buildSegment([doc('a', 'First', 'alpha word'), doc('b', 'Second', 'word')], { source: 's', key: 'k' });
    const body = built.body as Uint8Array;
    const part = new SegmentPart(body);
    const alpha = part.lookup(new TextEncoder().encode('alpha'));
    const word = part.lookup(new TextEncoder().encode('word'));
    if (!alpha || !word) throw new Error('terms missing');
    // The postings are the part's last bytes, "word" last of them: alpha's one posting is made a
    // varint that goes on into word's.
    const postingsStart = body.length - (word.offset + word.length);
    const damaged = body.slice();
    const last = postingsStart + alpha.offset + alpha.length - 1;
    damaged[last] = (damaged[last] as number) | 0x80;
    const index = new SearchIndex();
    index.put(built.meta, damaged);
    expect(() => index.search('alpha ')).toThrow(/postings overrun their term/);
  });

  it('refuses a part with another number of fields than its kind has', () => {
    const part = (kind: 'meta' | 'body', fields: number): Uint8Array => {
      const w = new ByteWriter();
      writeHeader(w, { kind, flags: 0, source: 's', key: 'k', docCount: 1, stamp: stampOf(['a']) });
      w.varint(fields);
      return w.finish();
    };
    expect(() => new SegmentPart(part('body', 2))).toThrow(/2 fields in a body part, which has 1/);
    expect(() => new SegmentPart(part('meta', 5))).toThrow(/5 fields in a meta part, which has 4/);
  });
});
