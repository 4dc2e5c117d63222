import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editPosts, writeHugoSite } from '../../../bench/hugoSite';
import { buildPost } from '../../../src/lib/feed/hugo/post';

let tmp: string;
beforeEach(() => void (tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-hugo-site-'))));
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const read = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));

describe('bench Hugo site', () => {
  it('writes the same posts for the same seed, each one an article with a body and tags', () => {
    const a = writeHugoSite(path.join(tmp, 'a'), 30, 7);
    const b = writeHugoSite(path.join(tmp, 'b'), 30, 7);
    const posts = read(a);
    expect(Object.keys(posts)).toHaveLength(30);
    expect(read(b)).toEqual(posts);
    expect(read(writeHugoSite(path.join(tmp, 'c'), 30, 8))).not.toEqual(posts);
    for (const [file, text] of Object.entries(posts)) {
      const built = buildPost(file, text, { baseUrl: 'https://blog.example.com/', section: 'posts', author: null });
      expect(built.kind).toBe('article');
      if (built.kind === 'article') {
        expect(built.bodyHtml).toContain('<p>');
        expect(built.article.topics.length).toBeGreaterThan(0);
        expect(built.article.date).not.toBeNull();
      }
    }
    expect(readFileSync(path.join(tmp, 'a', 'config.toml'), 'utf8')).toContain('baseURL = "https://blog.example.com/"');
  });

  it('edits 1% of the posts, at least one', () => {
    const dir = writeHugoSite(path.join(tmp, 'a'), 250, 7);
    const before = read(dir);
    expect(editPosts(dir, 250, 0.01, 7)).toBe(3);
    const after = read(dir);
    const changed = Object.keys(before).filter((f) => before[f] !== after[f]);
    expect(changed).toHaveLength(3);
    for (const f of changed) expect(after[f]?.startsWith(before[f] ?? '')).toBe(true);
  });

  it('changes recent posts and adds new ones dated after the newest', () => {
    const dir = writeHugoSite(path.join(tmp, 'a'), 400, 7);
    const before = read(dir);
    expect(editPosts(dir, 400, 0.01, 7, 'recent')).toBe(4);
    const after = read(dir);
    const added = Object.keys(after).filter((f) => before[f] === undefined);
    const edited = Object.keys(before).filter((f) => before[f] !== after[f]);
    expect(added.length + edited.length).toBe(4);
    expect(added.length).toBeGreaterThanOrEqual(2);
    const newest = Math.max(...Object.values(before).map((t) => Date.parse(/date: (\S+)/.exec(t)?.[1] ?? '')).filter((n) => !Number.isNaN(n)));
    for (const f of added) expect(Date.parse(/date: (\S+)/.exec(after[f] ?? '')?.[1] ?? '')).toBeGreaterThan(newest);
  });
});
