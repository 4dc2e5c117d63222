/**
 * The writing side of a part's dictionary and postings, shared by a fresh build and a patch, and the
 * one varint reader their hot readers share (`longVarint`).
 */
import { ByteWriter } from './bytes';
import { BLOCK_SIZE } from './format';

/**
 * One posting. One field (body): varint(delta * 2 + (tf === 1)), then tf - 2 when tf > 1; most
 * rare terms occur once, so they cost one byte. Several fields: varint(delta * 16 + mask of the
 * fields present), then each present field's tf. `list` holds per posting the doc, then one
 * frequency per field; `at` is this posting's doc.
 */
export function writePosting(w: ByteWriter, list: Uint32Array, at: number, delta: number, fields: number): void {
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

/** Terms in byte order, front-coded in blocks; a block's first term is whole so that a lookup can start there. */
export class DictionaryWriter {
  readonly dict = new ByteWriter();
  readonly postings = new ByteWriter();
  count = 0;
  #previous = new Uint8Array(64);
  #previousLength = 0;

  /** Adds the next term, whose postings were just written to `postings` from `postingsStart` on. */
  add(term: Uint8Array, df: number, postingsStart: number): void {
    let shared = 0;
    if (this.count % BLOCK_SIZE !== 0) {
      const n = Math.min(term.length, this.#previousLength);
      while (shared < n && term[shared] === this.#previous[shared]) shared++;
    }
    this.dict.varint(shared);
    this.dict.varint(term.length - shared);
    this.dict.bytes(term.subarray(shared));
    this.dict.varint(df);
    this.dict.varint(this.postings.length - postingsStart);
    if (this.#previous.length < term.length) this.#previous = new Uint8Array(term.length * 2);
    this.#previous.set(term);
    this.#previousLength = term.length;
    this.count++;
  }
}

/** A term's postings, read in place: bytes `start` to `end` of its part's postings, `p`. */
export interface PostingRange {
  p: Uint8Array;
  start: number;
  end: number;
}

/** Where the varint `longVarint` last read ends. */
export const longVarintEnd = { at: 0 };

/**
 * A varint at `at` that may take more than one byte: the hot readers (the scorer, a dictionary
 * lookup) read one-byte ones, most of them, in line and call this for the rest. Past the end of `b`
 * it throws rather than reading on.
 */
export function longVarint(b: Uint8Array, at: number): number {
  let n = 0;
  let scale = 1;
  for (let i = at; ; i++) {
    const byte = b[i];
    if (byte === undefined) throw new RangeError('search segment: unexpected end of data');
    n += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      longVarintEnd.at = i + 1;
      return n;
    }
    scale *= 0x80;
  }
}
