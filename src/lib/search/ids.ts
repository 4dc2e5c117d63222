/**
 * A segment's doc ids, left as the UTF-8 bytes the part stores them in. Decoded, the 100,000 ids
 * of a large feed were 90,000 strings and 14 MB of the search worker's memory; a search needs only
 * its best hits' ids as text, and compares the others in place when scores tie.
 */
import { ByteReader, utf8 } from './bytes';

/**
 * Ids decoded lately, across lists: each keystroke's search names mostly the same best hits, and
 * decoding 2,000 of them took about 2 ms in Chromium. Forgotten all at once past the limit.
 */
const MEMO_LIMIT = 8192;
const memos = new Set<Map<number, string>>();
let memoized = 0;

function forgetAll(): void {
  for (const memo of memos) memo.clear();
  memos.clear();
  memoized = 0;
}

export class IdList {
  readonly length: number;
  readonly #bytes: Uint8Array;
  /** Where each id's bytes start and end in `#bytes`: [start0, end0, start1, end1, …]. */
  readonly #spans: Uint32Array;
  readonly #memo = new Map<number, string>();
  #ranks: Uint32Array | null = null;
  #heads: Uint32Array | null = null;

  private constructor(bytes: Uint8Array, spans: Uint32Array) {
    this.#bytes = bytes;
    this.#spans = spans;
    this.length = spans.length / 2;
  }

  /** Reads `count` length-prefixed ids at the reader's position, leaving it after them. */
  static read(r: ByteReader, count: number): IdList {
    const spans = new Uint32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const length = r.varint();
      spans[i * 2] = r.pos;
      r.bytes(length);
      spans[i * 2 + 1] = r.pos;
    }
    return new IdList(r.buf, spans);
  }

  /** The list of `ids`, encoded (for callers that hold strings). */
  static of(ids: readonly string[]): IdList {
    const encoded = ids.map((id) => utf8.encode(id));
    const bytes = new Uint8Array(encoded.reduce((n, b) => n + b.length, 0));
    const spans = new Uint32Array(ids.length * 2);
    let at = 0;
    encoded.forEach((b, i) => {
      bytes.set(b, at);
      spans[i * 2] = at;
      spans[i * 2 + 1] = at += b.length;
    });
    return new IdList(bytes, spans);
  }

  at(doc: number): string {
    const known = this.#memo.get(doc);
    if (known !== undefined) return known;
    const id = this.#decode(doc);
    if (memoized >= MEMO_LIMIT) forgetAll();
    memos.add(this.#memo);
    this.#memo.set(doc, id);
    memoized++;
    return id;
  }

  /**
   * Whether the list is `ids`, in order. Compared in place where an id's bytes are its characters
   * (ids are ASCII as a rule), decoded only where they differ: a first sync checks 100,000 of them.
   */
  matches(ids: readonly string[]): boolean {
    if (ids.length !== this.length) return false;
    for (let doc = 0; doc < ids.length; doc++) {
      const id = ids[doc] as string;
      if (!this.#asciiEquals(doc, id) && this.#decode(doc) !== id) return false;
    }
    return true;
  }

  #asciiEquals(doc: number, id: string): boolean {
    const start = this.#spans[doc * 2] as number;
    if ((this.#spans[doc * 2 + 1] as number) - start !== id.length) return false;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      // Past ASCII a character is not its byte: a lone 0xE9 byte decodes to U+FFFD, not "é".
      if (code > 0x7f || this.#bytes[start + i] !== code) return false;
    }
    return true;
  }

  /** Every id, decoded and not remembered: for a segment read whole (a rebuild, a check). */
  all(): string[] {
    return Array.from({ length: this.length }, (_, doc) => this.#decode(doc));
  }

  #decode(doc: number): string {
    return utf8.decode(this.#bytes.subarray(this.#spans[doc * 2], this.#spans[doc * 2 + 1]));
  }

  /**
   * Orders this list's `doc` against `other`'s `otherDoc` by their UTF-8 bytes, without decoding:
   * code point order, which is string order for every id outside the astral planes.
   */
  compare(doc: number, other: IdList, otherDoc: number): number {
    if (other === this) {
      // Ties within a segment are the common case, and its ids share a long prefix (the month).
      this.#ranks ??= this.#rank();
      return (this.#ranks[doc] as number) - (this.#ranks[otherDoc] as number);
    }
    this.#heads ??= this.#head();
    other.#heads ??= other.#head();
    const a = this.#heads;
    const b = other.#heads;
    const d = (a[doc * 2] as number) - (b[otherDoc * 2] as number) || (a[doc * 2 + 1] as number) - (b[otherDoc * 2 + 1] as number);
    return d !== 0 ? d : this.#compareBytes(doc, other, otherDoc);
  }

  /**
   * Each id's first 8 bytes as two big-endian numbers (zero past its end): ties across segments
   * are decided by them but for ids that share those 8 bytes.
   */
  #head(): Uint32Array {
    const heads = new Uint32Array(this.length * 2);
    for (let doc = 0; doc < this.length; doc++) {
      const start = this.#spans[doc * 2] as number;
      const end = this.#spans[doc * 2 + 1] as number;
      for (let k = 0; k < 8; k++) {
        const byte = start + k < end ? (this.#bytes[start + k] as number) : 0;
        heads[doc * 2 + (k >> 2)] = (heads[doc * 2 + (k >> 2)] as number) * 256 + byte;
      }
    }
    return heads;
  }

  /** Each doc's place among the list's ids in byte order: 4 bytes a doc, made on the first tie. */
  #rank(): Uint32Array {
    const order = Array.from({ length: this.length }, (_, doc) => doc).sort((a, b) => this.#compareBytes(a, this, b));
    const ranks = new Uint32Array(this.length);
    order.forEach((doc, rank) => (ranks[doc] = rank));
    return ranks;
  }

  #compareBytes(doc: number, other: IdList, otherDoc: number): number {
    const a = this.#bytes;
    const b = other.#bytes;
    let i = this.#spans[doc * 2] as number;
    const aEnd = this.#spans[doc * 2 + 1] as number;
    let j = other.#spans[otherDoc * 2] as number;
    const bEnd = other.#spans[otherDoc * 2 + 1] as number;
    for (; i < aEnd && j < bEnd; i++, j++) {
      const d = (a[i] as number) - (b[j] as number);
      if (d !== 0) return d;
    }
    return aEnd - i - (bEnd - j);
  }
}
