import { describe, expect, it } from 'vitest';
import { monthIndex, topicsAt } from '../../../src/lib/catalog/catalog';
import { positionOf, positionsAt, positionsOf } from '../../../src/lib/catalog/positions';
import { keyMask } from '../../../src/lib/list/masks';
import { catalogOf, keysOf } from '../helpers/catalog';

describe('buildCatalog', () => {
  it('merges interleaved sources newest first, undated last, ties by key', () => {
    const catalog = catalogOf({
      'x:2026-01': [{ id: 'x2', date: '2026-01-20T00:00:00Z', topics: ['go'] }, { id: 'x1', date: '2026-01-05T00:00:00Z', topics: [] }],
      'y:2026-01': [{ id: 'y1', date: '2026-01-10T00:00:00Z', topics: ['go', 'web'] }, { id: 'y0', date: '2026-01-05T00:00:00Z', topics: [] }],
      'y:undated': [{ id: 'yu', date: null, topics: ['web'] }],
      'x:undated': [{ id: 'xu', date: null, topics: [] }],
    });
    expect(keysOf(catalog)).toEqual(['x/x2', 'y/y1', 'x/x1', 'y/y0', 'x/xu', 'y/yu']);
    expect(catalog.datedCount).toBe(4);
    expect([...catalog.sourceOf].map((i) => catalog.sourceIds[i])).toEqual(['x', 'y', 'x', 'y', 'x', 'y']);
    expect(topicsAt(catalog, 1)).toEqual(['go', 'web']);
    const go = catalog.topicIdOf.get('go') ?? -1;
    expect([...(catalog.postings[go] ?? [])]).toEqual([0, 1]);
    expect(positionOf(catalog, 'y/yu')).toBe(5);
    expect(positionOf(catalog, 'x/x1')).toBe(2);
    expect(positionOf(catalog, 'x/nope')).toBeUndefined();
    expect(positionsOf(catalog, ['y/y0', 'z/z', 'x/x2'])).toEqual([3, 0]);
  });

  it('derives each key from its source and id, and finds ids that hold a slash', () => {
    const catalog = catalogOf({
      'x:2026-01': [{ id: 'posts/a/b', date: '2026-01-20T00:00:00Z', topics: [] }, { id: 'c', date: '2026-01-05T00:00:00Z', topics: [] }],
      'y:2026-01': [{ id: 'posts/a/b', date: '2026-01-10T00:00:00Z', topics: [] }],
    });
    expect(keysOf(catalog)).toEqual(['x/posts/a/b', 'y/posts/a/b', 'x/c']);
    expect(positionsOf(catalog, ['y/posts/a/b', 'x/c', 'x/posts/a/b', 'x/posts/a', 'z/c'])).toEqual([1, 2, 0]);
  });

  it('maps no keys without building the id map, which costs a start on a phone', () => {
    const built = catalogOf({ 'x:2026-01': [{ id: 'x1', date: '2026-01-05T00:00:00Z', topics: [] }] });
    let idReads = 0;
    const catalog = Object.defineProperty({ ...built }, 'chunks', { get: () => (idReads++, built.chunks) });
    expect(positionsOf(catalog, new Set())).toEqual([]);
    expect(keyMask(catalog, new Set())).toEqual(new Uint8Array([0]));
    expect(idReads).toBe(0);
    expect(positionsOf(catalog, ['x/x1', 'x/none'])).toEqual([0]);
    expect(idReads).toBeGreaterThan(0);
  });

  it('lists a topic once for an article tagged with it and its alias, keeping its other topics in order', () => {
    const rows = [
      { id: 'a', date: '2026-01-03T00:00:00Z', topics: ['rust', 'vector-database', 'vector-databases', 'go'] },
      { id: 'b', date: '2026-01-02T00:00:00Z', topics: ['vector-databases'] },
      { id: 'c', date: '2026-01-01T00:00:00Z', topics: ['vector-databases', 'rust'] },
    ];
    const catalog = catalogOf({ '2026-01': rows });
    expect([0, 1, 2].map((p) => topicsAt(catalog, p))).toEqual([['rust', 'vector-databases', 'go'], ['vector-databases'], ['vector-databases', 'rust']]);
  });

  it('keeps one copy, from the newer shard, of an article found in two shards', () => {
    const catalog = catalogOf(
      {
        '2026-02': [{ id: 'a', date: '2026-02-01T00:00:00Z', topics: [] }],
        '2026-01': [{ id: 'a', date: '2026-01-01T00:00:00Z', topics: [] }, { id: 'b', date: '2026-01-01T00:00:00Z', topics: [] }],
      },
      [{ id: 's', topicNames: new Map() }],
    );
    expect(keysOf(catalog)).toEqual(['s/a', 's/b']);
    expect(catalog.dates[0]).toBe(Date.parse('2026-02-01T00:00:00Z'));
    expect(catalog.size).toBe(2);
    expect(positionOf(catalog, 's/b')).toBe(1);
  });

  it('finds positions from stored places, leaving out chunks it does not hold, rows past a chunk and rows it left out', () => {
    const catalog = catalogOf({
      '2026-02': [{ id: 'a', date: '2026-02-01T00:00:00Z', topics: [] }],
      '2026-01': [{ id: 'a', date: '2026-01-01T00:00:00Z', topics: [] }, { id: 'b', date: '2026-01-01T00:00:00Z', topics: [] }],
    });
    const [feb, jan] = ['2026-02', '2026-01'].map((shard) => catalog.chunks.find((c) => c.shardKey === shard)?.key ?? '');
    // Best first as the worker ranked them: January's "b", then the "a" of both shards, and places
    // in a chunk from before a sync, past January's last row.
    const places = { chunks: [jan as string, 's/2025-12@old', feb as string], chunkOf: Uint32Array.of(0, 0, 2, 1, 0), rows: Uint32Array.of(1, 0, 0, 0, 2) };
    // January's "a" is the older copy the catalogue left out: only February's counts.
    expect(Array.from(positionsAt(catalog, places))).toEqual([positionOf(catalog, 's/b'), positionOf(catalog, 's/a')]);
    expect(Array.from(positionsAt(catalog, { chunks: [], chunkOf: new Uint32Array(), rows: new Uint32Array() }))).toEqual([]);
  });

  it('computes UTC months without Date objects, across centuries and before 1970', () => {
    for (const iso of ['1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2000-02-29T12:00:00Z', '2024-12-31T23:59:59Z', '2100-03-01T00:00:00Z', '1900-01-15T00:00:00Z']) {
      const d = new Date(iso);
      expect(monthIndex(d.getTime())).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
    }
    expect(monthIndex(Number.NaN)).toBe(-1);
  });
});
