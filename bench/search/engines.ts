/**
 * The engines the search benchmark compares, behind one interface: the same documents and fields
 * for each. Where a peer lacks a feature the harness says so in `notes` (and emulates it if fair).
 */
import { gzipSync } from 'node:zlib';
import { Index } from 'flexsearch';
import Fuse from 'fuse.js';
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { SearchDoc } from '../../src/lib/search/build';
import { shippedSearch, type SearchModule } from './shipped';

/** Engines that run in a Node process; Pagefind runs in Chromium (pagefind.ts). */
export type NodeEngineName = 'folio' | 'minisearch' | 'flexsearch' | 'fuse';
export type EngineName = NodeEngineName | 'pagefind';
export const NODE_ENGINES: NodeEngineName[] = ['folio', 'minisearch', 'flexsearch', 'fuse'];
export const ENGINES: EngineName[] = [...NODE_ENGINES, 'pagefind'];

export interface Sizes {
  raw: number;
  gzip: number;
  /** Folio only: the parts a device always keeps (titles, topics, authors, summaries). */
  metaRaw?: number;
  metaGzip?: number;
}

export interface Engine {
  notes: string[];
  add(key: string, docs: SearchDoc[]): void;
  /** Work an engine does once all docs are in (timed as part of the build). */
  finish?(): void;
  /** Serialised index size; may be async (FlexSearch exports through a callback). */
  size(): Promise<Sizes>;
  /** Ranked ids; phrases are checked by the caller with `phraseText` when the engine cannot. */
  search(query: string, limit: number): string[];
}

/** The query as the peers get it: raw words, phrases, exclusions, and whether the last word is being typed. */
export interface PlainQuery {
  words: string[];
  phrases: string[];
  excluded: string[];
  prefixLast: boolean;
}

