/**
 * What word positions would cost if phrases were answered from the index: the position lists
 * (delta + varint, grouped by term and doc, as a positional index stores them) measured against the
 * index Folio writes without them.
 *
 *   npx tsx bench/search/positions.ts
 */
import { gzipSync } from 'node:zlib';
import { ByteWriter } from '../../src/lib/search/bytes';
import { buildSegment } from '../../src/lib/search/build';
import { tokenize } from '../../src/lib/search/tokenize';
import { cachedRealCorpus } from './corpus';

const corpus = cachedRealCorpus(console.error);
let index = { raw: 0, gzip: 0 };
let positions = { raw: 0, gzip: 0 };
for (const shard of corpus.shards) {
  const docs = shard.docs();
  const { meta, body } = buildSegment(docs, { source: 'x', key: shard.key });
  for (const part of [meta, body]) if (part) index = { raw: index.raw + part.length, gzip: index.gzip + gzipSync(part).length };
  // Per term, per doc: the doc's positions of that term, delta-coded.
  const byTerm = new Map<string, number[][]>();
  docs.forEach((doc, n) => {
    const text = [doc.title, doc.topics.join(' '), doc.author ?? '', doc.summary, doc.body ?? ''].join('\n');
    const seen = new Map<string, number[]>();
    tokenize(text).forEach((t, at) => {
      let list = seen.get(t.term);
      if (!list) seen.set(t.term, (list = []));
      list.push(at);
    });
    for (const [term, list] of seen) {
      let lists = byTerm.get(term);
      if (!lists) byTerm.set(term, (lists = []));
      lists[n] = list;
    }
  });
  const w = new ByteWriter();
  for (const term of [...byTerm.keys()].sort()) {
    for (const list of byTerm.get(term) as number[][]) {
      if (!list) continue;
      w.varint(list.length);
      let last = 0;
      for (const p of list) {
        w.varint(p - last);
        last = p;
      }
    }
  }
  const bytes = w.finish();
  positions = { raw: positions.raw + bytes.length, gzip: positions.gzip + gzipSync(bytes).length };
}
const mb = (n: number) => `${(n / 1048576).toFixed(2)} MB`;
console.log(`index without positions: ${mb(index.raw)} raw, ${mb(index.gzip)} gzipped`);
console.log(`positions alone:         ${mb(positions.raw)} raw, ${mb(positions.gzip)} gzipped`);
console.log(`positions would make the index ${((positions.gzip / index.gzip) * 100 + 100).toFixed(0)}% of its gzipped size`);
