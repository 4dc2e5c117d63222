import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { describeScope, filterScope, scopeParams } from '../../../src/lib/list/scope';
import { decodeJob, encodeJob, JOB_KEY, webJobStore, type PendingJob } from '../../../src/lib/offline/job';

const rustScope = filterScope({ ...DEFAULT_PARAMS, topics: ['rust', 'go'], match: 'all', from: '2024-01-01', sort: 'oldest', page: 4, size: 50, offline: true });

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('download scopes', () => {
  it('keeps only topics and dates of the list filter', () => {
    expect(rustScope).toEqual({ kind: 'filter', params: { ...DEFAULT_PARAMS, topics: ['rust', 'go'], match: 'all', from: '2024-01-01' } });
    expect(filterScope({ ...DEFAULT_PARAMS, offline: true, page: 2 })).toEqual({ kind: 'all' });
    expect(scopeParams({ kind: 'all' })).toBeNull();
    expect(scopeParams(rustScope)).toMatchObject({ topics: ['rust', 'go'] });
  });

  it('describes a scope in words', () => {
    const name = (slug: string) => slug.toUpperCase();
    expect(describeScope({ kind: 'all' }, name)).toBe('all articles');
    expect(describeScope(rustScope, name)).toBe('RUST and GO, from 2024-01-01');
    expect(describeScope(filterScope({ ...DEFAULT_PARAMS, topics: ['a', 'b'] }), name)).toBe('A or B');
    expect(describeScope(filterScope({ ...DEFAULT_PARAMS, from: '2024-01-01', to: '2024-02-01' }), name)).toBe('2024-01-01 to 2024-02-01');
    expect(describeScope(filterScope({ ...DEFAULT_PARAMS, to: '2024-02-01' }), name)).toBe('until 2024-02-01');
  });
});

describe('pending jobs', () => {
  it('round-trip through their stored form', () => {
    for (const job of [{ scope: rustScope, startedAt: 1_700_000_000_000 }, { scope: { kind: 'all' }, startedAt: 5 }] satisfies PendingJob[]) {
      expect(decodeJob(encodeJob(job))).toEqual(job);
    }
  });

  it('read anything damaged or foreign as no job', () => {
    for (const text of [null, '', 'not json', '42', 'null', '[]', '{"version":2,"scope":"all","query":"","startedAt":1}',
      '{"version":1,"scope":"all","query":""}', '{"version":1,"scope":"some","query":"","startedAt":1}',
      '{"version":1,"scope":"filter","query":7,"startedAt":1}', '{"version":1,"scope":"filter","query":"page=2","startedAt":1}']) {
      expect(decodeJob(text), String(text)).toBeNull();
    }
  });

  it('are saved, loaded and cleared in web storage', () => {
    const storage = memoryStorage();
    const store = webJobStore(storage);
    expect(store.load()).toBeNull();
    store.save({ scope: rustScope, startedAt: 9 });
    expect(storage.map.has(JOB_KEY)).toBe(true);
    expect(webJobStore(storage).load()).toEqual({ scope: rustScope, startedAt: 9 });
    store.clear();
    expect(store.load()).toBeNull();
    storage.setItem(JOB_KEY, '{broken');
    expect(store.load()).toBeNull();
  });

  it('cost nothing but the resume offer when storage is missing or throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => { throw new Error('denied'); } };
    for (const store of [webJobStore(null), webJobStore(broken)]) {
      expect(() => store.save({ scope: { kind: 'all' }, startedAt: 1 })).not.toThrow();
      expect(store.load()).toBeNull();
      expect(() => store.clear()).not.toThrow();
    }
  });
});
