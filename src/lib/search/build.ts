/** Builds one segment (one feed shard's articles) into its two binary parts. */
import { ByteWriter, utf8 } from './bytes';
import { FLAG_STEMMED, META_FIELDS, stampOf, writeHeader, type PartHeader, type PartKind } from './format';
import { DictionaryWriter, writePosting } from './postings';
import { compareBytes } from './segment';
import type { DocTerms, IndexedDoc } from './reuse';
import { countTerms, type TermCounts } from './termCounts';
import type { TokenizeOptions } from './tokenize';
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

/** A doc to index whose body may come with its terms already counted (the feed builder counts them as it renders). */
export type IndexableDoc = Omit<SearchDoc, 'body'> & { body: string | TermCounts | null };

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

/** A part's postings and field lengths, doc by doc in doc order. */
export class PartBuilder {
  readonly terms: Acc = new Map();
  readonly lengths: number[] = [];
  /** The last reused dictionary, and its terms' postings lists by term index (listsFor). */
  private lastDictionary: readonly string[] | null = null;
  private lastLists: (UintList | undefined)[] = [];

  constructor(readonly fieldCount: number) {}

  /** Adds the next doc; `texts` holds one text per field, or its terms already counted. */
  add(doc: number, texts: readonly (string | TermCounts)[], options: TokenizeOptions): void {
    for (let f = 0; f < this.fieldCount; f++) {
      const text = texts[f] ?? '';
      const counted = typeof text === 'string' ? countTerms(text, options) : text;
      this.lengths.push(counted.length);
      for (let i = 0; i < counted.terms.length; i++) {
        const list = this.slot(counted.terms[i] as string, doc);
        list.data[list.length - this.fieldCount + f] = counted.tfs[i] as number;
      }
    }
  }

  /** Adds the next doc as an earlier segment indexed it (`fieldCount` frequencies per term). */
  addIndexed(doc: number, indexed: DocTerms | null): void {
    for (let f = 0; f < this.fieldCount; f++) this.lengths.push(indexed?.lengths[f] ?? 0);
    if (!indexed) return;
    const { dictionary, terms, tfs } = indexed;
    const lists = this.listsFor(dictionary);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as number;
      const list = this.slotIn((lists[t] ??= this.listOf(dictionary[t] as string)), doc);
      for (let f = 0; f < this.fieldCount; f++) list.data[list.length - this.fieldCount + f] = tfs[i * this.fieldCount + f] as number;
    }
  }

  /**
   * The postings lists of an earlier segment's terms, by its term index: reused docs share their
   * part's dictionary, and looking each of their postings' terms up by string was most of a rebuild.
   */
  private listsFor(dictionary: readonly string[]): (UintList | undefined)[] {
    if (dictionary !== this.lastDictionary) {
      this.lastDictionary = dictionary;
      this.lastLists = new Array<UintList | undefined>(dictionary.length);
    }
    return this.lastLists;
  }

  private listOf(term: string): UintList {
    let list = this.terms.get(term);
    if (!list) this.terms.set(term, (list = new UintList()));
    return list;
  }

  /** The term's postings, with a zeroed entry for `doc` appended if the doc is not its last one yet. */
  private slot(term: string, doc: number): UintList {
    return this.slotIn(this.listOf(term), doc);
  }

  private slotIn(list: UintList, doc: number): UintList {
    const stride = 1 + this.fieldCount;
    if (list.length === 0 || list.data[list.length - stride] !== doc) {
      list.push(doc);
      for (let f = 0; f < this.fieldCount; f++) list.push(0);
    }
    return list;
  }
}

function writeDictionary(part: PartBuilder, out: DictionaryWriter): void {
  // Byte order, which the reader's lookups use (UTF-16 order differs above U+FFFF).
  const sorted = [...part.terms.keys()].map((term) => ({ term, bytes: utf8.encode(term) }));
  sorted.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const stride = 1 + part.fieldCount;
  for (const { term, bytes } of sorted) {
    const list = part.terms.get(term) as UintList;
    const start = out.postings.length;
    let last = -1;
    for (let at = 0; at < list.length; at += stride) {
      const doc = list.data[at] as number;
      writePosting(out.postings, list.data, at, doc - last, part.fieldCount);
      last = doc;
    }
    out.add(bytes, list.length / stride, start);
  }
}

/** A part's bytes: its header, field count, ids (meta part), field lengths, then the dictionary and postings. */
export function partBytes(header: PartHeader, fieldCount: number, ids: Uint8Array, lengths: ArrayLike<number>, terms: DictionaryWriter): Uint8Array {
  const w = new ByteWriter();
  writeHeader(w, header);
  w.varint(fieldCount);
  w.bytes(ids);
  for (let i = 0; i < lengths.length; i++) w.varint(lengths[i] as number);
  w.varint(terms.count);
  w.varint(terms.dict.length);
  w.bytes(terms.dict.finish());
  w.varint(terms.postings.length);
  w.bytes(terms.postings.finish());
  return w.finish();
}

function writePart(kind: PartKind, part: PartBuilder, ids: readonly string[], options: BuildOptions): Uint8Array {
  const flags = options.stem ? FLAG_STEMMED : 0;
  const idBytes = new ByteWriter();
  if (kind === 'meta') for (const id of ids) idBytes.string(id);
  const terms = new DictionaryWriter();
  writeDictionary(part, terms);
  return partBytes({ kind, flags, source: options.source, key: options.key, docCount: ids.length, stamp: stampOf(ids) }, part.fieldCount, idBytes.finish(), part.lengths, terms);
}

/** Tokenises a doc into its meta part's fields (META_FIELDS) and its body part. */
export function indexDoc(meta: PartBuilder, body: PartBuilder, n: number, doc: IndexableDoc, options: TokenizeOptions): void {
  meta.add(n, [doc.title, doc.topics.join(' '), doc.author ?? '', doc.summary], options);
  body.add(n, [doc.body ?? ''], options);
}

/**
 * Builds a segment from its docs, in the order given (a doc's number is its position). A reused
 * doc's terms are taken from the segment that indexed it; the bytes are those a fresh build writes.
 */
export function buildSegment(docs: Iterable<IndexableDoc | ReusedDoc>, options: BuildOptions): SegmentBytes {
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
    indexDoc(meta, body, n, doc, options);
    if (doc.body !== null) withBody++;
  }
  return {
    meta: writePart('meta', meta, ids, options),
    body: withBody > 0 ? writePart('body', body, ids, options) : null,
  };
}
