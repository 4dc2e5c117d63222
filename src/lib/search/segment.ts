/**
 * Reads one serialised segment part in place: the bytes stay one Uint8Array (no object per term or
 * posting), with one decoded entry per dictionary block for lookups.
 */
import { ByteReader, utf8 } from './bytes';
import { BLOCK_SIZE, BODY_FIELDS, META_FIELDS, readHeader, type PartHeader, type PartLabel } from './format';
import { IdList } from './ids';
import { longVarint, longVarintEnd, type PostingRange } from './postings';

export interface TermInfo {
  /** Docs of this part that contain the term. */
  df: number;
  /** Byte range of its postings. */
  offset: number;
  length: number;
}

/** Byte-wise order: the builder sorts the dictionary this way, so lookups compare bytes. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function decodeTerm(b: Uint8Array): string {
  for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0x80) return utf8.decode(b);
  return String.fromCharCode(...b);
}

/** Read position of `readVarint`: reads are synchronous, so one module-wide cursor serves all. */
let cursor = 0;

/** What `SegmentPart.decode` fills, shared by every part and grown to the longest term decoded. */
export const decoded = { docs: new Int32Array(1024), tfs: new Uint32Array(4096) };

/** A varint at `cursor`; past the end of `b` it throws rather than reading on. */
function readVarint(b: Uint8Array): number {
  const byte = b[cursor];
  if (byte !== undefined && byte < 0x80) {
    cursor++;
    return byte;
  }
  const n = longVarint(b, cursor);
  cursor = longVarintEnd.at;
  return n;
}

function compareScratch(scratch: Uint8Array, length: number, term: Uint8Array): number {
  const n = Math.min(length, term.length);
  for (let i = 0; i < n; i++) {
    const d = (scratch[i] as number) - (term[i] as number);
    if (d !== 0) return d;
  }
  return length - term.length;
}

export class SegmentPart {
  readonly header: PartHeader;
  readonly fieldCount: number;
  /** Doc ids, in doc order (meta part only; empty for a body part). */
  readonly ids: IdList;
  /** Term count of each doc's field: lengths[doc * fieldCount + field]. */
  readonly lengths: Uint32Array;
  /** Sum of `lengths` per field, for the average length that BM25 needs. */
  readonly totalLengths: number[];
  readonly termCount: number;
  readonly byteLength: number;
  private readonly dict: Uint8Array;
  private readonly postings: Uint8Array;
  private readonly blockStart: Uint32Array;
  /** Where each block's postings start: within the part, so 32 bits (a Float64Array was 3.4 MB at 100k). */
  private readonly blockPostings: Uint32Array;
  /** Where each block's first (whole) term's bytes are, so lookups compare in place. */
  private readonly blockKey: Uint32Array;
  private readonly blockKeyLength: Uint16Array;
  private readonly scratch = new Uint8Array(512);

  /** `label`: the source and key the part goes under, when its own header names the feed's. */
  constructor(bytes: Uint8Array, label?: PartLabel) {
    const r = new ByteReader(bytes);
    this.byteLength = bytes.length;
    this.header = label ? { ...readHeader(r), ...label } : readHeader(r);
    this.fieldCount = r.varint();
    // The scorer reads meta postings as four fields and body postings as one.
    const fields = this.header.kind === 'meta' ? META_FIELDS.length : BODY_FIELDS.length;
    if (this.fieldCount !== fields) throw new RangeError(`search segment: ${this.fieldCount} fields in a ${this.header.kind} part, which has ${fields}`);
    const n = this.header.docCount;
    this.ids = IdList.read(r, this.header.kind === 'meta' ? n : 0);
    this.lengths = new Uint32Array(n * this.fieldCount);
    const totals = new Array<number>(this.fieldCount).fill(0);
    for (let i = 0; i < this.lengths.length; i++) {
      const length = r.varint();
      this.lengths[i] = length;
      totals[i % this.fieldCount] = (totals[i % this.fieldCount] as number) + length;
    }
    this.totalLengths = totals;
    this.termCount = r.varint();
    this.dict = r.bytes(r.varint());
    this.postings = r.bytes(r.varint());
    const blocks = Math.ceil(this.termCount / BLOCK_SIZE);
    this.blockStart = new Uint32Array(blocks);
    this.blockPostings = new Uint32Array(blocks);
    this.blockKey = new Uint32Array(blocks);
    this.blockKeyLength = new Uint16Array(blocks);
    this.indexBlocks();
  }

