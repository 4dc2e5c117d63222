import { describe, expect, it } from 'vitest';
import { buildSegment, type SearchDoc } from '../../../src/lib/search/build';
import { ByteWriter } from '../../../src/lib/search/bytes';
import { stampOf, writeHeader } from '../../../src/lib/search/format';
import { filterPhrases } from '../../../src/lib/search/phrase';
import { completionLimit, SearchIndex } from '../../../src/lib/search/search';
import { SegmentPart } from '../../../src/lib/search/segment';
import { editDistance, typoBudget } from '../../../src/lib/search/vocabulary';

const doc = (id: string, title: string, body: string | null = '', extra: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  title,
  topics: [],
  author: null,
  summary: '',
  body,
  ...extra,
});

function indexOf(segments: Record<string, SearchDoc[]>, source = 'blog'): SearchIndex {
  const index = new SearchIndex();
  for (const [key, docs] of Object.entries(segments)) {
    const { meta, body } = buildSegment(docs, { source, key });
    index.put(meta, body);
  }
  return index;
}

const ids = (index: SearchIndex, query: string) => index.search(query).hits.map((h) => h.id);

const filler = 'words about nothing in particular that pad a long article body out';

describe('ranking', () => {
  it('puts a title match above a body match, and a repeated word above a single one', () => {
    const index = indexOf({
      a: [doc('body-once', 'Gardening notes', `${filler} postgres ${filler}`), doc('title', 'Postgres tuning', filler)],
      b: [doc('body-many', 'Database notes', `postgres ${filler} postgres postgres ${filler}`), doc('none', 'Cooking', filler)],
    });
    expect(ids(index, 'postgres ')).toEqual(['title', 'body-many', 'body-once']);
  });

  it('requires every word', () => {
    const index = indexOf({ a: [doc('both', 'Redis cluster'), doc('one', 'Redis basics'), doc('other', 'Cluster basics')] });
    expect(ids(index, 'redis cluster ')).toEqual(['both']);
  });

  it('sums statistics across segments: a word common in one segment is rare overall', () => {
    const many = Array.from({ length: 30 }, (_, i) => doc(`x${i}`, `Kafka topic ${i}`, filler));
    const index = indexOf({ a: many, b: [doc('rare', 'Raft and kafka', filler), doc('pad', 'Unrelated', filler)] });
    const hit = index.search('raft kafka ').hits;
    expect(hit.map((h) => h.id)).toEqual(['rare']);
    const kafkaOnly = index.search('kafka ').hits;
    expect(kafkaOnly.length).toBe(20);
    expect(index.search('kafka ', { limit: 100 }).total).toBe(31);
  });
});

describe('BM25F with the statistics of the segments loaded now', () => {
  // K1 1.2 and a body's b 0.75, as bm25.ts; idf with its +1 inside the log.
  const bodyScore = (tf: number, length: number, avg: number, df: number, docs: number) =>
    Math.log(1 + (docs - df + 0.5) / (df + 0.5)) * ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / avg)));

  // The length factors are single precision: scores agree to about seven digits.
  it('scores a body word by its doc length against the average, which follows segments added and removed', () => {
    const index = indexOf({ a: [doc('x', 'Alpha', 'zeta apple pear plum zeta'), doc('y', 'Beta', 'apple pear')] });
    const score = () => index.search('zeta ', { typos: false }).hits.find((h) => h.id === 'x')?.score;
    const alone = bodyScore(2, 5, 3.5, 1, 2);
    expect(score()).toBeCloseTo(alone, 6);
    const { meta, body } = buildSegment([doc('z', 'Gamma', 'apple pear plum fig kiwi lime lemon grape melon peach apple pear')], { source: 'blog', key: 'b' });
    index.put(meta, body);
    expect(score()).toBeCloseTo(bodyScore(2, 5, 19 / 3, 1, 3), 6);
    index.detachBody('blog', 'b');
    expect(score()).toBeCloseTo(bodyScore(2, 5, 3.5, 1, 2), 6);
    index.remove('blog', 'b');
    expect(score()).toBeCloseTo(alone, 6);
  });
});

