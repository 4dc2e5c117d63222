import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedArticle, FeedManifest } from '../../../src/lib/feed/folder';
import { parseShard } from '../../../src/lib/feed/shard';

/** Reads a built feed folder the way the app sees it, for checking counts against the UI. */
export function readFeed(dir: string): { manifest: FeedManifest; articles: FeedArticle[] } {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as FeedManifest;
  const articles = manifest.shards.flatMap((ref) => parseShard(JSON.parse(readFileSync(path.join(dir, ref.href), 'utf8')), ref.href).articles);
  return { manifest, articles };
}

export function bodyFiles(dir: string): string[] {
  return readdirSync(path.join(dir, 'bodies'));
}

export interface SeedEntry {
  title: string;
  summary: string;
  date: string;
  minutes: number;
  words: number;
  author: string;
}

const META = /^([A-Z][a-z]+ \d{1,2}, \d{4}) · (\d+) min · (\d+) words · (.+)$/;

/** The blog's own tag page: title, summary, then "April 3, 2026 · 11 min · 2256 words · author". */
export function parseSeedListing(text: string): SeedEntry[] {
  const lines = text.replace(/\u00a0/g, ' ').split('\n').map((l) => l.trim()).filter(Boolean);
  const entries: SeedEntry[] = [];
  lines.forEach((line, i) => {
    const m = META.exec(line);
    if (!m || i < 2) return;
    entries.push({ title: lines[i - 2] ?? '', summary: lines[i - 1] ?? '', date: m[1] ?? '', minutes: Number(m[2]), words: Number(m[3]), author: m[4] ?? '' });
  });
  return entries;
}
