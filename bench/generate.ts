/**
 * Deterministic synthetic blogs for the benchmark, written as feed folders by the feed CLI's own
 * writer (cli/feedFiles.ts) after the shared normalisation (src/lib/feed/normalize.ts), so the
 * benchmark measures the same files a real blog would give.
 *
 *   npx tsx bench/generate.ts --sizes 1k,10k,100k [--seed N]
 *
 * Each dataset has three feed folders: `base`, and two "1% changed" versions of it:
 *   recent-1pct     half the 1% are new articles dated after the newest one, half are edits of
 *                   articles from the last 60 days: the newest shards change, as when a blog is updated;
 *   scattered-1pct  1% of all articles, picked at random across every month, are edited: most shards change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { layoutFeed, type FeedFiles, type ManifestInfo } from '../cli/feedFiles';
import type { FeedArticle, FeedManifest, FeedTopic } from '../src/lib/feed/folder';
import { parseShard } from '../src/lib/feed/shard';
import { topics as topicsOf, type TopicName } from '../src/lib/feed/hugo/fields';
import { parseDate } from '../src/lib/feed/dates';
import { htmlToPlainText } from '../src/lib/feed/htmlText';
import { countWords, makeArticleId, readingMinutes, summarize } from '../src/lib/feed/normalize';
import { appendUpdate, makeBody, makeTitle } from './bodies';
import { BODY_BYTES, DATE_STYLES, Rng, SUMMARY_WORDS, TITLE_CHARS, TOPICS_PER_ARTICLE } from './shape';
import { buildTagVocabulary, drawTags, type TagVocabulary } from './tags';

/** Bump when the generated data changes on purpose; the cache key also hashes the code it depends on. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20260404;
export const SIZES: Readonly<Record<string, number>> = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };
export const VARIANTS = ['recent-1pct', 'scattered-1pct'] as const;
export type VariantName = (typeof VARIANTS)[number];

export const HOMEPAGE = 'https://blog.example.com/';
const SITE_AUTHOR = 'Folio Bench';
const GUEST_AUTHORS = ['Ada Marsh', 'Tomas Weller', 'Priya Natarajan', 'Kenji Aoki'];
/** Ten years of posts, ending where the model blog ends. */
export const END_MS = Date.UTC(2026, 3, 4, 13, 0, 0);
export const START_MS = Date.UTC(2016, 3, 4, 13, 0, 0);
const DAY_MS = 86_400_000;
const SUMMARY_CUT = 70;
/** Offsets seen on blogs; the date's UTC month, not the local one, picks the shard. */
const ZONES = ['+01:00', '+02:00', '-05:00', '-08:00', '+05:30', '+09:00', '-03:00', '+10:00', '+00:00'];

export interface Entry {
  article: Omit<FeedArticle, 'body'>;
  /** The rendered body, deflated: 100,000 bodies as strings would not fit in memory. */
  body: Buffer | null;
  /** This article's spelling of each topic, for the manifest's display names. */
  topicNames: TopicName[];
  /** The raw front-matter date it was parsed from. */
  rawDate: string;
}

export interface Blog {
  entries: Entry[];
  info: Omit<ManifestInfo, 'topics'>;
}

export interface Change {
  variant: VariantName;
  newArticles: number;
  editedArticles: number;
  description: string;
}

type TopicDrawer = (rng: Rng) => TopicName[];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A front-matter date string for the instant `ms`, in one of the model blog's styles. */
export function rawDateString(ms: number, rng: Rng): string {
  const style = rng.weighted(DATE_STYLES);
  const stamp = (d: Date) =>
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  switch (style) {
    case 'local-ms':
      return `${stamp(new Date(ms))}.${pad(new Date(ms).getUTCMilliseconds(), 3)}`;
    case 'utc-z':
      return `${stamp(new Date(ms))}Z`;
    case 'date-only':
      return stamp(new Date(ms)).slice(0, 10);
    case 'offset': {
      const zone = rng.pick(ZONES);
      const sign = zone.startsWith('-') ? -1 : 1;
      const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
      return `${stamp(new Date(ms + minutes * 60_000))}${zone}`;
    }
  }
}

/** Posting grows over the years: density 0.4 + 1.2x over [0, 1], so recent months are fuller. */
function drawInstant(rng: Rng, start: number, end: number): number {
  const u = rng.float();
  const x = (-0.4 + Math.sqrt(0.16 + 2.4 * u)) / 1.2;
  return Math.floor(start + x * (end - start));
}

function synthTopics(vocab: TagVocabulary): TopicDrawer {
  return (rng) => topicsOf(drawTags(vocab, rng.weighted(TOPICS_PER_ARTICLE), rng));
}

export function packBody(html: string | null): Buffer | null {
  // A copy, so each body holds exactly its own bytes rather than zlib's larger output buffer.
  return html === null ? null : Buffer.from(deflateRawSync(Buffer.from(html, 'utf8'), { level: 1 }));
}

