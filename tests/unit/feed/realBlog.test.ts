/**
 * Checks the builder against the real blog in ../shared (never copied into this repository): for
 * the five posts of the blog's own tag page (the seed listing), words within 5 %, minutes within 1,
 * the same date as Hugo shows, and Hugo's summary without its lead-in (contents list, "Introduction"
 * heading); and over all of its posts, that no excerpt starts with such a lead-in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { title as readTitle } from '../../../src/lib/feed/hugo/fields';
import { splitFrontMatter } from '../../../src/lib/feed/hugo/frontMatter';
import { buildPost } from '../../../src/lib/feed/hugo/post';
import { formatDay } from '../../../src/lib/display/dates';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const postsDir = path.resolve(repoRoot, '../shared/data/martinuke0-blog/posts');
const listingFile = path.resolve(repoRoot, '../shared/seed/blog-listing.txt');
const exists = existsSync(postsDir) && existsSync(listingFile);

interface SeedEntry {
  title: string;
  summary: string;
  day: string;
  minutes: number;
  words: number;
  author: string;
}

/** Entries are "title", "summary ...", "Month D, YYYY · N min · N words · author", blank-line separated. */
function parseListing(text: string): SeedEntry[] {
  const lines = text.split('\n').map((l) => l.replace(/\u00a0/g, ' ').trim()).filter((l) => l !== '');
  const entries: SeedEntry[] = [];
  lines.forEach((line, i) => {
    const m = /^(\w+ \d{1,2}, \d{4}) · (\d+) min · (\d+) words · (.+)$/.exec(line);
    if (!m || i < 2) return;
    entries.push({
      title: lines[i - 2] ?? '',
      summary: (lines[i - 1] ?? '').replace(/ \.\.\.$/, ''),
      day: m[1] ?? '',
      minutes: Number(m[2]),
      words: Number(m[3]),
      author: m[4] ?? '',
    });
  });
  return entries;
}

/** Hugo's summary past its lead-in: what follows the last "Introduction" heading near its start. */
function prose(summary: string): string {
  const intro = summary.lastIndexOf('Introduction ');
  return intro === -1 ? summary : summary.slice(intro + 'Introduction '.length);
}

const LEAD_IN = /^(?:Table of Contents|Contents|Introduction)\b/;

describe('the real blog (martinuke0)', () => {
  it.skipIf(!exists)('matches the seed listing for its five posts', () => {
    const seed = parseListing(readFileSync(listingFile, 'utf8'));
    expect(seed).toHaveLength(5);
    const byTitle = new Map<string, { file: string; text: string }>();
    for (const file of readdirSync(postsDir).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(path.join(postsDir, file), 'utf8');
      const split = splitFrontMatter(text, file);
      const t = split.ok ? readTitle(split.data.title) : null;
      if (t !== null) byTitle.set(t, { file, text });
    }
    const site = { baseUrl: 'https://martinuke0.github.io/', section: 'posts', author: 'martinuke0' };
    for (const entry of seed) {
      const source = byTitle.get(entry.title);
      expect(source, entry.title).toBeDefined();
      if (!source) continue;
      const built = buildPost(source.file, source.text, site);
      if (built.kind !== 'article') throw new Error(`${source.file}: ${JSON.stringify(built)}`);
      const a = built.article;
      expect(Math.abs(a.words - entry.words) / entry.words, `${source.file} words ${a.words} vs ${entry.words}`).toBeLessThanOrEqual(0.05);
      expect(Math.abs(a.readingMinutes - entry.minutes), `${source.file} minutes`).toBeLessThanOrEqual(1);
      expect(a.date && formatDay(Date.parse(a.date), a.dateOffset ?? 0)).toBe(entry.day);
      expect(a.author).toBe(entry.author);
      expect(a.summary).not.toMatch(LEAD_IN);
      expect(a.summary.startsWith(prose(entry.summary)), `${source.file}: ${a.summary.slice(0, 80)}`).toBe(true);
      expect(a.summaryTruncated).toBe(true);
    }
  }, 60_000);

  it.skipIf(!exists)('starts no excerpt with a contents list or a lone "Introduction" heading', () => {
    const site = { baseUrl: 'https://martinuke0.github.io/', section: 'posts', author: 'martinuke0' };
    let articles = 0;
    const leadIns: string[] = [];
    for (const file of readdirSync(postsDir).filter((f) => f.endsWith('.md'))) {
      const built = buildPost(file, readFileSync(path.join(postsDir, file), 'utf8'), site);
      if (built.kind !== 'article' || built.bodyHtml === null) continue;
      articles++;
      if (LEAD_IN.test(built.article.summary) || built.article.summary === '') leadIns.push(file);
    }
    expect(articles).toBeGreaterThan(1200);
    expect(leadIns).toEqual([]);
  }, 60_000);
});
