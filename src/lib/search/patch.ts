/**
 * A segment with a few docs indexed again, the rest kept as they are: what a rebuild needs when an
 * article is edited in place (same ids, same order). Only the terms a changed doc had or has are
 * decoded and written again; every other term's postings are copied as bytes, since its docs keep
 * their numbers. The result is byte for byte what `buildSegment` writes for the same docs.
 */
import { ByteReader, ByteWriter, utf8 } from './bytes';
import { FLAG_STEMMED, META_FIELDS, readHeader, type PartHeader } from './format';
import { indexDoc, PartBuilder, partBytes, type BuildOptions, type SearchDoc, type SegmentBytes } from './build';
import { DictionaryWriter, writePosting } from './postings';
import { compareBytes } from './segment';
import type { UintList } from './uintList';

/** A part read as its bytes lie, so that unchanged parts of it are copied rather than decoded. */
interface RawPart {
  header: PartHeader;
  fieldCount: number;
  /** The doc ids' encoded bytes (empty for a body part). */
  ids: Uint8Array;
  lengths: Uint32Array;
  termCount: number;
  dict: Uint8Array;
  postings: Uint8Array;
}

function readRaw(bytes: Uint8Array): RawPart {
  const r = new ByteReader(bytes);
  const header = readHeader(r);
  const fieldCount = r.varint();
  const idsStart = r.pos;
  if (header.kind === 'meta') for (let i = 0; i < header.docCount; i++) r.bytes(r.varint());
  const ids = bytes.subarray(idsStart, r.pos);
  const lengths = new Uint32Array(header.docCount * fieldCount);
  for (let i = 0; i < lengths.length; i++) lengths[i] = r.varint();
  const termCount = r.varint();
  const dict = r.bytes(r.varint());
  const postings = r.bytes(r.varint());
  return { header, fieldCount, ids, lengths, termCount, dict, postings };
}

/** A term's postings decoded: per posting the doc, then one frequency per field. */
function decodePostings(bytes: Uint8Array, fields: number, out: number[]): void {
  const r = new ByteReader(bytes);
  let doc = -1;
  out.length = 0;
  while (r.pos < bytes.length) {
    const head = r.varint();
    if (fields === 1) {
      doc += Math.floor(head / 2);
      out.push(doc, head % 2 === 1 ? 1 : r.varint() + 2);
      continue;
    }
    doc += Math.floor(head / 16);
    out.push(doc);
    for (let f = 0; f < fields; f++) out.push(head & (1 << f) ? r.varint() : 0);
  }
}

/** Whether any of a term's postings names a changed doc, read from its bytes without keeping them. */
function namesChanged(bytes: Uint8Array, fields: number, changed: Uint8Array): boolean {
  const r = new ByteReader(bytes);
  let doc = -1;
  while (r.pos < bytes.length) {
    const head = r.varint();
    if (fields === 1) {
      doc += Math.floor(head / 2);
      if (head % 2 === 0) r.varint();
    } else {
      doc += Math.floor(head / 16);
      for (let f = 0; f < fields; f++) if (head & (1 << f)) r.varint();
    }
    if (changed[doc] === 1) return true;
  }
  return false;
}

/** The kept postings of a term merged with its changed docs' new ones, written; returns how many. */
function writeMerged(out: ByteWriter, old: readonly number[], fresh: UintList | undefined, fields: number, changed: Uint8Array): number {
  const stride = 1 + fields;
  const merged = new Uint32Array(old.length + (fresh?.length ?? 0));
  let n = 0;
  let j = 0;
  const take = (source: ArrayLike<number>, at: number) => {
    for (let k = 0; k < stride; k++) merged[n + k] = source[at + k] as number;
    n += stride;
  };
  const takeFreshBelow = (doc: number) => {
    for (; fresh && j < fresh.length && (fresh.data[j] as number) < doc; j += stride) take(fresh.data, j);
  };
  for (let i = 0; i < old.length; i += stride) {
    const doc = old[i] as number;
    takeFreshBelow(doc);
    if (changed[doc] !== 1) take(old, i);
  }
  takeFreshBelow(Infinity);
  let last = -1;
  for (let at = 0; at < n; at += stride) {
    const doc = merged[at] as number;
    writePosting(out, merged, at, doc - last, fields);
    last = doc;
  }
  return n / stride;
}

