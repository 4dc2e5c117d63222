import { describe, expect, it } from 'vitest';
import { deltaChain, parseDelta } from '../../../src/lib/feed/delta';
import { FeedFormatError } from '../../../src/lib/feed/folderError';
import { parseManifest } from '../../../src/lib/feed/validate';

const manifest = (extra: Record<string, unknown>) => ({
  format: 'folio-feed', title: 'T', description: '', homepage: null, language: 'en', author: null,
  generatedAt: '2026-01-01T00:00:00Z', articleCount: 0, topics: [], shards: [], ...extra,
});
const ref = (from: number, to: number) => ({ from, to, href: `deltas/${from}-${to}.h.json`, hash: 'h', bytes: 10 });

describe('manifest versions', () => {
  it('reads a version 3 or 4 manifest’s revision and deltas', () => {
    for (const version of [3, 4]) {
      const read = parseManifest(manifest({ version, revision: 4, deltas: [ref(2, 3), ref(3, 4)] }));
      expect(read.version).toBe(version);
      expect(read.revision).toBe(4);
      expect(read.deltas).toEqual([ref(2, 3), ref(3, 4)]);
    }
  });

  it('reads the index a delta ref may carry', () => {
    const search = { meta: { href: 'deltas/3-4.aa.meta', hash: 'aa', bytes: 5 }, body: null };
    expect(parseManifest(manifest({ version: 4, revision: 4, deltas: [{ ...ref(3, 4), search }] })).deltas).toEqual([{ ...ref(3, 4), search }]);
  });

  it('reads versions 1 and 2 without a revision', () => {
    for (const version of [1, 2]) {
      const read = parseManifest(manifest({ version, revision: 9, deltas: [ref(8, 9)] }));
      expect(read.version).toBe(version);
      expect(read.revision).toBeUndefined();
      expect(read.deltas).toBeUndefined();
    }
  });

  it('reads a version 3 manifest whose revision or deltas are damaged without them', () => {
    expect(parseManifest(manifest({ version: 3, revision: -1 }))).toMatchObject({ revision: 0, deltas: [] });
    expect(parseManifest(manifest({ version: 3, revision: 2, deltas: 'x' }))).toMatchObject({ revision: 0, deltas: [] });
    // A delta that points outside the folder is not followed.
    expect(parseManifest(manifest({ version: 3, revision: 2, deltas: [{ ...ref(1, 2), href: '../../x.json' }] }))).toMatchObject({ revision: 0, deltas: [] });
    expect(() => parseManifest(manifest({ version: 5 }))).toThrow(FeedFormatError);
  });
});

describe('delta files', () => {
  const delta = { format: 'folio-feed-delta', version: 1, from: 1, to: 2, articles: [], removed: ['a'], shards: [], dropped: [], before: [] };

  it('reads one, and names the path of what is wrong', () => {
    expect(parseDelta(delta, 'd.json')).toMatchObject({ from: 1, to: 2, removed: ['a'] });
    expect(() => parseDelta({ ...delta, format: 'folio-feed-shard' }, 'd.json')).toThrow(/\$\.format/);
    expect(() => parseDelta({ ...delta, to: 1 }, 'd.json')).toThrow(/\$\.to/);
    expect(() => parseDelta({ ...delta, articles: [{ shard: '', article: {} }] }, 'd.json')).toThrow(/\$\.articles\[0\]\.shard/);
  });

  it('finds the chain from a stored revision to the latest, or none', () => {
    const refs = [ref(1, 2), ref(2, 3), ref(3, 4)];
    expect(deltaChain(refs, 2, 4)).toEqual([ref(2, 3), ref(3, 4)]);
    expect(deltaChain(refs, 0, 4)).toBeNull();
    expect(deltaChain([ref(1, 2), ref(3, 4)], 1, 4)).toBeNull();
    expect(deltaChain(refs, 4, 4)).toEqual([]);
  });
});
