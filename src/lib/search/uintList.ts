/**
 * Unsigned 32-bit integers in a typed array that doubles as it fills. The segment builder and the
 * reader of reused segments keep their postings in these: growing number[] lists, promoted part way
 * through a large segment, left the young generation's collections copying and scanning them again.
 */
export class UintList {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 8) {
    this.data = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}
