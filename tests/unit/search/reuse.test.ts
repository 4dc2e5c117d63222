import { describe, expect, it } from 'vitest';
import { buildSegment, type ReusedDoc, type SearchDoc } from '../../../src/lib/search/build';
import { indexedDocs } from '../../../src/lib/search/reuse';

const doc = (id: string, title: string, body: string | null, topics = ['go', 'web-apps']): SearchDoc => ({ id, title, topics, author: 'Ada', summary: `About ${title}, in short.`, body });

const before = [
  doc('a', 'Kubernetes operators', 'Operators reconcile state; operators retry. Kubernetes, again.'),
  doc('b', 'Café crème', null, []),
  doc('c', '東京の天気', '今日は晴れです。明日は雨。'),
  doc('d', 'Rust ownership', 'Borrowing rules: borrow, move, drop.'),
];
const options = { source: 'blog', key: '2026-04' };

/** The docs of `after`, taken from the segment of `before` where the same id and text were indexed. */
function reusing(after: SearchDoc[], from: SearchDoc[]): (SearchDoc | ReusedDoc)[] {
  const built = buildSegment(from, options);
  const indexed = indexedDocs(built.meta, built.body);
  const same = new Map(from.map((d) => [d.id, JSON.stringify(d)]));
  return after.map((d) => {
    const found = indexed.get(d.id);
    return found && same.get(d.id) === JSON.stringify(d) ? { id: d.id, indexed: found, hasBody: d.body !== null } : d;
  });
}

describe('a segment built from an earlier segment’s docs', () => {
  it('is byte for byte the segment a fresh build writes, with docs reordered, edited, added and removed', () => {
    const after = [doc('e', 'New post', 'Fresh words'), before[2]!, doc('a', 'Kubernetes operators', 'Rewritten body.'), before[1]!, before[3]!];
    const docs = reusing(after, before);
    expect(docs.filter((d) => 'indexed' in d).map((d) => d.id)).toEqual(['c', 'b', 'd']);
    expect(buildSegment(docs, options)).toEqual(buildSegment(after, options));
  });

  it('decodes only the docs asked for, as the whole decode gives them, and a segment of them is the fresh one', () => {
    const built = buildSegment(before, options);
    const all = indexedDocs(built.meta, built.body);
    const some = indexedDocs(built.meta, built.body, false, new Set(['c', 'a', 'gone']));
    expect([...some.keys()]).toEqual(['a', 'c']);
    expect(some.get('c')).toEqual(all.get('c'));
    const picked = [before[2]!, before[0]!];
    expect(buildSegment(picked.map((d) => ({ id: d.id, indexed: some.get(d.id)!, hasBody: d.body !== null })), options)).toEqual(buildSegment(picked, options));
  });

  it('keeps a body part out when no doc has a body, and brings one back when a reused doc has one', () => {
    const bodiless = [doc('x', 'Only titles', null), doc('y', 'Still none', null)];
    const withBody = reusing([...bodiless, doc('z', 'A body', 'words here')], bodiless);
    expect(buildSegment(withBody, options)).toEqual(buildSegment([...bodiless, doc('z', 'A body', 'words here')], options));
    expect(buildSegment(reusing(bodiless, bodiless), options).body).toBeNull();
    const reusedBody = reusing([before[0]!], before);
    expect('indexed' in reusedBody[0]!).toBe(true);
    expect(buildSegment(reusedBody, options)).toEqual(buildSegment([before[0]!], options));
  });

  it('refuses parts of two segments, and parts built with stemming for a build without', () => {
    const one = buildSegment(before, options);
    const other = buildSegment(before.slice(1), options);
    expect(() => indexedDocs(one.meta, other.body)).toThrow(/one segment/);
    const stemmed = buildSegment(before, { ...options, stem: true });
    expect(() => indexedDocs(stemmed.meta, stemmed.body)).toThrow(/options/);
    expect(indexedDocs(stemmed.meta, stemmed.body, true).size).toBe(4);
  });
});
