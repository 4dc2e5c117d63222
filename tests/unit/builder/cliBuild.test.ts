import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../cli/feed';
import { fixturePosts, writePosts } from './fixture';

let tmp: string;
let src: string;
let out: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-build-'));
  src = path.join(tmp, 'posts');
  out = path.join(tmp, 'feed');
  vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(tmp, { recursive: true, force: true });
});

async function build(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await run(['build', src, '--out', out, '--base-url', 'https://blog.example/', ...extra]);
    const text = (spy: typeof log) => spy.mock.calls.map((c) => c.join(' ')).join('\n');
    return { code, stdout: text(log), stderr: text(error) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('feed build of a Hugo folder, twice', () => {
  it('says what the rebuild read again, and prints the same summary and reports', async () => {
    writePosts(src, fixturePosts());
    const first = await build();
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('rebuilt');
    // A file no manifest names, in a folder the build owns, goes; one beside them stays.
    writeFileSync(path.join(out, 'bodies', 'stale.html'), 'old');
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const second = await build();
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('feed: rebuilt: 1 of 27 posts read again, 0 of 7 months rewritten, 0 of their 0 articles indexed again');
    expect(second.stderr.replace(/\nfeed: rebuilt.*$/m, '')).toBe(first.stderr);
    expect(second.stdout.replace(/\d+\.\d s/, '')).toBe(first.stdout.replace(/\d+\.\d s/, ''));
    expect(existsSync(path.join(out, 'bodies', 'stale.html'))).toBe(false);
    expect(existsSync(path.join(out, 'notes.txt'))).toBe(true);
    // --full renders every post again.
    const full = await build('--full');
    expect(full.stderr).not.toContain('rebuilt');
    expect(full.stderr).toBe(first.stderr);
  });

  it('says it cannot write head.json when that fails, and keeps the folder it built', async () => {
    writePosts(src, fixturePosts());
    expect((await build()).code).toBe(0);
    const articles = () => (JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { articleCount: number }).articleCount;
    const before = articles();
    rmSync(path.join(out, 'head.json'));
    mkdirSync(path.join(out, 'head.json', 'in-the-way'), { recursive: true });
    writePosts(src, { 'added.md': '---\ntitle: Added\ndate: 2026-03-03\n---\nAdded body.\n' });
    const second = await build();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`feed: cannot write ${out}/head.json:`);
    expect(articles()).toBe(before + 1);
  });

  it('says it cannot write when the output is a file', async () => {
    writePosts(src, fixturePosts());
    writeFileSync(out, 'a file');
    const { code, stderr } = await build();
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`feed: cannot write ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*(EEXIST|ENOTDIR)`));
  });

  it('writes nothing when no post gives an article', async () => {
    mkdirSync(src, { recursive: true });
    writePosts(src, { 'a.md': 'no front matter\n', 'b.md': '---\ntitle: D\ndraft: true\n---\nx\n' });
    const { code, stderr } = await build();
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(src, 'a.md')}:1: no front matter`);
    expect(stderr).toContain(`feed: no articles built (2 posts read, 0 articles, 0 recovered, 1 skipped, 1 drafts, 0 topics); ${out} left unchanged`);
    expect(existsSync(out)).toBe(false);
  });
});
