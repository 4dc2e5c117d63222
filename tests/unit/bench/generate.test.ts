import { describe, expect, it } from 'vitest';
import {
  changeBlog,
  END_MS,
  generateBlog,
  layoutBlog,
  START_MS,
  type Blog,
} from '../../../bench/generate';
import { BODY_BYTES, QUANTILE_POINTS, RAW_TAGS_TARGET, sampleQuantile, SUMMARY_WORDS, TITLE_CHARS } from '../../../bench/shape';
import { allRawTags, buildTagVocabulary } from '../../../bench/tags';
import type { FeedArticle } from '../../../src/lib/feed/folder';
import { slugifyTopic } from '../../../src/lib/feed/normalize';
import { parseManifest } from '../../../src/lib/feed/validate';
import { parseShard } from '../../../src/lib/feed/shard';

const MEDIAN = QUANTILE_POINTS.indexOf(0.5);
// Big enough for the distributions, small enough for the unit suite.
const SIZE = 600;
const blog: Blog = generateBlog(SIZE, 11);
const feed = layoutBlog(blog);
const shards: unknown[] = feed.manifest.shards.map((ref) => JSON.parse(feed.files.get(ref.href)!.toString('utf8')));
const articles: FeedArticle[] = shards.flatMap((s, i) => parseShard(s, feed.manifest.shards[i]!.href).articles);

function median(values: number[]): number {
  return sampleQuantile([...values].sort((a, b) => a - b), 0.5);
}

function sameFiles(a: ReturnType<typeof layoutBlog>, b: ReturnType<typeof layoutBlog>): boolean {
  if (JSON.stringify(a.manifest) !== JSON.stringify(b.manifest) || a.files.size !== b.files.size) return false;
  for (const [rel, bytes] of a.files) if (!b.files.get(rel)?.equals(bytes)) return false;
  return true;
}

