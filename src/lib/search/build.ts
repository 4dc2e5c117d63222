/** Builds one segment (one feed shard's articles) into its two binary parts. */
import { ByteWriter, utf8 } from './bytes';
import { BLOCK_SIZE, FLAG_STEMMED, META_FIELDS, stampOf, writeHeader, type PartKind } from './format';
import { compareBytes } from './segment';
import type { DocTerms, IndexedDoc } from './reuse';
import { forEachTerm, type TokenizeOptions } from './tokenize';
import { UintList } from './uintList';

export interface SearchDoc {
  /** The article id, unique within the segment. */
  id: string;
  title: string;
  /** Topic slugs or names: hyphens split words. */
  topics: readonly string[];
  author: string | null;
  summary: string;
  /** Plain text of the body, or null when the article has none. */
  body: string | null;
}

/** An article indexed by an earlier segment and unchanged since: its terms are taken as they are. */
export interface ReusedDoc {
  id: string;
  indexed: IndexedDoc;
  /** Whether the article has a body (its body part doc may still hold no terms). */
  hasBody: boolean;
}

export interface SegmentBytes {
  /** Title, topics, author, summary and the doc table: always on the device. */
  meta: Uint8Array;
  /** Body postings: may be left on the server and fetched on demand. Null when no doc has a body. */
  body: Uint8Array | null;
}

export interface BuildOptions extends TokenizeOptions {
  source: string;
  key: string;
}

/** Postings of one term while building: per posting, the doc then one frequency per field. */
type Acc = Map<string, UintList>;

class PartBuilder {
  readonly terms: Acc = new Map();
  readonly lengths: number[] = [];
  private readonly counts: Map<string, number>[];

  constructor(readonly fieldCount: number) {
    this.counts = Array.from({ length: fieldCount }, () => new Map<string, number>());
  }

  /** Adds the next doc; `texts` holds one text per field. */
  add(doc: number, texts: readonly string[], options: TokenizeOptions): void {
    for (let f = 0; f < this.fieldCount; f++) {
      const counts = this.counts[f] as Map<string, number>;
      counts.clear();
      let length = 0;
      forEachTerm(texts[f] ?? '', (t) => {
        counts.set(t, (counts.get(t) ?? 0) + 1);
        length++;
      }, options);
      this.lengths.push(length);
      for (const [term, tf] of counts) {
        const list = this.slot(term, doc);
        list.data[list.length - this.fieldCount + f] = tf;
      }
    }
  }

  /** Adds the next doc as an earlier segment indexed it (`fieldCount` frequencies per term). */
  addIndexed(doc: number, indexed: DocTerms | null): void {
    for (let f = 0; f < this.fieldCount; f++) this.lengths.push(indexed?.lengths[f] ?? 0);
    if (!indexed) return;
    const { dictionary, terms, tfs } = indexed;
    for (let i = 0; i < terms.length; i++) {
      const list = this.slot(dictionary[terms[i] as number] as string, doc);
      for (let f = 0; f < this.fieldCount; f++) list.data[list.length - this.fieldCount + f] = tfs[i * this.fieldCount + f] as number;
    }
  }

  /** The term's postings, with a zeroed entry for `doc` appended if the doc is not its last one yet. */
  private slot(term: string, doc: number): UintList {
    let list = this.terms.get(term);
    if (!list) this.terms.set(term, (list = new UintList()));
    const stride = 1 + this.fieldCount;
    if (list.length === 0 || list.data[list.length - stride] !== doc) {
      list.push(doc);
      for (let f = 0; f < this.fieldCount; f++) list.push(0);
    }
    return list;
  }
}

/**
 * One posting. One field (body): varint(delta * 2 + (tf === 1)), then tf - 2 when tf > 1; most
 * rare terms occur once, so they cost one byte. Several fields: varint(delta * 16 + mask of the
 * fields present), then each present field's tf.
 */
function writePosting(w: ByteWriter, list: Uint32Array, at: number, delta: number, fields: number): void {
  if (fields === 1) {
    const tf = list[at + 1] as number;
    w.varint(delta * 2 + (tf === 1 ? 1 : 0));
    if (tf !== 1) w.varint(tf - 2);
    return;
  }
  let mask = 0;
  for (let f = 0; f < fields; f++) if ((list[at + 1 + f] as number) > 0) mask |= 1 << f;
  w.varint(delta * 16 + mask);
  for (let f = 0; f < fields; f++) {
    const tf = list[at + 1 + f] as number;
    if (tf > 0) w.varint(tf);
  }
}

function writeDictionary(part: PartBuilder, dict: ByteWriter, postings: ByteWriter): number {
  // Byte order, which the reader's lookups use (UTF-16 order differs above U+FFFF).
  const sorted = [...part.terms.keys()].map((term) => ({ term, bytes: utf8.encode(term) }));
  sorted.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const stride = 1 + part.fieldCount;
  let previous = new Uint8Array(0);
  sorted.forEach(({ term, bytes }, i) => {
    let shared = 0;
    // Front coding: a block's first term is whole so that a lookup can start there.
    if (i % BLOCK_SIZE !== 0) while (shared < bytes.length && shared < previous.length && bytes[shared] === previous[shared]) shared++;
    dict.varint(shared);
    dict.varint(bytes.length - shared);
    dict.bytes(bytes.subarray(shared));
    previous = bytes;
    const list = part.terms.get(term) as UintList;
    const start = postings.length;
    let last = -1;
    for (let at = 0; at < list.length; at += stride) {
      const doc = list.data[at] as number;
      writePosting(postings, list.data, at, doc - last, part.fieldCount);
      last = doc;
    }
    dict.varint(list.length / stride);
    dict.varint(postings.length - start);
  });
  return sorted.length;
}

function writePart(kind: PartKind, part: PartBuilder, ids: readonly string[], options: BuildOptions): Uint8Array {
  const w = new ByteWriter();
  const flags = options.stem ? FLAG_STEMMED : 0;
  writeHeader(w, { kind, flags, source: options.source, key: options.key, docCount: ids.length, stamp: stampOf(ids) });
  w.varint(part.fieldCount);
  if (kind === 'meta') for (const id of ids) w.string(id);
  for (const length of part.lengths) w.varint(length);
  const dict = new ByteWriter();
  const postings = new ByteWriter();
  w.varint(writeDictionary(part, dict, postings));
  w.varint(dict.length);
  w.bytes(dict.finish());
  w.varint(postings.length);
  w.bytes(postings.finish());
  return w.finish();
}

/**
 * Builds a segment from its docs, in the order given (a doc's number is its position). A reused
 * doc's terms are taken from the segment that indexed it; the bytes are those a fresh build writes.
 */
export function buildSegment(docs: Iterable<SearchDoc | ReusedDoc>, options: BuildOptions): SegmentBytes {
  const meta = new PartBuilder(META_FIELDS.length);
  const body = new PartBuilder(1);
  const ids: string[] = [];
  let withBody = 0;
  for (const doc of docs) {
    const n = ids.length;
    ids.push(doc.id);
    if ('indexed' in doc) {
      meta.addIndexed(n, doc.indexed.meta);
      body.addIndexed(n, doc.indexed.body);
      if (doc.hasBody) withBody++;
      continue;
    }
    meta.add(n, [doc.title, doc.topics.join(' '), doc.author ?? '', doc.summary], options);
    body.add(n, [doc.body ?? ''], options);
    if (doc.body !== null) withBody++;
  }
  return {
    meta: writePart('meta', meta, ids, options),
    body: withBody > 0 ? writePart('body', body, ids, options) : null,
  };
}
