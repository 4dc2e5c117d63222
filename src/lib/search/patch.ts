/**
 * A segment with a few docs indexed again, the rest kept as they are: what a rebuild needs when an
 * article is edited in place (same ids, same order). Only the terms a changed doc had or has are
 * decoded and written again; every other term's postings are copied as bytes, since its docs keep
 * their numbers. The result is byte for byte what `buildSegment` writes for the same docs.
 */
import { ByteReader, ByteWriter, utf8 } from './bytes';
import { FLAG_STEMMED, META_FIELDS, readHeader, type PartHeader } from './format';
import { indexDoc, PartBuilder, partBytes, type BuildOptions, type IndexableDoc, type SegmentBytes } from './build';
import { DictionaryWriter, writePosting } from './postings';
import { compareBytes } from './segment';
import type { UintList } from './uintList';

type FreshTerm = { term: string; bytes: Uint8Array };

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

/**
 * Reads a posting: its head, whose quotient by `scale` is the doc delta and whose remainder says
 * which frequencies follow (tf = 1 for one field, the field mask for several), then skips those.
 */
function readPosting(r: ByteReader, fields: number, scale: number): number {
  const head = r.varint();
  const low = head % scale;
  if (fields === 1) {
    if (low === 0) r.varint();
  } else for (let f = 0; f < fields; f++) if (low & (1 << f)) r.varint();
  return head;
}

const scaleOf = (fields: number): number => (fields === 1 ? 2 : 16);

/** Whether any of a term's postings names a changed doc, read from its bytes without keeping them. */
function namesChanged(bytes: Uint8Array, fields: number, changed: Uint8Array): boolean {
  const r = new ByteReader(bytes);
  const scale = scaleOf(fields);
  let doc = -1;
  while (r.pos < bytes.length) {
    doc += Math.floor(readPosting(r, fields, scale) / scale);
    if (changed[doc] === 1) return true;
  }
  return false;
}

/**
 * A term's postings with the changed docs' old ones dropped and their new ones (`fresh`) merged in,
 * written to `out`; returns how many. Kept postings are copied as bytes, a run at a time; a head is
 * written again only where the doc before it changed (its delta is from the previous doc).
 */
function writeMerged(out: ByteWriter, bytes: Uint8Array, fields: number, changed: Uint8Array, fresh: UintList | undefined): number {
  const stride = 1 + fields;
  const scale = scaleOf(fields);
  const r = new ByteReader(bytes);
  let oldDoc = -1;
  let last = -1;
  let n = 0;
  let j = 0;
  // Postings from `run` on are copied as they are, once something else must be written.
  let run = 0;
  const flush = (end: number) => {
    if (end > run) out.bytes(bytes.subarray(run, end));
  };
  const freshBelow = (doc: number, at: number) => {
    if (!fresh || j >= fresh.length || (fresh.data[j] as number) >= doc) return;
    flush(at);
    for (; j < fresh.length && (fresh.data[j] as number) < doc; j += stride, n++) {
      writePosting(out, fresh.data, j, (fresh.data[j] as number) - last, fields);
      last = fresh.data[j] as number;
    }
    run = at;
  };
  while (r.pos < bytes.length) {
    const start = r.pos;
    const headEnd = varintEnd(bytes, start);
    const head = readPosting(r, fields, scale);
    const delta = Math.floor(head / scale);
    const doc = oldDoc + delta;
    oldDoc = doc;
    freshBelow(doc, start);
    if (changed[doc] === 1) {
      flush(start);
      run = r.pos;
      continue;
    }
    if (doc - last !== delta) {
      flush(start);
      out.varint((doc - last) * scale + (head % scale));
      run = headEnd;
    }
    last = doc;
    n++;
  }
  flush(bytes.length);
  run = bytes.length;
  freshBelow(Infinity, bytes.length);
  return n;
}

const NONE = new Uint8Array(0);

/** Where the varint starting at `at` ends. */
function varintEnd(bytes: Uint8Array, at: number): number {
  while ((bytes[at] as number) >= 0x80) at++;
  return at + 1;
}

function patchPart(bytes: Uint8Array, changed: Uint8Array, fresh: PartBuilder, freshDocs: readonly number[], options: BuildOptions): Uint8Array {
  const part = readRaw(bytes);
  const fields = part.fieldCount;
  const lengths = part.lengths.slice();
  freshDocs.forEach((doc, i) => lengths.set(fresh.lengths.slice(i * fields, (i + 1) * fields), doc * fields));
  const freshTerms: FreshTerm[] = [...fresh.terms.keys()].map((term) => ({ term, bytes: utf8.encode(term) })).sort((a, b) => compareBytes(a.bytes, b.bytes));
  const out = new DictionaryWriter();
  const dict = new ByteReader(part.dict);
  const term = new Uint8Array(512);
  let offset = 0;
  // The fresh terms not in the old dictionary go in where their bytes sort; `next` is the first not yet written.
  let next = 0;
  const compareNext = (current: Uint8Array) => (next < freshTerms.length ? compareBytes((freshTerms[next] as FreshTerm).bytes, current) : 1);
  const addFresh = () => {
    const entry = freshTerms[next++] as FreshTerm;
    const start = out.postings.length;
    out.add(entry.bytes, writeMerged(out.postings, NONE, fields, changed, fresh.terms.get(entry.term)), start);
  };
  for (let i = 0; i < part.termCount; i++) {
    const shared = dict.varint();
    const suffix = dict.bytes(dict.varint());
    term.set(suffix, shared);
    const current = term.subarray(0, shared + suffix.length);
    const df = dict.varint();
    const postings = part.postings.subarray(offset, (offset += dict.varint()));
    while (compareNext(current) < 0) addFresh();
    const same = compareNext(current) === 0;
    const start = out.postings.length;
    if (!same && !namesChanged(postings, fields, changed)) {
      out.postings.bytes(postings);
      out.add(current, df, start);
      continue;
    }
    const kept = writeMerged(out.postings, postings, fields, changed, same ? fresh.terms.get((freshTerms[next++] as FreshTerm).term) : undefined);
    if (kept > 0) out.add(current, kept, start);
  }
  while (next < freshTerms.length) addFresh();
  return partBytes({ ...part.header, source: options.source, key: options.key }, fields, part.ids, lengths, out);
}

/**
 * `old` with the docs at the positions in `changed` indexed again from their new text. Null when the
 * old segment cannot be patched into the one a fresh build would write: built with other options,
 * or a body part that must appear or go (`withBody` says whether any doc now has a body).
 */
export function patchSegment(old: SegmentBytes, changed: ReadonlyMap<number, IndexableDoc>, withBody: boolean, options: BuildOptions): SegmentBytes | null {
  const flags = options.stem ? FLAG_STEMMED : 0;
  const metaHeader = readHeader(new ByteReader(old.meta));
  if (metaHeader.flags !== flags || metaHeader.kind !== 'meta' || withBody !== (old.body !== null)) return null;
  const docs = [...changed.keys()].sort((a, b) => a - b);
  if ((docs[docs.length - 1] ?? -1) >= metaHeader.docCount) return null;
  const marked = new Uint8Array(metaHeader.docCount);
  const meta = new PartBuilder(META_FIELDS.length);
  const body = new PartBuilder(1);
  for (const doc of docs) {
    const d = changed.get(doc) as IndexableDoc;
    marked[doc] = 1;
    indexDoc(meta, body, doc, d, options);
  }
  return {
    meta: patchPart(old.meta, marked, meta, docs, options),
    body: old.body ? patchPart(old.body, marked, body, docs, options) : null,
  };
}