describe('the benchmark data generator', () => {
  it('gives the same bytes for the same seed, and other bytes for another seed', () => {
    const one = layoutBlog(generateBlog(40, 5));
    const again = layoutBlog(generateBlog(40, 5));
    const other = layoutBlog(generateBlog(40, 6));
    expect(sameFiles(one, again)).toBe(true);
    expect(sameFiles(one, other)).toBe(false);
    expect(one.manifest.articleCount).toBe(40);
  });

  it('writes a feed the app accepts', () => {
    expect(() => parseManifest(JSON.parse(JSON.stringify(feed.manifest)))).not.toThrow();
    feed.manifest.shards.forEach((ref, i) => expect(() => parseShard(shards[i], ref.href)).not.toThrow());
    expect(articles).toHaveLength(SIZE);
    expect(new Set(articles.map((a) => a.id)).size).toBe(SIZE);
    for (const a of articles) expect(feed.files.get(a.body!.href)?.length).toBe(a.body!.bytes);
  });

  it('has a long tail of about 2,000 raw tags whose spellings slug together only in part', () => {
    const raw = allRawTags(buildTagVocabulary(11));
    expect(raw.length).toBe(RAW_TAGS_TARGET);
    expect(new Set(raw).size).toBe(raw.length);
    const slugs = new Set(raw.map(slugifyTopic));
    // Case, spaces and hyphens merge; plurals and typos stay apart.
    expect(slugs.size).toBeLessThan(raw.length * 0.9);
    expect(slugs.size).toBeGreaterThan(raw.length * 0.6);
    expect(raw.some((t) => /[A-Z]/.test(t) && t.includes(' '))).toBe(true);
    expect(raw.some((t) => t.includes('\u2011'))).toBe(true);
    const merged = raw.filter((t) => t !== slugifyTopic(t));
    expect(merged.length).toBeGreaterThan(200);

    // In a blog: many topics, a popular head and many used once.
    const counts = feed.manifest.topics.map((t) => t.count);
    expect(feed.manifest.topics.length).toBeGreaterThan(600);
    expect(counts[0]! / SIZE).toBeGreaterThan(0.08);
    expect(counts[0]! / SIZE).toBeLessThan(0.25);
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(feed.manifest.topics.length / 3);
    // The display name is the most used spelling, which is not always the slug.
    expect(feed.manifest.topics.some((t) => t.name !== t.slug)).toBe(true);
  });

  it('spreads dates over ten years, growing towards the present', () => {
    const times = articles.map((a) => Date.parse(a.date!));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START_MS - 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(END_MS + 86_400_000);
    const years = new Map<number, number>();
    for (const t of times) years.set(new Date(t).getUTCFullYear(), (years.get(new Date(t).getUTCFullYear()) ?? 0) + 1);
    expect(years.size).toBeGreaterThanOrEqual(10);
    expect(years.get(2025)!).toBeGreaterThan(2 * years.get(2017)!);
    expect(feed.manifest.shards.length).toBeGreaterThan(100);
  });

  it('has dates with and without a time zone, parsed to UTC', () => {
    const raws = blog.entries.map((e) => e.rawDate);
    const zoned = blog.entries.filter((e) => /[+-]\d{2}:\d{2}$/.test(e.rawDate));
    expect(raws.filter((r) => /T[\d:.]+$/.test(r)).length / raws.length).toBeGreaterThan(0.9);
    expect(zoned.length).toBeGreaterThan(10);
    expect(raws.some((r) => r.endsWith('Z'))).toBe(true);
    // A zoned time is that instant in UTC; a zoneless one is read as UTC (Hugo's default).
    for (const e of zoned) expect(e.article.date).toBe(new Date(e.rawDate).toISOString());
    const zoneless = blog.entries.find((e) => /T[\d:.]+$/.test(e.rawDate))!;
    expect(zoneless.article.date).toBe(new Date(`${zoneless.rawDate}Z`).toISOString());
    // Near midnight a zone moves the article into another day, and the UTC day decides.
    expect(zoned.some((e) => e.rawDate.slice(0, 10) !== e.article.date!.slice(0, 10))).toBe(true);
  });

  it('has the model blog’s title, summary and body sizes', () => {
    const within = (actual: number, expected: number, tolerance: number) =>
      expect(Math.abs(actual - expected) / expected).toBeLessThan(tolerance);
    within(median(articles.map((a) => [...a.title].length)), TITLE_CHARS[MEDIAN]!, 0.1);
    within(median(articles.map((a) => a.summary.split(/\s+/).length)), SUMMARY_WORDS[MEDIAN]!, 0.1);
    within(median(articles.map((a) => a.body!.bytes)), BODY_BYTES[MEDIAN]!, 0.1);
    expect(articles.filter((a) => a.summaryTruncated).length / SIZE).toBeGreaterThan(0.95);
    const perArticle = articles.map((a) => a.topics.length);
    expect(perArticle.filter((n) => n === 5).length / SIZE).toBeGreaterThan(0.7);
    expect(Math.max(...perArticle)).toBeGreaterThan(6);
  });

  it('changes 1% recently (new and edited articles in the newest shards) or across all months', () => {
    const before = new Map(feed.manifest.shards.map((s) => [s.key, s.hash]));
    const newestMonth = feed.manifest.shards[0]!.key;
    const monthsBack = (key: string) => {
      const [y, m] = key.split('-').map(Number) as [number, number];
      const [ny, nm] = newestMonth.split('-').map(Number) as [number, number];
      return (ny - y) * 12 + (nm - m);
    };

    const recent = changeBlog(blog, 'recent-1pct', 11);
    expect(recent.change.newArticles + recent.change.editedArticles).toBe(SIZE / 100);
    const recentFeed = layoutBlog(recent.blog);
    expect(recentFeed.manifest.articleCount).toBe(SIZE + recent.change.newArticles);
    const recentTouched = recentFeed.manifest.shards.filter((s) => before.get(s.key) !== s.hash);
    expect(recentTouched.length).toBeGreaterThan(0);
    for (const s of recentTouched) expect(monthsBack(s.key)).toBeLessThanOrEqual(3);

    const scattered = changeBlog(blog, 'scattered-1pct', 11);
    expect(scattered.change).toMatchObject({ newArticles: 0, editedArticles: SIZE / 100 });
    const scatteredFeed = layoutBlog(scattered.blog);
    const scatteredTouched = scatteredFeed.manifest.shards.filter((s) => before.get(s.key) !== s.hash);
    expect(scatteredTouched.length).toBeGreaterThan(recentTouched.length);
    expect(Math.max(...scatteredTouched.map((s) => monthsBack(s.key)))).toBeGreaterThan(24);
    // Edits change the body, and with it the figures the builder derives.
    const edited = scattered.blog.entries.filter((e, i) => e !== blog.entries[i]);
    expect(edited).toHaveLength(SIZE / 100);
    for (const e of edited) {
      const old = blog.entries.find((b) => b.article.id === e.article.id)!;
      expect(e.article.words).toBeGreaterThan(old.article.words);
    }
  });
});
