/**
 * Checks the builder against the real blog in ../shared (never copied into this repository): for
 * the five posts of the blog's own tag page (the seed listing), words within 5 %, minutes within 1,
 * the same date and the same summary as Hugo shows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { title as readTitle } from '../../../src/lib/feed/hugo/fields';
import { splitFrontMatter } from '../../../src/lib/feed/hugo/frontMatter';
import { buildPost } from '../../../src/lib/feed/hugo/post';

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

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

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
      expect(a.date && dayFormat.format(new Date(a.date))).toBe(entry.day);
      expect(a.author).toBe(entry.author);
      expect(a.summary).toBe(entry.summary);
      expect(a.summaryTruncated).toBe(true);
    }
  });
});