export function plainQuery(input: string): PlainQuery {
  const q: PlainQuery = { words: [], phrases: [], excluded: [], prefixLast: !/[\s"]$/.test(input) };
  for (const m of input.matchAll(/(-?)"([^"]*)"?|(-?)(\S+)/g)) {
    if (m[2] !== undefined) {
      if (m[1] !== '-') q.phrases.push(m[2]);
    } else if (m[3] === '-') q.excluded.push(m[4] as string);
    else q.words.push(m[4] as string);
  }
  if (q.phrases.length > 0 && /"$/.test(input) === false && input.trim().endsWith(q.phrases.at(-1) ?? '')) q.prefixLast = false;
  return q;
}

const typos = (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);

function folio({ SearchIndex, buildSegment }: SearchModule): Engine {
  const index = new SearchIndex();
  const parts: Uint8Array[] = [];
  const metas: Uint8Array[] = [];
  return {
    notes: [
      'phrases checked on the text of the top 50 candidates (filterPhrases); body parts and meta parts counted together',
      'the engine bundled and minified by rolldown, as the app ships it (shipped.ts)',
    ],
    add(key, docs) {
      const { meta, body } = buildSegment(docs, { source: 'bench', key });
      index.put(meta, body);
      parts.push(meta);
      metas.push(meta);
      if (body) parts.push(body);
    },
    async size() {
      const sum = (list: Uint8Array[], f: (b: Uint8Array) => number) => list.reduce((n, b) => n + f(b), 0);
      return {
        raw: sum(parts, (b) => b.length),
        gzip: sum(parts, (b) => gzipSync(b).length),
        metaRaw: sum(metas, (b) => b.length),
        metaGzip: sum(metas, (b) => gzipSync(b).length),
      };
    },
    search: (query, limit) => index.search(query, { limit }).hits.map((h) => h.id),
  };
}

function minisearch(): Engine {
  const ms = new MiniSearch<SearchDoc>({
    fields: ['title', 'topics', 'author', 'summary', 'body'],
    extractField: (doc, field) => {
      const value = doc[field as keyof SearchDoc];
      return Array.isArray(value) ? value.join(' ') : ((value as string | null) ?? '');
    },
    storeFields: [],
  });
  return {
    notes: ['no phrases: phrase words are ANDed', 'exclusions through its AND_NOT query combinator', 'typos: its fuzzy option with the same distance rules'],
    add: (_key, docs) => ms.addAll(docs),
    async size() {
      const json = Buffer.from(JSON.stringify(ms));
      return { raw: json.length, gzip: gzipSync(json).length };
    },
    search(input, limit) {
      const q = plainQuery(input);
      const positive = [...q.words, ...q.phrases].join(' ');
      const last = positive.split(/\s+/).length - 1;
      const options: SearchOptions = {
        combineWith: 'AND',
        boost: { title: 3, topics: 2.5, summary: 1.5 },
        prefix: (_t: string, i: number) => q.prefixLast && i === last,
        fuzzy: (t: string) => typos(t),
      };
      const query: Query = q.excluded.length === 0 ? positive : { combineWith: 'AND_NOT', queries: [{ ...options, queries: [positive] }, ...q.excluded.map((e) => ({ queries: [e], prefix: false, fuzzy: false }))] };
      return ms.search(query, options).slice(0, limit).map((r) => r.id as string);
    },
  };
}

function flexsearch(): Engine {
  const index = new Index({ tokenize: 'forward', encoder: 'Normalize' });
  const ids: string[] = [];
  return {
    notes: [
      'one field (title, topics, author, summary, body concatenated): its Document index does not AND words across fields',
      "tokenize 'forward': every word matches as a prefix, not just the last",
      'no typo tolerance (its encoders are phonetic, not edit distance); no phrases: words ANDed',
      'exclusions emulated by the harness: ids of a search for the excluded word removed',
    ],
    add(_key, docs) {
      for (const d of docs) {
        index.add(ids.length, [d.title, d.topics.join(' '), d.author ?? '', d.summary, d.body ?? ''].join('\n'));
        ids.push(d.id);
      }
    },
    async size() {
      const chunks: Buffer[] = [];
      await index.export((key: string | number, data: unknown) => {
        chunks.push(Buffer.from(`${key}\n${typeof data === 'string' ? data : JSON.stringify(data)}`));
      });
      const all = Buffer.concat(chunks);
      return { raw: all.length, gzip: gzipSync(all).length };
    },
    search(input, limit) {
      const q = plainQuery(input);
      const found = index.search([...q.words, ...q.phrases].join(' '), { limit: q.excluded.length > 0 ? 1000 : limit }) as number[];
      const drop = new Set(q.excluded.flatMap((e) => index.search(e, { limit: 1_000_000 }) as number[]));
      return found.filter((n) => !drop.has(n)).slice(0, limit).map((n) => ids[n] as string);
    },
  };
}

function fuse(withBody: boolean): Engine {
  const docs: { id: string; title: string; topics: string; author: string; summary: string; body: string }[] = [];
  let fuse: Fuse<(typeof docs)[number]> | null = null;
  const keys = [
    { name: 'title', weight: 3 },
    { name: 'topics', weight: 2.5 },
    { name: 'author', weight: 1 },
    { name: 'summary', weight: 1.5 },
    ...(withBody ? [{ name: 'body', weight: 1 }] : []),
  ];
  const options = { keys, ignoreLocation: true, threshold: 0.3, useExtendedSearch: true };
  const instance = () => (fuse ??= new Fuse(docs, options, Fuse.createIndex(keys, docs)));
  return {
    notes: [
      'no index of words: a bitap scan of every document per query (its "index" is the normalised field strings)',
      'extended search: words fuzzy, "phrases" as include-matches, -words as !exclusions; fuzzy is by similarity score, not edit distance',
      ...(withBody ? [] : ['bodies not indexed at this size: its scan of every body per query does not finish in the benchmark time']),
    ],
    add(_key, list) {
      for (const d of list) docs.push({ id: d.id, title: d.title, topics: d.topics.join(' '), author: d.author ?? '', summary: d.summary, body: withBody ? (d.body ?? '') : '' });
      fuse = null;
    },
    finish: () => void instance(),
    async size() {
      const json = Buffer.from(JSON.stringify(Fuse.createIndex(keys, docs).toJSON()));
      return { raw: json.length, gzip: gzipSync(json).length };
    },
    search(input, limit) {
      const q = plainQuery(input);
      const parts = [...q.words, ...q.phrases.map((p) => `'"${p}"`), ...q.excluded.map((e) => `!${e}`)];
      return instance()
        .search(parts.join(' '), { limit })
        .map((r) => r.item.id);
    },
  };
}

export async function makeEngine(name: NodeEngineName, options: { fuseBodies: boolean }): Promise<Engine> {
  switch (name) {
    case 'folio':
      return folio(await shippedSearch());
    case 'minisearch':
      return minisearch();
    case 'flexsearch':
      return flexsearch();
    case 'fuse':
      return fuse(options.fuseBodies);
  }
}