  /** One pass over the dictionary to find where each block starts. */
  private indexBlocks(): void {
    const r = new ByteReader(this.dict);
    let postings = 0;
    for (let i = 0; i < this.termCount; i++) {
      const block = i / BLOCK_SIZE;
      if (i % BLOCK_SIZE === 0) {
        this.blockStart[block] = r.pos;
        this.blockPostings[block] = postings;
      }
      r.varint();
      const suffix = r.varint();
      if (i % BLOCK_SIZE === 0) {
        this.blockKey[block] = r.pos;
        this.blockKeyLength[block] = suffix;
      }
      r.bytes(suffix);
      r.varint();
      postings += r.varint();
      if (postings > this.postings.length) throw new RangeError('search segment: postings run past the part');
    }
  }

  /** Compares a block's first term with `term`, in place (no copy, no allocation). */
  private compareBlock(block: number, term: Uint8Array): number {
    const dict = this.dict;
    const at = this.blockKey[block] as number;
    const length = this.blockKeyLength[block] as number;
    const n = Math.min(length, term.length);
    for (let i = 0; i < n; i++) {
      const d = (dict[at + i] as number) - (term[i] as number);
      if (d !== 0) return d;
    }
    return length - term.length;
  }

  /** Calls `visit` for every term in dictionary order; return false to stop. */
  forEachTerm(visit: (term: string, info: TermInfo) => boolean | void, fromBlock = 0): void {
    const r = new ByteReader(this.dict, this.blockStart[fromBlock] ?? this.dict.length);
    let offset = this.blockPostings[fromBlock] ?? 0;
    let termLength = 0;
    for (let i = fromBlock * BLOCK_SIZE; i < this.termCount; i++) {
      const shared = r.varint();
      const suffix = r.bytes(r.varint());
      this.scratch.set(suffix, shared);
      termLength = shared + suffix.length;
      const df = r.varint();
      const length = r.varint();
      if (visit(decodeTerm(this.scratch.subarray(0, termLength)), { df, offset, length }) === false) return;
      offset += length;
    }
  }

  /**
   * The term's postings, or null when this part does not have it. Every query word asks this of
   * every segment, so it reads the dictionary in place: the constructor's pass checked its bounds.
   */
  lookup(term: Uint8Array): TermInfo | null {
    let lo = 0;
    let hi = this.blockStart.length - 1;
    if (hi < 0 || this.compareBlock(0, term) > 0) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.compareBlock(mid, term) <= 0) lo = mid;
      else hi = mid - 1;
    }
    const dict = this.dict;
    const scratch = this.scratch;
    cursor = this.blockStart[lo] as number;
    let offset = this.blockPostings[lo] as number;
    const end = Math.min(this.termCount, (lo + 1) * BLOCK_SIZE);
    for (let i = lo * BLOCK_SIZE; i < end; i++) {
      const shared = readVarint(dict);
      const suffix = readVarint(dict);
      for (let k = 0; k < suffix; k++) scratch[shared + k] = dict[cursor + k] as number;
      cursor += suffix;
      const df = readVarint(dict);
      const length = readVarint(dict);
      const c = compareScratch(scratch, shared + suffix, term);
      if (c === 0) return { df, offset, length };
      if (c > 0) return null;
      offset += length;
    }
    return null;
  }

  /** Points `into` at a term's postings, checked to lie within the part: the scorer reads them in place. */
  postingRange(into: PostingRange, offset: number, length: number): PostingRange {
    const end = offset + length;
    if (end > this.postings.length) throw new RangeError('search segment: unexpected end of data');
    into.p = this.postings;
    into.start = offset;
    into.end = end;
    return into;
  }

  /**
   * Decodes a term's postings into the shared `decoded` buffers: docs ascending, and per doc
   * `fieldCount` term frequencies (0 when absent). Returns how many; the buffers hold them until
   * the next call. One tight loop, no callback per posting: this is the hottest loop of a query.
   */
  decode(info: TermInfo): number {
    const p = this.postings;
    const end = info.offset + info.length;
    if (end > p.length) throw new RangeError('search segment: unexpected end of data');
    const fields = this.fieldCount;
    // A posting takes a byte at least, so the term's bytes bound its count.
    if (decoded.docs.length < info.length) decoded.docs = new Int32Array(info.length);
    if (decoded.tfs.length < info.length * fields) decoded.tfs = new Uint32Array(info.length * fields);
    const { docs, tfs } = decoded;
    cursor = info.offset;
    let doc = -1;
    let n = 0;
    while (cursor < end) {
      const head = readVarint(p);
      if (fields === 1) {
        doc += Math.floor(head / 2);
        tfs[n] = head % 2 === 1 ? 1 : readVarint(p) + 2;
      } else {
        doc += Math.floor(head / 16);
        const mask = head % 16;
        const at = n * fields;
        for (let f = 0; f < fields; f++) tfs[at + f] = mask & (1 << f) ? readVarint(p) : 0;
      }
      docs[n++] = doc;
    }
    if (cursor > end) throw new RangeError('search segment: postings overrun their term');
    return n;
  }
}