export function unpackBody(entry: Entry): string | null {
  return entry.body === null ? null : inflateRawSync(entry.body).toString('utf8');
}

/** One article, all of it derived from (seed, label): the same inputs give the same bytes. */
export function makeEntry(seed: number, label: string, ms: number, drawTopics: TopicDrawer, author: string): Entry {
  const rng = Rng.for(seed, label);
  const rawDate = rawDateString(ms, rng);
  const date = parseDate(rawDate);
  const topicNames = drawTopics(rng);
  const title = makeTitle(rng, rng.quantile(TITLE_CHARS), topicNames.map((t) => t.name));
  const html = makeBody(rng, rng.quantile(BODY_BYTES), rng.quantile(SUMMARY_WORDS));
  const slug = makeArticleId(`${rawDate.slice(0, 10)}-${title}`);
  return {
    article: {
      id: slug,
      slug,
      url: `${HOMEPAGE}posts/${slug}/`,
      title,
      date,
      topics: topicNames.map((t) => t.slug),
      author: rng.chance(0.03) ? rng.pick(GUEST_AUTHORS) : author,
      ...bodyFigures(html),
    },
    body: packBody(html),
    topicNames,
    rawDate,
  };
}

/** Words, minutes and summary exactly as the feed builder derives them from a rendered body. */
function bodyFigures(html: string): Pick<FeedArticle, 'summary' | 'summaryTruncated' | 'words' | 'readingMinutes'> {
  const words = countWords(htmlToPlainText(html));
  const summary = summarize(html, SUMMARY_CUT);
  return { summary: summary.summary, summaryTruncated: summary.truncated, words, readingMinutes: readingMinutes(words) };
}

/** Ids are unique within a feed, as the builder requires; a clash gets a numeric suffix. */
function uniqueIds(entries: Entry[], taken: Set<string> = new Set()): Entry[] {
  for (const entry of entries) {
    let id = entry.article.id;
    for (let n = 2; taken.has(id); n++) id = `${entry.article.id}-${n}`;
    taken.add(id);
    if (id !== entry.article.id) entry.article = { ...entry.article, id, slug: id, url: `${HOMEPAGE}posts/${id}/` };
  }
  return entries;
}

export function generateBlog(count: number, seed: number = DEFAULT_SEED, progress?: (done: number) => void): Blog {
  const vocab = buildTagVocabulary(seed);
  const drawTopics = synthTopics(vocab);
  const dates = Rng.for(seed, 'dates');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(makeEntry(seed, `article:${i}`, drawInstant(dates, START_MS, END_MS), drawTopics, SITE_AUTHOR));
    if (progress && (i + 1) % 10_000 === 0) progress(i + 1);
  }
  return {
    entries: uniqueIds(entries),
    info: {
      title: `Folio bench blog (${count.toLocaleString('en')} articles)`,
      description: 'Synthetic articles shaped like a real technical blog, for measuring Folio.',
      homepage: HOMEPAGE,
      language: 'en',
      author: SITE_AUTHOR,
      generatedAt: new Date(END_MS + DAY_MS).toISOString(),
    },
  };
}

/** The manifest's topics, counted as the feed builder counts them: display name = most used spelling. */
export function manifestTopics(entries: readonly Entry[]): FeedTopic[] {
  const bySlug = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const { topicNames } of entries) {
    for (const { slug, name } of topicNames) {
      let entry = bySlug.get(slug);
      if (!entry) bySlug.set(slug, (entry = { count: 0, spellings: new Map() }));
      entry.count++;
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
    }
  }
  const topics: FeedTopic[] = [];
  for (const [slug, { count, spellings }] of bySlug) {
    let name = slug;
    let best = 0;
    for (const [spelling, n] of spellings) if (n > best) [name, best] = [spelling, n];
    topics.push({ slug, name, count });
  }
  return topics.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export function layoutBlog(blog: Blog): FeedFiles {
  // Each body is inflated only when the writer reads it, so one body string is alive at a time.
  const entries = blog.entries.map((entry) => ({
    article: entry.article,
    get bodyHtml() {
      return unpackBody(entry);
    },
  }));
  return layoutFeed(entries, { ...blog.info, topics: manifestTopics(blog.entries) });
}

function newestMs(entries: readonly Entry[]): number {
  let newest = -Infinity;
  for (const e of entries) if (e.article.date !== null) newest = Math.max(newest, Date.parse(e.article.date));
  return Number.isFinite(newest) ? newest : END_MS;
}

function editEntry(entry: Entry, rng: Rng, day: string): Entry {
  const html = unpackBody(entry);
  if (html === null) return { ...entry, article: { ...entry.article, title: `${entry.article.title} (updated)` } };
  const edited = appendUpdate(rng, html, day);
  return { ...entry, body: packBody(edited), article: { ...entry.article, ...bodyFigures(edited) } };
}

