import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../../src/lib/search/bytes';
import { IdList } from '../../../src/lib/search/ids';

const IDS = ['2026-03-kubernetes', '2026-03-kube', '2026-03-kubernetes-at-scale', 'a', 'ab', 'b', '', 'café', 'caf', 'zürich', '東京', 'tōkyō', 'id-10', 'id-9'];

describe('a list of doc ids kept as bytes', () => {
  it('reads length-prefixed ids where they are, and leaves the reader after them', () => {
    const w = new ByteWriter();
    w.varint(7);
    for (const id of IDS) w.string(id);
    w.varint(42);
    const r = new ByteReader(w.finish());
    expect(r.varint()).toBe(7);
    const list = IdList.read(r, IDS.length);
    expect(r.varint()).toBe(42);
    expect(list.length).toBe(IDS.length);
    expect(list.all()).toEqual(IDS);
    expect(list.at(7)).toBe('café');
  });

  it('matches a list of strings only when every id and the count agree, non-ASCII ids included', () => {
    const list = IdList.of(IDS);
    expect(list.matches(IDS)).toBe(true);
    expect(list.matches(IDS.slice(1))).toBe(false);
    expect(list.matches(IDS.map((id) => (id === 'zürich' ? 'zurich' : id)))).toBe(false);
    expect(list.matches(IDS.map((id) => (id === 'caf' ? 'cag' : id)))).toBe(false);
    expect(list.matches(IDS.map((id) => (id === 'café' ? 'cafe' : id)))).toBe(false);
  });

  it('does not take a lone byte past ASCII for the character of that code', () => {
    const w = new ByteWriter();
    w.varint(1);
    w.bytes(new Uint8Array([0xe9]));
    const list = IdList.read(new ByteReader(w.finish()), 1);
    expect(list.matches(['\u00e9'])).toBe(false);
    expect(list.matches(['\ufffd'])).toBe(true);
  });

  it('refuses ids that run past the bytes', () => {
    const w = new ByteWriter();
    w.varint(10);
    w.bytes(new Uint8Array([97, 98]));
    expect(() => IdList.read(new ByteReader(w.finish()), 1)).toThrow(RangeError);
  });

  it('orders ids as strings do, across lists, without decoding them', () => {
    const left = IdList.of(IDS);
    const right = IdList.of([...IDS].reverse());
    for (let i = 0; i < IDS.length; i++) {
      for (let j = 0; j < IDS.length; j++) {
        const a = IDS[i] as string;
        const b = IDS[IDS.length - 1 - j] as string;
        expect(Math.sign(left.compare(i, right, j)), `${a} vs ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
      }
    }
  });

  it('is empty for a part without ids', () => {
    const list = IdList.read(new ByteReader(new Uint8Array(0)), 0);
    expect(list.length).toBe(0);
    expect(list.all()).toEqual([]);
  });
});

describe('ids decoded for hits', () => {
  it('stay right when far more are asked for than are remembered', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `post-${i}`);
    const list = IdList.of(ids);
    for (let round = 0; round < 2; round++) for (let i = 0; i < ids.length; i += 3) expect(list.at(i)).toBe(ids[i]);
    const other = IdList.of(['x', 'y']);
    expect([other.at(1), other.at(0), other.at(1)]).toEqual(['y', 'x', 'y']);
  });
});

describe('ties within one list', () => {
  it('order as the bytes do, whichever doc comes first', () => {
    const ids = ['2026-03-b', '2026-03-a', '2026-03-ab', '2026-03-', 'zz', '2026-03-é'];
    const list = IdList.of(ids);
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) {
        const a = ids[i] as string;
        const b = ids[j] as string;
        expect(Math.sign(list.compare(i, list, j)), `${a} vs ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
      }
    }
  });
});
