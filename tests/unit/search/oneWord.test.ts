import { describe, expect, it, vi } from 'vitest';
import { buildSegment, type SearchDoc } from '../../../src/lib/search/build';
import { SearchIndex, type SearchResult } from '../../../src/lib/search/search';
import { TopHits } from '../../../src/lib/search/top';

// A one-word query whose word matches itself alone is offered straight from its postings
// (score.ts, offerOneVariant); an exclusion that matches nothing sends the same query through the
// general path, which must give the very same answer.

const doc = (id: string, title: string, body: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({ id, title, topics: [], author: null, summary: '', body, ...extra });

const filler = 'words about nothing in particular that pad an article body out';

/** Three segments: ties across them, title and body matches, and more matches than a page. */
function library(): Record<string, SearchDoc[]> {
  const month = (m: string) =>
    Array.from({ length: 30 }, (_, i) =>
      doc(`${m}-${String(i).padStart(2, '0')}`, i % 3 === 0 ? 'Kafka streams' : 'Notes', i % 2 === 0 ? `${filler} kafka ${filler}` : filler, { topics: i % 5 === 0 ? ['kafka'] : [] }),
    );
  return { jan: month('jan'), feb: month('feb'), mar: month('mar') };
}

function indexOf(segments: Record<string, SearchDoc[]>): SearchIndex {
  const index = new SearchIndex();
  for (const [key, docs] of Object.entries(segments)) {
    const { meta, body } = buildSegment(docs, { source: 'blog', key });
    index.put(meta, body);
  }
  return index;
}

const answer = (r: SearchResult) => ({ total: r.total, hits: r.hits.map((h) => ({ id: h.id, score: h.score, typos: h.typos, terms: h.terms })) });

describe('a one-word query', () => {
  it('ranks, scores and counts as the general path does, ties and cuts included', () => {
    const index = indexOf(library());
    for (const limit of [1, 5, 20, 200]) {
      const direct = index.search('kafka ', { limit });
      expect(direct.total).toBeGreaterThan(limit === 200 ? 50 : limit);
      expect(answer(direct)).toEqual(answer(index.search('kafka -zzzz ', { limit })));
    }
    // The same doc in each month ties across segments, and the ids order the tie.
    const best = index.search('kafka ', { limit: 3 }).hits;
    expect(best.map((h) => h.id)).toEqual(['feb-00', 'jan-00', 'mar-00']);
    expect(new Set(best.map((h) => h.score)).size).toBe(1);
  });

  it('counts a word matched through its one typo as a typo', () => {
    const index = indexOf(library());
    const direct = index.search('kafak ', { limit: 10 });
    expect(direct.hits[0]?.typos).toBe(1);
    expect(direct.hits[0]?.terms).toEqual(['kafka']);
    expect(answer(direct)).toEqual(answer(index.search('kafak -zzzz ', { limit: 10 })));
  });

  it('leaves hidden docs out, as the general path does', () => {
    const index = indexOf(library());
    index.hide('blog', 'feb', new Set(['feb-00']));
    const direct = index.search('kafka ', { limit: 3 });
    expect(direct.hits.map((h) => h.id).slice(0, 2)).toEqual(['jan-00', 'mar-00']);
    expect(direct.hits.map((h) => h.id)).not.toContain('feb-00');
    expect(answer(direct)).toEqual(answer(index.search('kafka -zzzz ', { limit: 3 })));
  });

  it('leaves no partial sums behind when a search fails part way', () => {
    const index = indexOf(library());
    const before = answer(index.search('kafka ', { limit: 5 }));
    const offer = vi.spyOn(TopHits.prototype, 'offer').mockImplementationOnce(() => {
      throw new Error('offer failed');
    });
    expect(() => index.search('kafka ', { limit: 5 })).toThrow('offer failed');
    offer.mockRestore();
    expect(answer(index.search('kafka ', { limit: 5 }))).toEqual(before);
    expect(answer(index.search('streams kafka ', { limit: 5 }))).toEqual(answer(indexOf(library()).search('streams kafka ', { limit: 5 })));
  });
});

describe('the docs offered after the last word', () => {
  // Only the docs that matched the word read last are offered (score.ts): whichever kind of slot
  // that was, every doc with all the words must be counted, and no other.
  const docs = Array.from({ length: 40 }, (_, i) =>
    doc(`d${String(i).padStart(2, '0')}`, 'Notes', [i % 4 === 0 ? 'kafka' : '', ['stream', 'streams', 'streaming', 'strength', 'other'][i % 5], i % 7 === 0 ? 'connector' : ''].join(' ')),
  );
  const index = indexOf({ jan: docs.slice(0, 20), feb: docs.slice(20) });
  const having = (test: (body: string) => boolean) => docs.filter((d) => test(d.body ?? '')).map((d) => d.id).sort();

  it('counts every doc with all the words when a prefix is read last', () => {
    const result = index.search('kafka stre', { limit: 100, typos: false });
    const expected = having((b) => b.includes('kafka') && /\bstre/.test(b));
    expect(result.total).toBe(expected.length);
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected);
  });

  it('counts every doc with all the words when one word is read last, exclusions applied', () => {
    const result = index.search('connector stream -kafka ', { limit: 100, typos: false });
    const expected = having((b) => b.includes('connector') && /\bstream\b/.test(b) && !b.includes('kafka'));
    expect(expected.length).toBeGreaterThan(0);
    expect(result.total).toBe(expected.length);
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected);
  });
});
