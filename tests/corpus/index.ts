/**
 * The corpus of malformed and hostile feed inputs, for any path that reads feeds (parseFeed +
 * normalizeParsedFeed here; the app's import or sync path later).
 *
 *   files/<format>/<name>[.parse|.reject].<ext>   hand-written cases, one per file, read as bytes and
 *                                                 decoded like a download (BOM, XML declaration…);
 *                                                 `.parse` / `.reject` in the name is the expected outcome
 *   generated (small)                             fast-check samples of every format, fixed seed
 *   generated (large, on request)                 100,000-item feeds of every format, inputs of 21 MB
 *                                                 and 50 MB: built at run time, never committed
 *
 * A case without `expect` may be parsed or rejected; either way only a FeedParseError may be thrown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { decodeFeedBytes } from '../../src/lib/feed/formats/decode';
import { feedArbitraries } from './arbitraries';

export type Expectation = 'parse' | 'reject';

export interface CorpusCase {
  /** e.g. "files/rss/billion-laughs.reject.xml", "generated/atom/3", "large/rss-100k-items". */
  name: string;
  text: string;
  expect?: Expectation;
  /** For large cases: how many articles a parse must give (default 100,000). */
  articles?: number;
  /** For large cases: what a refusal must say (default: the size limit). */
  message?: RegExp;
}

export interface CorpusOptions {
  /** Add the large generated cases (100k items, 21 MB, 50 MB): seconds of work and ~150 MB of memory. */
  large?: boolean;
  /** fast-check samples per format; 0 for none. Default 25. */
  samplesPerFormat?: number;
}

/** The address the corpus is read as coming from (the base of relative links). */
export const CORPUS_URL = 'https://corpus.example/feed';

const FILES = path.join(import.meta.dirname, 'files');

export function loadCorpus(options: CorpusOptions = {}): CorpusCase[] {
  const cases = [...fileCases(), ...sampledCases(options.samplesPerFormat ?? 25)];
  if (options.large) cases.push(...largeCases());
  return cases;
}

/** The hand-written cases only. */
export function fileCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const format of readdirSync(FILES).sort()) {
    for (const file of readdirSync(path.join(FILES, format)).sort()) {
      const bytes = readFileSync(path.join(FILES, format, file));
      const marker = /\.(parse|reject)\.[^.]+$/.exec(file)?.[1] as Expectation | undefined;
      cases.push({ name: `files/${format}/${file}`, text: decodeFeedBytes(bytes), ...(marker ? { expect: marker } : {}) });
    }
  }
  return cases;
}

/** Deterministic fast-check samples of every format (see arbitraries.ts). */
export function sampledCases(perFormat: number): CorpusCase[] {
  if (perFormat <= 0) return [];
  return Object.entries(feedArbitraries()).flatMap(([format, arbitrary]) =>
    fc.sample(arbitrary, { numRuns: perFormat, seed: 20_260_426 }).map((text, i) => ({ name: `generated/${format}/${i}`, text })),
  );
}

const ITEMS = 100_000;

/** Large inputs, generated when asked for. */
export function largeCases(): CorpusCase[] {
  const rssItems = Array.from(
    { length: ITEMS },
    (_, i) => `<item><title>Post ${i}</title><link>https://big.example/p/${i}</link><category>t${i % 100}</category></item>`,
  ).join('');
  const atomEntries = Array.from(
    { length: ITEMS },
    (_, i) => `<entry><id>urn:big:${i}</id><title>Post ${i}</title><link href="https://big.example/p/${i}"/></entry>`,
  ).join('');
  const jsonItems = Array.from({ length: ITEMS }, (_, i) => ({ id: String(i), url: `https://big.example/p/${i}`, title: `Post ${i}` }));
  const hugoEntries = Array.from({ length: ITEMS }, (_, i) => ({ title: `Post ${i}`, permalink: `https://big.example/p/${i}/` }));
  const padding = (megabytes: number) => 'x'.repeat(megabytes * 1024 * 1024);
  return [
    { name: 'large/rss-100k-items', text: `<rss version="2.0"><channel><title>Big</title>${rssItems}</channel></rss>`, expect: 'parse' },
    { name: 'large/atom-100k-entries', text: `<feed xmlns="http://www.w3.org/2005/Atom"><title>Big</title>${atomEntries}</feed>`, expect: 'parse' },
    { name: 'large/jsonfeed-100k-items', text: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Big', items: jsonItems }), expect: 'parse' },
    { name: 'large/hugo-100k-entries', text: JSON.stringify(hugoEntries), expect: 'parse' },
    { name: 'large/rss-21mb-title', text: `<rss version="2.0"><channel><title>${padding(21)}</title></channel></rss>`, expect: 'reject' },
    ...hostileLargeCases(),
    { name: 'large/jsonfeed-50mb-body', text: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [{ id: '1', content_html: padding(50) }] }), expect: 'reject' },
  ];
}

/** The limits every format keeps: a huge title, 100,000 topics on one item, very deep nesting, 100k wrapped entries. */
function hostileLargeCases(): CorpusCase[] {
  const title = 'word '.repeat(3_800_000); // 19 MB
  const topics = Array.from({ length: ITEMS }, (_, i) => `<category>t${i}</category>`).join('');
  const depth = 200_000;
  const wrapped = Array.from({ length: ITEMS }, (_, i) => ({ title: `Post ${i}`, permalink: `/p/${i}/`, date: '2024-01-01T00:00:00Z', tags: ['a', 'a', 'A'] }));
  return [
    { name: 'large/rss-19mb-title', text: `<rss version="2.0"><channel><title>T</title><item><guid>1</guid><title>${title}</title></item></channel></rss>`, expect: 'parse', articles: 1 },
    { name: 'large/rss-100k-topics-one-item', text: `<rss version="2.0"><channel><title>T</title><item><guid>1</guid><title>t</title>${topics}</item></channel></rss>`, expect: 'parse', articles: 1 },
    { name: 'large/jsonfeed-100k-tags-one-item', text: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', tags: Array.from({ length: ITEMS }, (_, i) => `t${i}`) }] }), expect: 'parse', articles: 1 },
    { name: 'large/hugo-deep-nesting', text: `{"articles":[{"title":"x","tags":${'['.repeat(depth)}${']'.repeat(depth)}}]}`, expect: 'reject', message: /^Not a Hugo search index/ },
    { name: 'large/json-deep-objects-ignored', text: `{"posts":[{"title":"x","permalink":"https://d.example/x/","content":"c","extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`, expect: 'parse', articles: 1 },
    { name: 'large/xml-deep-nesting', text: `<rss version="2.0"><channel><title>t</title><item><title>x</title><description>${'<b>'.repeat(depth)}${'</b>'.repeat(depth)}</description></item></channel></rss>`, expect: 'reject', message: /nests elements more than/ },
    { name: 'large/hugo-wrapped-100k-entries', text: JSON.stringify({ articles: wrapped, next: '/page/2/index.json' }), expect: 'parse' },
  ];
}