/** k distinct indexes out of n (partial Fisher–Yates). */
function pickIndexes(rng: Rng, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = rng.int(i, n - 1);
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, Math.min(k, n));
}

function topicDrawerFor(blog: Blog, seed: number): TopicDrawer {
  // New articles of a real blog take its own topics, as often as it uses them.
  const topics = manifestTopics(blog.entries);
  if (topics.length === 0) return synthTopics(buildTagVocabulary(seed));
  const weighted = topics.map((t) => [{ slug: t.slug, name: t.name }, t.count] as const);
  return (rng) => {
    const k = rng.weighted(TOPICS_PER_ARTICLE);
    const chosen = new Map<string, TopicName>();
    for (let guard = 0; chosen.size < Math.min(k, topics.length) && guard < k * 50; guard++) {
      const t = rng.weighted(weighted);
      chosen.set(t.slug, t);
    }
    return [...chosen.values()];
  };
}

/**
 * "1% changed", two ways. `recent-1pct`: half new articles dated in the two weeks after the newest,
 * half edits (an update section) of articles from its last 60 days. `scattered-1pct`: edits of 1% of
 * all articles picked uniformly, so nearly every month's shard changes.
 */
export function changeBlog(blog: Blog, variant: VariantName, seed: number = DEFAULT_SEED): { blog: Blog; change: Change } {
  const rng = Rng.for(seed, 'variant', variant);
  const n = Math.max(2, Math.round(blog.entries.length * 0.01));
  const newest = newestMs(blog.entries);
  const day = new Date(newest + 14 * DAY_MS).toISOString().slice(0, 10);
  const entries = [...blog.entries];
  let added = 0;
  let edited = 0;
  if (variant === 'recent-1pct') {
    const fresh = Math.ceil(n / 2);
    const edits = n - fresh;
    const recent = entries
      .map((e, i) => ({ i, t: e.article.date === null ? -Infinity : Date.parse(e.article.date) }))
      .sort((a, b) => b.t - a.t);
    const window = recent.filter((r) => r.t >= newest - 60 * DAY_MS);
    const candidates = window.length >= edits ? window : recent.slice(0, edits);
    for (const k of pickIndexes(rng, candidates.length, edits)) {
      const i = (candidates[k] as { i: number }).i;
      entries[i] = editEntry(entries[i] as Entry, rng, day);
      edited++;
    }
    const drawTopics = topicDrawerFor(blog, seed);
    const taken = new Set(entries.map((e) => e.article.id));
    const newcomers: Entry[] = [];
    for (let j = 0; j < fresh; j++) {
      const ms = newest + 3_600_000 + Math.floor(rng.float() * 14 * DAY_MS);
      newcomers.push(makeEntry(seed, `${variant}:new:${j}`, ms, drawTopics, blog.info.author ?? SITE_AUTHOR));
    }
    entries.push(...uniqueIds(newcomers, taken));
    added = fresh;
  } else {
    for (const i of pickIndexes(rng, entries.length, n)) {
      entries[i] = editEntry(entries[i] as Entry, rng, day);
      edited++;
    }
  }
  const description =
    variant === 'recent-1pct'
      ? `${added} new articles dated after the newest, ${edited} edits among the last 60 days`
      : `${edited} edits of articles picked at random across all months`;
  return {
    blog: { entries, info: { ...blog.info, generatedAt: new Date(Date.parse(blog.info.generatedAt) + 14 * DAY_MS).toISOString() } },
    change: { variant, newArticles: added, editedArticles: edited, description },
  };
}

/** Reads a feed folder back into entries (for the real blog, built by the CLI). */
export function readFeedFolder(dir: string): Blog {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as FeedManifest;
  const names = new Map(manifest.topics.map((t) => [t.slug, t.name]));
  const entries: Entry[] = [];
  for (const ref of manifest.shards) {
    const shard = parseShard(JSON.parse(readFileSync(path.join(dir, ref.href), 'utf8')), ref.href);
    for (const { body, ...article } of shard.articles) {
      entries.push({
        article,
        body: body === null ? null : packBody(readFileSync(path.join(dir, body.href), 'utf8')),
        topicNames: article.topics.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
        rawDate: article.date ?? '',
      });
    }
  }
  const { title, description, homepage, language, author, generatedAt } = manifest;
  return { entries, info: { title, description, homepage, language, author, generatedAt } };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { sizes: { type: 'string', default: '1k' }, seed: { type: 'string' } } });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  // The cache lives apart, so that editing it does not invalidate generated data.
  const { ensureSynthetic, parseSizes } = await import('./datasets');
  for (const { name, count } of parseSizes(values.sizes)) ensureSynthetic(name, count, seed);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
