import { describe, expect, it } from 'vitest';
import { buildSegment, type SearchDoc } from '../../../src/lib/search/build';
import { relabel } from '../../../src/lib/search/format';
import { SearchIndex } from '../../../src/lib/search/search';

const doc = (id: string, title: string, body: string): SearchDoc => ({ id, title, topics: ['k8s'], author: 'a', summary: 'a summary', body });
const docs = [doc('one', 'Kubernetes networking', 'Pods talk to pods through a flat network.'), doc('two', 'Kafka', 'Partitions, offsets and consumer groups.')];

describe('relabelling a part for the source a reader gave the feed', () => {
  it('writes the bytes a build under that label writes, the postings untouched', () => {
    const asBuilt = buildSegment(docs, { source: 'feed', key: 'k' });
    const asStored = buildSegment(docs, { source: 's-1a2b3c4d5e6f', key: '2026-04' });
    const to = { source: 's-1a2b3c4d5e6f', key: '2026-04' };
    expect(relabel(asBuilt.meta, to)).toEqual(asStored.meta);
    expect(relabel(asBuilt.body!, to)).toEqual(asStored.body!);
    // A shorter label too: the rest moves back.
    expect(relabel(asStored.body!, { source: 'feed', key: 'k' })).toEqual(asBuilt.body!);
  });

  it('hands back the same bytes when the label is already right', () => {
    const { body } = buildSegment(docs, { source: 's', key: 'k' });
    expect(relabel(body!, { source: 's', key: 'k' })).toBe(body);
  });
});

describe('a body part filed under a label', () => {
  it('joins the segment the label names, its bytes as fetched, and its words match', () => {
    const asBuilt = buildSegment(docs, { source: 'feed', key: 'k' });
    const to = { source: 's-1a2b3c4d5e6f', key: '2026-04' };
    const index = new SearchIndex();
    index.put(relabel(asBuilt.meta, to));
    expect(index.search('consumer').hits).toEqual([]);
    // Unlabelled, the feed's own header names no segment loaded here.
    expect(() => index.attachBody(asBuilt.body!)).toThrow(/does not match/);
    index.attachBody(asBuilt.body!, to);
    expect(index.search('consumer').hits.map((h) => [h.source, h.key, h.id])).toEqual([[to.source, to.key, 'two']]);
  });
});
