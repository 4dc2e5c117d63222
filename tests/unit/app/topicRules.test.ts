/** One rule for topic names, aliases by a rule (tested on the real blog's tags), word-start search. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialsOf, singularSlug, tidyLowerName, topicAliases, topicDisplayName } from '../../../src/lib/model/topics';
import { topicMatcher } from '../../../src/lib/list/topics';
import { buildCatalog, topicName } from '../../../src/lib/catalog/catalog';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { queryList } from '../../../src/lib/list/query';
import { catalogOf } from '../helpers/catalog';
import { buildChunk } from '../../../src/lib/store/chunks';
import { chunkArticle } from '../helpers/catalog';
import { buildPost } from '../../../src/lib/feed/hugo/post';
import { TopicTally } from '../../../src/lib/feed/topics';

describe('display names', () => {
  it('take the most used capitalised spelling, else capitalise the words', () => {
    expect(topicDisplayName([['machine learning', 5], ['Machine Learning', 2], ['machine-learning', 1]], 'machine-learning')).toBe('Machine Learning');
    expect(topicDisplayName([['LLM', 3], ['llm', 9], ['Llm', 1]], 'llm')).toBe('LLM');
    expect(topicDisplayName([['distributed-systems', 4], ['distributed systems', 1]], 'distributed-systems')).toBe('Distributed Systems');
    expect(topicDisplayName([['edge  computing', 1]], 'edge-computing')).toBe('Edge Computing');
    expect(topicDisplayName([], 'web-dev')).toBe('Web Dev');
    expect(tidyLowerName('rуst (mixed scripts)')).toBe('rуst (mixed scripts)');
    expect(tidyLowerName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('aliases', () => {
  it('merge plural and singular, and a spelled-out acronym, keeping the more used slug', () => {
    for (const [plural, singular] of [['vector-databases', 'vector-database'], ['libraries', 'library'], ['caches', 'cache'], ['patches', 'patch'], ['large-language-models', 'large-language-model']]) {
      expect(singularSlug(plural as string), plural).toBe(singularSlug(singular as string));
    }
    expect(singularSlug('css')).toBe('css');
    expect(singularSlug('analysis')).toBe('analysis');
    expect(singularSlug('redis')).toBe('redis');
    expect(initialsOf('retrieval-augmented-generation')).toBe('rag');
    expect(initialsOf('c-sharp')).toBeNull();
    const aliases = topicAliases([
      { slug: 'vector-database', count: 3 },
      { slug: 'vector-databases', count: 8 },
      { slug: 'rag', count: 20 },
      { slug: 'retrieval-augmented-generation', count: 12 },
      { slug: 'large-language-models', count: 4 },
      { slug: 'llms', count: 5 },
      { slug: 'llm', count: 30 },
      { slug: 'rust', count: 9 },
      { slug: 'zero-trust', count: 2 },
      { slug: 'sre', count: 2 },
      { slug: 'site-reliability-engineering', count: 2 },
      { slug: 'software-release-engineering', count: 2 },
      { slug: 'go', count: 2 },
      { slug: 'gpu-orchestration', count: 2 },
      { slug: 'nat', count: 2 },
      { slug: 'nats', count: 2 },
    ]);
    expect(Object.fromEntries(aliases)).toEqual({
      'vector-database': 'vector-databases',
      'retrieval-augmented-generation': 'rag',
      'large-language-models': 'llm',
      llms: 'llm',
    });
  });

  it('list an article once under the kept topic, and filter by either slug', () => {
    const catalog = catalogOf({
      '2026-01': [
        { id: 'a', date: '2026-01-03T00:00:00Z', topics: ['rag', 'retrieval-augmented-generation'] },
        { id: 'b', date: '2026-01-02T00:00:00Z', topics: ['retrieval-augmented-generation'] },
        { id: 'c', date: '2026-01-01T00:00:00Z', topics: ['rag', 'rust'] },
      ],
    }, [{ id: 's', topicNames: new Map([['rag', 'RAG'], ['retrieval-augmented-generation', 'Retrieval-Augmented Generation']]) }]);
    const { topicCounts } = queryList(catalog, DEFAULT_PARAMS);
    expect(topicCounts.map((t) => [t.slug, t.count])).toEqual([['rag', 3], ['rust', 1]]);
    const ids = (slug: string) => queryList(catalog, { ...DEFAULT_PARAMS, topics: [slug] }).keys;
    expect(ids('retrieval-augmented-generation')).toEqual(ids('rag'));
    expect(topicName(catalog, 'retrieval-augmented-generation')).toBe('RAG');
    expect(topicName(catalog, 'rust')).toBe('Rust');
  });

  it('keep a catalogue with no variants as it was', () => {
    const { chunk } = buildChunk('s', 'k', 'h', [chunkArticle({ id: 'a', date: null, topics: ['go', 'rust'] })]);
    expect(buildCatalog([chunk]).topicSlugs).toEqual(['go', 'rust']);
  });
});

describe('topic search', () => {
  const match = (search: string, name: string, slug = name.toLowerCase().replace(/\s+/g, '-')) => topicMatcher(search)({ name, slug });
  it('matches the starts of words, not the middle of them', () => {
    expect(match('rust', 'Rust')).toBe(true);
    expect(match('rust', 'Rust Async')).toBe(true);
    expect(match('rust', 'Zero Trust')).toBe(false);
    expect(match('trust', 'Zero Trust')).toBe(true);
    expect(match('vec data', 'Vector Databases')).toBe(true);
    expect(match('vec db', 'Vector Databases')).toBe(false);
    expect(match('c++', 'C++')).toBe(true);
    expect(match('  ', 'Anything')).toBe(true);
  });
});

const postsDir = path.resolve(import.meta.dirname, '../../../../shared/data/martinuke0-blog/posts');

describe('the real blog\'s tags', () => {
  it.skipIf(!existsSync(postsDir))('merge the obvious variants and nothing unrelated', () => {
    const tally = new TopicTally();
    const site = { baseUrl: null, section: 'posts', author: null };
    for (const file of readdirSync(postsDir).filter((f) => f.endsWith('.md'))) {
      const built = buildPost(file, readFileSync(path.join(postsDir, file), 'utf8'), site);
      if (built.kind === 'article') tally.add(built.topicNames);
    }
    const topics = tally.topics();
    const aliases = topicAliases(topics);
    const merged = Object.fromEntries(aliases);
    expect(merged['vector-database']).toBe('vector-databases');
    expect(merged['retrieval-augmented-generation']).toBe('rag');
    expect(merged['llms']).toBe('llm');
    // Every merge is a plural/singular pair or an acronym of the kept slug (or the reverse).
    for (const [alias, kept] of aliases) {
      const acronymPlural = (a: string, b: string) => a === `${b}s` || b === `${a}s`;
      const related =
        singularSlug(alias) === singularSlug(kept) || initialsOf(alias) === singularSlug(kept) || initialsOf(kept) === singularSlug(alias) || acronymPlural(alias, kept);
      expect(related, `${alias} → ${kept}`).toBe(true);
    }
    expect(topics.length).toBeGreaterThan(1500);
    expect(aliases.size).toBeGreaterThan(40);
    // Names are never the slug's hyphenated form.
    expect(topics.filter((t) => t.name.includes('-') && t.name === t.slug)).toEqual([]);
    console.info(`real blog: ${topics.length} topics, ${aliases.size} merged as aliases, ${topics.length - aliases.size} shown`);
  }, 60_000);
});
