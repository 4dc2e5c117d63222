import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../cli/feed';
import { layoutFeed } from '../../../cli/feedFiles';
import type { FeedArticle, FeedManifest, FeedShard } from '../../../src/lib/feed/folder';
import { readHeadRecord } from '../../../src/lib/model/head';
import { parseManifest } from '../../../src/lib/feed/validate';
import { parseShard } from '../../../src/lib/feed/shard';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let tmp: string;
let src: string;
let out: string;

const post = (fm: string, body = 'Body text here.\n') => `---\n${fm}\n---\n\n${body}`;

function writePosts(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    writeFileSync(path.join(src, name), text);
  }
}

async function build(args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await run(['build', src, '--out', out, ...args]);
    const text = (spy: typeof log) => spy.mock.calls.map((c) => c.join(' ')).join('\n');
    return { code, stdout: text(log), stderr: text(error) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const readJson = (rel: string): unknown => JSON.parse(readFileSync(path.join(out, rel), 'utf8'));
const sha16 = (rel: string) => createHash('sha256').update(readFileSync(path.join(out, rel))).digest('hex').slice(0, 16);

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-feed-'));
  src = path.join(tmp, 'site', 'content', 'posts');
  out = path.join(tmp, 'public', 'feed');
  mkdirSync(src, { recursive: true });
  writeFileSync(
    path.join(tmp, 'site', 'hugo.yaml'),
    'baseURL: https://blog.example/\ntitle: Example Blog\nlanguageCode: en-gb\nparams:\n  author:\n    name: Site Author\n  description: Notes.\n',
  );
  writePosts({
    '2026-04-01-a.md': post('title: A\ndate: "2026-04-01T10:00:00"\ntags: ["Distributed Systems", "Go"]'),
    '2026-04-02-b.md': post('title: B\ndate: 2026-04-02T01:00:00+02:00\ntags: ["distributed-systems"]\nauthor: Bea'),
    '2026-03-15-c.md': post('title: C\ndate: 2026-03-15\ntags: ["Distributed Systems"]'),
    '2026-02-01-h1.md': '# Heading Post\n\nRecovered body.\n',
    'undated.md': post('title: Undated'),
    'draft.md': post('title: D\ndraft: true'),
    'broken.md': '---\ntitle: "Broken\ndate: 2026-01-01\n---\nx\n',
    'dup.md': post('title: Dup\nslug: 2026-04-01-a\ndate: 2026-04-05'),
    '_index.md': post('title: Section'),
    'notes.txt': 'not a post',
  });
  vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(tmp, { recursive: true, force: true });
});