function patchPart(bytes: Uint8Array, changed: Uint8Array, fresh: PartBuilder, freshDocs: readonly number[], options: BuildOptions): Uint8Array {
  const part = readRaw(bytes);
  const fields = part.fieldCount;
  const lengths = part.lengths.slice();
  freshDocs.forEach((doc, i) => lengths.set(fresh.lengths.slice(i * fields, (i + 1) * fields), doc * fields));
  const freshTerms = [...fresh.terms.keys()].map((term) => ({ term, bytes: utf8.encode(term) })).sort((a, b) => compareBytes(a.bytes, b.bytes));
  const out = new DictionaryWriter();
  const dict = new ByteReader(part.dict);
  const term = new Uint8Array(512);
  const decodedOld: number[] = [];
  let next = 0;
  let offset = 0;
  const addFresh = (entry: (typeof freshTerms)[number]) => {
    const start = out.postings.length;
    out.add(entry.bytes, writeMerged(out.postings, [], fresh.terms.get(entry.term), fields, changed), start);
  };
  for (let i = 0; i < part.termCount; i++) {
    const shared = dict.varint();
    const suffix = dict.bytes(dict.varint());
    term.set(suffix, shared);
    const current = term.subarray(0, shared + suffix.length);
    const df = dict.varint();
    const postings = part.postings.subarray(offset, (offset += dict.varint()));
    while (next < freshTerms.length && compareBytes((freshTerms[next] as (typeof freshTerms)[number]).bytes, current) < 0) addFresh(freshTerms[next++] as (typeof freshTerms)[number]);
    const same = next < freshTerms.length && compareBytes((freshTerms[next] as (typeof freshTerms)[number]).bytes, current) === 0;
    const start = out.postings.length;
    if (!same && !namesChanged(postings, fields, changed)) {
      out.postings.bytes(postings);
      out.add(current, df, start);
      continue;
    }
    decodePostings(postings, fields, decodedOld);
    const kept = writeMerged(out.postings, decodedOld, same ? fresh.terms.get((freshTerms[next++] as (typeof freshTerms)[number]).term) : undefined, fields, changed);
    if (kept > 0) out.add(current, kept, start);
  }
  while (next < freshTerms.length) addFresh(freshTerms[next++] as (typeof freshTerms)[number]);
  const flags = options.stem ? FLAG_STEMMED : 0;
  return partBytes({ ...part.header, flags, source: options.source, key: options.key }, fields, part.ids, lengths, out);
}

/**
 * `old` with the docs at the positions in `changed` indexed again from their new text. Null when the
 * old segment cannot be patched into the one a fresh build would write: built with other options,
 * or a body part that must appear or go (`withBody` says whether any doc now has a body).
 */
export function patchSegment(old: SegmentBytes, changed: ReadonlyMap<number, SearchDoc>, withBody: boolean, options: BuildOptions): SegmentBytes | null {
  const flags = options.stem ? FLAG_STEMMED : 0;
  const metaHeader = readHeader(new ByteReader(old.meta));
  if (metaHeader.flags !== flags || metaHeader.kind !== 'meta' || withBody !== (old.body !== null)) return null;
  const docs = [...changed.keys()].sort((a, b) => a - b);
  if ((docs[docs.length - 1] ?? -1) >= metaHeader.docCount) return null;
  const marked = new Uint8Array(metaHeader.docCount);
  const meta = new PartBuilder(META_FIELDS.length);
  const body = new PartBuilder(1);
  for (const doc of docs) {
    const d = changed.get(doc) as SearchDoc;
    marked[doc] = 1;
    indexDoc(meta, body, doc, d, options);
  }
  return {
    meta: patchPart(old.meta, marked, meta, docs, options),
    body: old.body ? patchPart(old.body, marked, body, docs, options) : null,
  };
}