describe('typos', () => {
  it('follows the distance rules by word length', () => {
    expect(typoBudget('cat')).toBe(0);
    expect(typoBudget('kafka')).toBe(1);
    expect(typoBudget('kubernetes')).toBe(2);
    expect(editDistance('kafak', 'kafka', 1)).toBe(1);
    expect(editDistance('kubernetes', 'kuberntes', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('tolerates one typo from 4 letters, two from 8, none below 4', () => {
    const index = indexOf({ a: [doc('k', 'Kafka streams'), doc('kube', 'Kubernetes operators'), doc('go', 'The Go language')] });
    expect(ids(index, 'kafak ')).toEqual(['k']);
    expect(ids(index, 'kafkq ')).toEqual(['k']);
    expect(ids(index, 'kafqq ')).toEqual([]);
    expect(ids(index, 'kubrnetse ')).toEqual(['kube']);
    expect(ids(index, 'gp ')).toEqual([]);
  });

  it('ranks typo matches below exact ones, whatever their scores', () => {
    const index = indexOf({
      a: [
        doc('typo', 'Caches caches caches', 'caches caches'),
        doc('exact', 'A note', `${filler} ${filler} cache ${filler}`),
      ],
    });
    const hits = index.search('cache ', { typos: true }).hits;
    expect(hits.map((h) => [h.id, h.typos])).toEqual([
      ['exact', 0],
      ['typo', 1],
    ]);
    expect(hits[1]?.terms).toEqual(['caches']);
  });

  it('corrects the words the index lacks first, and every word only when that finds too few', () => {
    const index = indexOf({
      a: [
        doc('g1', 'Scaling guide one'),
        doc('g2', 'Scaling guide two'),
        doc('g3', 'Scaling guide three'),
        doc('gs', 'Scaling guides plural'),
        doc('t', 'Tuning guide'),
        doc('ts', 'Tuning guides'),
      ],
    });
    // "sclaing" is corrected; "guide" is a word of the index and keeps to itself: three hits are enough.
    const corrected = index.search('sclaing guide ', { typoBelow: 3 });
    expect(corrected.hits.map((h) => [h.id, h.typos]).sort()).toEqual([
      ['g1', 1],
      ['g2', 1],
      ['g3', 1],
    ]);
    expect(corrected.terms.sort()).toEqual(['guide', 'scaling']);
    // "tunign guide" corrected alone finds one: too few, so "guide" may be "guides" as well.
    expect(index.search('tunign guide ', { typoBelow: 3 }).hits.map((h) => [h.id, h.typos])).toEqual([
      ['t', 1],
      ['ts', 2],
    ]);
  });

  it('suggests words of the index when nothing matches, only queries that find something', () => {
    const index = indexOf({ a: [doc('k', 'Kubernetes operators'), doc('r', 'Rust ownership'), doc('kr', 'Kubernetes in Rust')] });
    const result = index.search('kubernetis rustt ', { typos: false });
    expect(result.hits).toEqual([]);
    expect(result.suggestions).toEqual(['kubernetes rust']);
    expect(index.search('operators ownrship ', { typos: false }).suggestions).toEqual([]);
    expect(index.search('kubernetes ').suggestions).toEqual([]);
  });
});

describe('prefixes, phrases and exclusions', () => {
  const index = indexOf({
    a: [
      doc('lb', 'Load balancing explained', 'A load balancer spreads traffic.'),
      doc('lbr', 'Balancing load on servers', 'Servers need balance.'),
      doc('loader', 'Webpack loaders', 'A loader transforms files.'),
    ],
  });

  it('matches the last word as a prefix while typing, exact words rank first', () => {
    expect(ids(index, 'load')[0]).toBe('lb');
    expect(ids(index, 'load').sort()).toEqual(['lb', 'lbr', 'loader']);
    expect(ids(index, 'load ')).toEqual(['lb', 'lbr']);
    expect(ids(index, 'balanc')).toEqual(expect.arrayContaining(['lb', 'lbr']));
    expect(index.search('balanc ', { typos: false }).hits).toEqual([]);
    expect(ids(index, 'balanc ')).toEqual(['lbr']);
  });

  it('expands one or two letters to their most frequent completions only', () => {
    // Six d-words, each in fewer docs than the one before it: delta in 6, ..., dim in 1.
    const words = ['delta', 'dog', 'dune', 'dart', 'dusk', 'dim'];
    const docs = words.flatMap((word, w) => Array.from({ length: 6 - w }, (_, i) => doc(`${word}-${i}`, `${word} notes`)));
    const many = indexOf({ a: docs });
    const matched = (query: string) => [...new Set(many.search(query, { limit: 100 }).hits.map((h) => h.id.split('-')[0]))].sort();
    expect(completionLimit('d')).toBe(4);
    expect(matched('d')).toEqual(['dart', 'delta', 'dog', 'dune']);
    expect(matched('di')).toEqual(['dim']);
    expect(matched('du')).toEqual(['dune', 'dusk']);
    expect(completionLimit('dus')).toBeGreaterThanOrEqual(40);
  });

  it('checks phrases against the text of candidates', async () => {
    const result = index.search('"load balancing"');
    expect(result.hits.map((h) => h.id).sort()).toEqual(['lb', 'lbr']);
    const texts = new Map([
      ['lb', 'Load balancing explained. A load balancer spreads traffic.'],
      ['lbr', 'Balancing load on servers. Servers need balance.'],
    ]);
    const kept = await filterPhrases(result.hits, result.query, (h) => texts.get(h.id) ?? null);
    expect(kept.map((h) => h.id)).toEqual(['lb']);
  });

  it('drops docs with an excluded word', () => {
    expect(ids(index, 'load -servers')).toEqual(['lb']);
    expect(ids(index, '-servers load')).toEqual(['lb', 'loader']);
    expect(ids(index, '-webpack -servers load')).toEqual(['lb']);
  });
});

describe('segments', () => {
  const docs = [doc('a', 'Écoles et café', 'Body with ünïcode and 日本語のテキスト', { topics: ['distributed-systems'], author: 'Zoë', summary: 'A summary' })];

  it('round-trips through bytes with a version byte and refuses other versions', () => {
    const { meta, body } = buildSegment(docs, { source: 's', key: '2026-04' });
    const part = new SegmentPart(meta);
    expect(part.header).toMatchObject({ kind: 'meta', source: 's', key: '2026-04', docCount: 1 });
    expect(part.ids.all()).toEqual(['a']);
    const seen: string[] = [];
    part.forEachTerm((t) => void seen.push(t));
    expect(seen).toEqual(expect.arrayContaining(['ecoles', 'cafe', 'distributed', 'systems', 'zoe', 'summary']));
    const copy = new SegmentPart(new Uint8Array(meta.buffer.slice(0)));
    expect(copy.termCount).toBe(part.termCount);
    const bad = meta.slice();
    bad[3] = 99;
    expect(() => new SegmentPart(bad)).toThrow(/version/);
    expect(() => new SegmentPart(withPostingsPastTheEnd())).toThrow(/postings run past/);
    expect(new SegmentPart(body as Uint8Array).header.kind).toBe('body');
    const index = new SearchIndex();
    index.put(meta, body);
    expect(ids(index, 'テキスト ')).toEqual(['a']);
    expect(ids(index, 'unicode ')).toEqual(['a']);
  });

  it('says when results cover titles and summaries only', () => {
    const { meta, body } = buildSegment(docs, { source: 's', key: 'k' });
    const index = new SearchIndex();
    index.put(meta);
    expect(index.search('unicode ').hits).toEqual([]);
    expect(index.search('summary ').coverage).toBe('titles-and-summaries');
    index.attachBody(body as Uint8Array);
    expect(index.search('unicode ').coverage).toBe('full');
    expect(ids(index, 'unicode ')).toEqual(['a']);
    const other = buildSegment([doc('b', 'Other')], { source: 's', key: 'k' });
    expect(() => index.attachBody(other.body as Uint8Array)).toThrow(/does not match/);
  });

  it('reports partial coverage when some segments lack their body, and drops a body on request', () => {
    const index = indexOf({ a: [doc('a1', 'First', 'needle in a body')], b: [doc('b1', 'Second', 'needle again')] });
    expect(index.search('needle ').hits.length).toBe(2);
    index.detachBody('blog', 'b');
    const result = index.search('needle ');
    expect(result.coverage).toBe('partial');
    expect(result.hits.map((h) => h.id)).toEqual(['a1']);
    expect(index.list().map((s) => [s.key, s.body])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('replaces one segment without touching the others', () => {
    const index = indexOf({ jan: [doc('j1', 'January kafka')], feb: [doc('f1', 'February kafka'), doc('f2', 'February redis')] });
    const before = index.list().find((s) => s.key === 'jan');
    const { meta, body } = buildSegment([doc('f1', 'February kafka edited'), doc('f3', 'February flink')], { source: 'blog', key: 'feb' });
    index.put(meta, body);
    expect(ids(index, 'kafka ').sort()).toEqual(['f1', 'j1']);
    expect(ids(index, 'redis ')).toEqual([]);
    expect(ids(index, 'flink ')).toEqual(['f3']);
    expect(index.list().find((s) => s.key === 'jan')).toEqual(before);
    expect(index.list().length).toBe(2);
  });

  it('leaves hidden docs out of hits and totals until they are shown again or their segment is replaced', () => {
    const index = indexOf({ jan: [doc('j1', 'January kafka'), doc('j2', 'January kafka streams')], feb: [doc('f1', 'February kafka')] });
    index.hide('blog', 'jan', new Set(['j2', 'not-there']));
    const result = index.search('kafka ');
    expect(result.hits.map((h) => h.id).sort()).toEqual(['f1', 'j1']);
    expect(result.total).toBe(2);
    expect(ids(index, 'streams ')).toEqual([]);
    index.hide('blog', 'jan', null);
    expect(ids(index, 'streams ')).toEqual(['j2']);
    index.hide('blog', 'jan', new Set(['j2']));
    const { meta, body } = buildSegment([doc('j2', 'January kafka streams')], { source: 'blog', key: 'jan' });
    index.put(meta, body);
    expect(ids(index, 'streams ')).toEqual(['j2']);
  });

  it('removes all segments of a source, and their words', () => {
    const index = new SearchIndex();
    for (const [source, key, d] of [['a', '1', doc('a1', 'Alpha kafka')], ['a', '2', doc('a2', 'Alpha zookeeper')], ['b', '1', doc('b1', 'Beta kafka')]] as const) {
      const { meta, body } = buildSegment([d], { source, key });
      index.put(meta, body);
    }
    expect(index.removeSource('a')).toBe(2);
    expect(index.search('kafka ').hits.map((h) => [h.source, h.id])).toEqual([['b', 'b1']]);
    expect(ids(index, 'zookeeper ')).toEqual([]);
    expect(index.search('zookeepr ').hits).toEqual([]);
    expect(index.list().map((s) => s.source)).toEqual(['b']);
  });
});

describe('searching in steps', () => {
  it('steps once per segment a pass reads, and answers what search() does', () => {
    const index = indexOf({
      jan: [doc('j1', 'January kafka', `${filler} kafka`)],
      feb: [doc('f1', 'February kafka'), doc('f2', 'February redis')],
      mar: [doc('m1', 'March kafka streams', filler)],
    });
    for (const query of ['kafka ', 'kafk', 'kafak ', 'nothing here ']) {
      const steps = index.searchSteps(query, { limit: 5 });
      let step = steps.next();
      while (!step.done) step = steps.next();
      expect(step.value, query).toEqual(index.search(query, { limit: 5 }));
    }
    // One pass over 3 segments for a word found often enough to need no typo pass.
    const kafka = index.searchSteps('kafka ', { limit: 5, typoBelow: 1 });
    let count = 0;
    while (!kafka.next().done) count++;
    expect(count).toBe(3);
  });

  it('refuses to go on with a search after another one started, rather than answer from its arrays', () => {
    const index = indexOf({ jan: [doc('j1', 'January kafka')], feb: [doc('f1', 'February kafka')], mar: [doc('m1', 'March kafka')] });
    const first = index.searchSteps('kafka ', { limit: 5 });
    first.next();
    expect(index.search('kafka ', { limit: 5 }).hits).toHaveLength(3);
    expect(() => {
      while (!first.next().done);
    }).toThrow('after another had started');
    // A search started afresh is right.
    expect(index.search('february kafka ', { limit: 5 }).hits.map((h) => h.id)).toEqual(['f1']);
  });

  it('closed part way (cancelled), leaves later searches right', () => {
    const index = indexOf({ jan: [doc('j1', 'January kafka')], feb: [doc('f1', 'February kafka'), doc('f2', 'February redis')], mar: [doc('m1', 'March kafka')] });
    const expected = index.search('kafka ', { limit: 5 });
    const abandoned = index.searchSteps('redis kafka ', { limit: 5 });
    abandoned.next();
    abandoned.return(undefined as never);
    expect(abandoned.next().done).toBe(true);
    expect(index.search('kafka ', { limit: 5 })).toEqual(expected);
    expect(index.search('redis ', { limit: 5 }).hits.map((h) => h.id)).toEqual(['f2']);
  });

  it('counts every change to the segments, which a paused search must start again after', () => {
    const index = indexOf({ jan: [doc('j1', 'January kafka')] });
    const start = index.version;
    const { meta, body } = buildSegment([doc('f1', 'February kafka', 'a body')], { source: 'blog', key: 'feb' });
    index.put(meta);
    expect(index.version).toBeGreaterThan(start);
    const afterPut = index.version;
    index.attachBody(body as Uint8Array);
    expect(index.version).toBeGreaterThan(afterPut);
    const afterBody = index.version;
    index.remove('blog', 'jan');
    expect(index.version).toBeGreaterThan(afterBody);
    const before = index.version;
    index.search('kafka ');
    expect(index.version).toBe(before);
  });
});

describe('snippets', () => {
  it('cuts around the densest cluster of matched terms and gives highlight ranges', async () => {
    const { makeSnippet } = await import('../../../src/lib/search/snippet');
    const text = `${'Intro words. '.repeat(30)}Here Redis Cluster shards keys across nodes. ${'Outro words. '.repeat(30)}`;
    const s = makeSnippet(text, ['redis', 'cluster'], { length: 80 });
    expect(s.start).toBeGreaterThan(0);
    expect(s.truncated).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(80);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['Redis', 'Cluster']);
    const none = makeSnippet('Short text.', ['absent']);
    expect(none).toEqual({ text: 'Short text.', highlights: [], start: 0, truncated: false });
  });

  it('highlights folded matches in the original spelling', async () => {
    const { makeSnippet } = await import('../../../src/lib/search/snippet');
    const s = makeSnippet('Le CAFÉ de la gare', ['cafe']);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['CAFÉ']);
  });
});

/** A body part whose one term claims more postings bytes than the part holds. */
function withPostingsPastTheEnd(): Uint8Array {
  const w = new ByteWriter();
  writeHeader(w, { kind: 'body', flags: 0, source: 's', key: 'k', docCount: 1, stamp: stampOf(['a']) });
  w.varint(1); // one field
  w.varint(3); // the doc's length
  w.varint(1); // one term
  const dict = new ByteWriter();
  dict.varint(0);
  dict.string('word');
  dict.varint(1); // df
  dict.varint(1000); // postings bytes, of the 2 below
  const entry = dict.finish();
  w.varint(entry.length);
  w.bytes(entry);
  w.varint(2);
  w.bytes(new Uint8Array([1, 0]));
  return w.finish();
}