describe('feed build', () => {
  it('writes manifest, month shards and bodies with content hashes', async () => {
    const { code, stdout, stderr } = await build();
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Built feed: 8 posts read, 5 articles, 1 recovered, 2 skipped, 1 drafts, 2 topics, \d+\.\d s → .*public\/feed \(head\.json \d+\.\d KB\)$/,
    );
    // The first page for a first visit, beside the manifest.
    expect(readHeadRecord(readJson('head.json'))?.cards.map((c) => c.title)).toHaveLength(5);
    expect(stderr).toContain(`${path.join(src, 'broken.md')}:2: invalid YAML front matter`);
    expect(stderr).toContain(`${path.join(src, 'dup.md')}:1: duplicate article id "2026-04-01-a"`);
    expect(stderr).toContain(`${path.join(src, '2026-02-01-h1.md')}:1: recovered: no front matter`);

    const manifest = parseManifest(readJson('manifest.json')) satisfies FeedManifest;
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toContain('\n  "format": "folio-feed",\n');
    expect(manifest).toMatchObject({
      title: 'Example Blog',
      description: 'Notes.',
      homepage: 'https://blog.example/',
      language: 'en-gb',
      author: 'Site Author',
      generatedAt: '2023-11-14T22:13:20.000Z',
      articleCount: 5,
      topics: [
        { slug: 'distributed-systems', name: 'Distributed Systems', count: 3 },
        { slug: 'go', name: 'Go', count: 1 },
      ],
    });
    expect(manifest.shards.map((s) => [s.key, s.count])).toEqual([
      ['2026-04', 2],
      ['2026-03', 1],
      ['2026-02', 1],
      ['undated', 1],
    ]);
    const articles: FeedArticle[] = [];
    for (const ref of manifest.shards) {
      expect(ref.href).toBe(`index/${ref.key}.${ref.hash}.json`);
      expect(sha16(ref.href)).toBe(ref.hash);
      const raw = readFileSync(path.join(out, ref.href), 'utf8');
      expect(raw).not.toContain('\n');
      const shard = parseShard(JSON.parse(raw), ref.href) satisfies FeedShard;
      expect(shard.key).toBe(ref.key);
      articles.push(...shard.articles);
    }
    // B (2026-04-02 01:00 +02:00) is 13 hours newer than A (2026-04-01 10:00 UTC).
    expect(articles.map((a) => a.title)).toEqual(['B', 'A', 'C', 'Heading Post', 'Undated']);
    expect(articles[0]).toMatchObject({ date: '2026-04-01T23:00:00.000Z', author: 'Bea' });
    expect(articles[1]).toMatchObject({ id: '2026-04-01-a', url: 'https://blog.example/posts/2026-04-01-a/', author: 'Site Author' });
    expect(articles[3]).toMatchObject({ date: '2026-02-01T00:00:00.000Z', summary: 'Recovered body.' });
    for (const a of articles) {
      if (!a.body) throw new Error('expected a body');
      expect(a.body.href).toBe(`bodies/${a.id}.${a.body.hash}.html`);
      expect(sha16(a.body.href)).toBe(a.body.hash);
      expect(readFileSync(path.join(out, a.body.href)).length).toBe(a.body.bytes);
    }
    expect(readdirSync(path.join(out, 'bodies'))).toHaveLength(5);
  });

  it('replaces index/ and bodies/ wholesale but keeps other files; rebuilds are reproducible', async () => {
    mkdirSync(path.join(out, 'index'), { recursive: true });
    writeFileSync(path.join(out, 'index', 'stale.json'), '{}');
    writeFileSync(path.join(out, 'keep.txt'), 'mine');
    expect((await build()).code).toBe(0);
    const first = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    expect(existsSync(path.join(out, 'index', 'stale.json'))).toBe(false);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect((await build()).code).toBe(0);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(first);

    const oldBody = readdirSync(path.join(out, 'bodies')).find((f) => f.startsWith('2026-03-15-c.'));
    rmSync(path.join(src, '2026-03-15-c.md'));
    writeFileSync(path.join(src, '2026-04-01-a.md'), post('title: A2\ndate: "2026-04-01T10:00:00"'));
    expect((await build(['--title', 'Flag Title'])).code).toBe(0);
    const bodies = readdirSync(path.join(out, 'bodies'));
    expect(oldBody).toBeDefined();
    expect(bodies).not.toContain(oldBody);
    expect(bodies).toHaveLength(4);
    const manifest = parseManifest(readJson('manifest.json'));
    expect(manifest.title).toBe('Flag Title');
    expect(manifest.shards.map((s) => s.key)).toEqual(['2026-04', '2026-02', 'undated']);
    expect(readdirSync(path.join(out, 'index'))).toHaveLength(3);
    expect(readdirSync(path.dirname(out)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('exits 1 without touching the output when no article could be built', async () => {
    rmSync(src, { recursive: true });
    mkdirSync(src);
    writePosts({ 'broken.md': 'no front matter\n' });
    const { code, stderr } = await build();
    expect(code).toBe(1);
    expect(stderr).toContain('broken.md:1: no front matter');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on usage errors', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await run([])).toBe(2);
      expect(await run(['make', src])).toBe(2);
      expect(await run(['build', src])).toBe(2);
      expect(await run(['build', src, '--out', out, '--bogus'])).toBe(2);
      expect(await run(['build', path.join(tmp, 'missing'), '--out', out])).toBe(2);
      expect(await run(['build', src, '--out', out, '--base-url', 'not a url'])).toBe(2);
      expect(error.mock.calls.at(-1)?.[0]).toMatch(/^feed: --base-url must be .*\nusage: /s);
    } finally {
      error.mockRestore();
    }
  });

  it('runs as a command (npm run feed)', { timeout: 30_000 }, () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/feed.ts', 'build', src], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('feed: missing --out <dir>');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'cli/feed.ts', 'build', src, '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Built feed: 8 posts read, 5 articles/);
  });
});

describe('layoutFeed', () => {
  it('splits a month of more than 2000 articles into numbered shards, newest first', () => {
    const entries = Array.from({ length: 2001 }, (_, i) => ({
      article: {
        id: `a${String(i).padStart(4, '0')}`,
        slug: `a${i}`,
        url: `https://blog.example/a${i}/`,
        title: `A${i}`,
        date: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        topics: [],
        author: null,
        summary: '',
        summaryTruncated: false,
        words: 0,
        readingMinutes: 0,
      },
      bodyHtml: null,
    }));
    const { manifest, files } = layoutFeed(entries, {
      title: 'T', description: '', homepage: null, language: 'en', author: null, generatedAt: '2026-01-01T00:00:00.000Z', topics: [],
    });
    expect(manifest.shards.map((s) => [s.key, s.count])).toEqual([['2026-01', 2000], ['2026-01-2', 1]]);
    const second = parseShard(JSON.parse(files.get(manifest.shards[1]?.href ?? '')?.toString() ?? '{}'), 'second');
    expect(second.articles[0]?.id).toBe('a0000');
  });
});
