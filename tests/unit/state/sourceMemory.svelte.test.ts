import { describe, expect, it } from 'vitest';
import { readKnownSources, writeKnownSources } from '../../../src/lib/model/knownSources';
import type { Source } from '../../../src/lib/model/source';
import { KNOWN_SOURCES_KEY, SourceMemory } from '../../../src/lib/state/sourceMemory.svelte';

const source = (id: string, kind: Source['kind'] = 'feed', title = id): Source => ({
  id, kind, feedUrl: kind === 'file' ? `${id}.xml` : `https://${id}.test/feed.xml`, title, description: '', homepage: null,
  author: null, topicNames: new Map(), articleCount: 1, feedGeneratedAt: null, lastSyncedAt: 1,
});

/** localStorage as two tabs share it. */
function sharedStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('SourceMemory', () => {
  it('records the stored sources, and nothing is reported while they stay stored', () => {
    const storage = sharedStorage();
    const memory = new SourceMemory(storage);
    memory.observe([source('default', 'folio', 'Field Notes'), source('news')]);
    memory.observe([source('default', 'folio', 'Field Notes'), source('news', 'feed', 'News, renamed')]);
    expect(memory.cleared).toBeNull();
    expect(readKnownSources(storage.map.get(KNOWN_SOURCES_KEY) ?? null).sources.map((s) => [s.id, s.title])).toEqual([
      ['default', 'Field Notes'],
      ['news', 'News, renamed'],
    ]);
  });

  it('a later visit that finds the database empty reports what to fetch again and which files are lost', () => {
    const storage = sharedStorage();
    new SourceMemory(storage).observe([source('default', 'folio'), source('news'), source('notes', 'file', 'My notes')]);
    const next = new SourceMemory(storage);
    next.observe([]);
    expect(next.cleared?.refetching.map((s) => s.id)).toEqual(['default', 'news']);
    expect(next.cleared?.lost.map((s) => s.title)).toEqual(['My notes']);
    // The sources stay known until they are back, and the report stays until read.
    next.observe([source('default', 'folio')]);
    expect(next.sources.map((s) => s.id)).toEqual(['default', 'news', 'notes']);
    expect(next.cleared?.refetching).toHaveLength(2);
    next.dismiss();
    expect(next.cleared).toBeNull();
    expect(next.sources.map((s) => s.id)).toEqual(['default', 'news']);
  });

  it('a source removed in another tab is no alarm, and is not recorded again by a tab that still sees it', () => {
    const storage = sharedStorage();
    const tabA = new SourceMemory(storage);
    const tabB = new SourceMemory(storage);
    tabA.observe([source('default', 'folio'), source('news')]);
    tabA.forget('news');
    // Tab B reads the stored sources before the removal has landed, then after.
    tabB.observe([source('default', 'folio'), source('news')]);
    tabB.observe([source('default', 'folio')]);
    expect(tabB.cleared).toBeNull();
    expect(tabB.sources.map((s) => s.id)).toEqual(['default']);
    // Added again on purpose: known again.
    tabA.added('news');
    tabA.observe([source('default', 'folio'), source('news')]);
    expect(tabB.cleared).toBeNull();
    expect(readKnownSources(storage.map.get(KNOWN_SOURCES_KEY) ?? null).sources.map((s) => s.id)).toEqual(['default', 'news']);
  });

  it('unreadable or blocked storage means knowing nothing, never an error', () => {
    expect(readKnownSources('{not json')).toEqual({ sources: [], removed: [] });
    expect(readKnownSources(JSON.stringify({ version: 2, sources: [] }))).toEqual({ sources: [], removed: [] });
    const mixed = JSON.stringify({ version: 1, sources: [{ id: 'a', kind: 'feed', feedUrl: 'https://a/', title: 'A' }, { id: 'b', kind: 'ftp' }, null], removed: [3, 'x'] });
    expect(readKnownSources(mixed)).toEqual({ sources: [{ id: 'a', kind: 'feed', feedUrl: 'https://a/', title: 'A' }], removed: ['x'] });
    const throwing = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); } };
    const memory = new SourceMemory(throwing);
    memory.observe([source('news')]);
    expect(memory.sources.map((s) => s.id)).toEqual(['news']);
    expect(writeKnownSources({ sources: [], removed: [] })).toBe('{"version":1,"sources":[],"removed":[]}');
  });
});
