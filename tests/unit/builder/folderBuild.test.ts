import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CACHE_FILE } from '../../../cli/buildCache';
import { sha16 } from '../../../cli/buildTasks';
import { MANIFEST_VERSION, type FeedManifest } from '../../../src/lib/feed/folder';
import { parseShard } from '../../../src/lib/feed/shard';
import { buildInMemory, buildStreamed, contentSnapshot, fixturePosts, post, snapshot, writePosts } from './fixture';

let tmp: string;
let src: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-builder-'));
  src = path.join(tmp, 'posts');
  writePosts(src, fixturePosts());
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const out = (name: string) => path.join(tmp, name);
const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as FeedManifest;

/** Sets every post's mtime an hour back, so a rebuild may trust the stat of the posts it finds unchanged. */
function age(files: string[]): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const f of files) utimesSync(path.join(src, f), past, past);
}

describe('streamed folder build', () => {
  it('writes the same bytes as the in-memory build, and reports the same problems', async () => {
    const reportsBefore = buildInMemory(src, out('old'));
    const { built, reports } = await buildStreamed(src, out('new'));
    expect(snapshot(out('new'))).toEqual(snapshot(out('old')));
    expect(reports).toEqual(reportsBefore);
    expect(built.counts).toEqual({ read: 27, recovered: 1, skipped: 2, drafts: 1 });
    expect(built.previous).toBeNull();
  });

  // Starting two workers that load TypeScript takes seconds on a busy machine.
  it('writes the same bytes on a pool of worker threads', { timeout: 60_000 }, async () => {
    buildInMemory(src, out('old'));
    const { built } = await buildStreamed(src, out('new'), 2);
    expect(snapshot(out('new'))).toEqual(snapshot(out('old')));
    expect(built.peakRss).toBeGreaterThan(0);
  });

  it('lays months out newest first, undated last, each newest first', async () => {
    await buildStreamed(src, out('new'));
    const manifest = manifestOf(out('new'));
    expect(manifest.shards.map((s) => s.key)).toEqual(['2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12', 'undated']);
    for (const ref of manifest.shards) {
      const shard = parseShard(JSON.parse(readFileSync(path.join(out('new'), ref.href), 'utf8')), ref.href);
      const dates = shard.articles.map((a) => a.date ?? '');
      expect(dates).toEqual([...dates].sort().reverse());
    }
    // "-05:00" on May 30th at 23:30 is May 31st in UTC: still May.
    expect(manifest.shards[0]?.count).toBe(1);
  });

  it('names a malformed post with its file and line, and builds the others', async () => {
    const { built, reports } = await buildStreamed(src, out('new'));
    expect(reports).toContainEqual({ file: path.join(src, 'broken.md'), line: 2, message: expect.stringContaining('invalid YAML front matter') });
    expect(reports).toContainEqual({ file: path.join(src, 'zz-dup.md'), line: 1, message: 'duplicate article id "p05" (already used by ' + path.join(src, 'p05.md') + ')' });
    expect(built.manifest.articleCount).toBe(24);
  });
});

describe('rebuild', () => {
  it('renders nothing and keeps every month when no post changed', async () => {
    await buildStreamed(src, out('new'));
    const first = snapshot(out('new'));
    age(Object.keys(fixturePosts()));
    const { built, reports } = await buildStreamed(src, out('new'));
    expect(built.previous).not.toBeNull();
    // Only the duplicate is read again: whether it stays one is known only in file order.
    expect(built.rendered).toBe(1);
    expect(built.monthsWritten).toBe(0);
    expect(snapshot(out('new'))).toEqual(first);
    // The problems of posts taken from the cache are told again.
    expect(reports.map((r) => r.file)).toContain(path.join(src, 'broken.md'));
  });

  it('rewrites every month of a folder an older builder made, in the current shard format', async () => {
    await buildStreamed(src, out('old'));
    // The folder as the last builder left it: a version 3 manifest, which its cache vouches for.
    const manifestFile = path.join(out('old'), 'manifest.json');
    const olderManifest = Buffer.from(JSON.stringify({ ...manifestOf(out('old')), version: 3 }));
    writeFileSync(manifestFile, olderManifest);
    const cacheFile = path.join(out('old'), CACHE_FILE);
    const cache = JSON.parse(gunzipSync(readFileSync(cacheFile)).toString('utf8')) as { manifestHash: string };
    writeFileSync(cacheFile, gzipSync(JSON.stringify({ ...cache, manifestHash: sha16(olderManifest) })));
    age(Object.keys(fixturePosts()));
    const { built } = await buildStreamed(src, out('old'));
    expect(built.previous).not.toBeNull();
    expect(built.monthsWritten).toBe(built.months);
    expect(manifestOf(out('old')).version).toBe(MANIFEST_VERSION);
  });

  it('hashes files it cannot trust by their stat, and renders only those that changed', async () => {
    await buildStreamed(src, out('new'));
    const { built } = await buildStreamed(src, out('new'));
    expect(built.rendered).toBe(1);
    expect(built.monthsWritten).toBe(0);
  });

  it('after a changed, a removed and an added post, equals a clean build', async () => {
    await buildStreamed(src, out('inc'));
    age(Object.keys(fixturePosts()));
    writeFileSync(path.join(src, 'p10.md'), post('Post 9 edited', '2026-02-20T10:00:00Z', ['Edited'], 'New text.\n'));
    unlinkSync(path.join(src, 'p03.md'));
    writePosts(src, { 'added.md': post('Added', '2026-03-03T03:00:00Z', ['go'], 'Added body.\n') });
    const { built, reports } = await buildStreamed(src, out('inc'));
    const clean = await buildStreamed(src, out('clean'));
    expect(contentSnapshot(out('inc'))).toEqual(contentSnapshot(out('clean')));
    expect(reports).toEqual(clean.reports);
    // The rebuild moved the change log on by one step, with the three posts in it.
    expect(built.manifest.revision).toBe(2);
    expect(built.manifest.deltas?.map((d) => [d.from, d.to])).toEqual([[1, 2]]);
    const delta = JSON.parse(readFileSync(path.join(out('inc'), built.manifest.deltas?.[0]?.href ?? ''), 'utf8')) as { articles: { article: { title: string } }[]; removed: string[] };
    expect(delta.articles.map((a) => a.article.title).sort()).toEqual(['Added', 'Post 9 edited']);
    expect(delta.removed).toEqual(['p03']);
    expect(clean.built.manifest.revision).toBe(1);
    // The edited post, the added one and the duplicate.
    expect(built.rendered).toBe(3);
    expect(built.monthsWritten).toBeLessThan(built.months);
    // Only the edited and the added post are tokenised: their months' other articles come from the last segments.
    expect(built.indexed.tokenized).toBe(2);
    expect(built.indexed.articles).toBeGreaterThan(4);
    expect(existsSync(path.join(out('inc'), CACHE_FILE))).toBe(true);
  });

  // Worker threads load TypeScript, which takes seconds on a busy machine.
  it.each([0, 2])('patches the segment of a post edited in place (%i workers), and equals a clean build', async (workers) => {
    await buildStreamed(src, out('inc'));
    age(Object.keys(fixturePosts()));
    writeFileSync(path.join(src, 'p09.md'), `${fixturePosts()['p09.md']}\nAn added paragraph about wombats.\n`);
    const { built } = await buildStreamed(src, out('inc'), workers);
    await buildStreamed(src, out('clean'));
    expect(contentSnapshot(out('inc'))).toEqual(contentSnapshot(out('clean')));
    expect(built.monthsWritten).toBe(1);
    expect(built.indexed).toEqual({ articles: 5, tokenized: 1, patched: 1 });
    const delta = JSON.parse(readFileSync(path.join(out('inc'), built.manifest.deltas?.[0]?.href ?? ''), 'utf8')) as { articles: { article: { id: string } }[] };
    expect(delta.articles.map((a) => a.article.id)).toEqual(['p09']);
  }, 60_000);

  it('tokenises a changed month again when its last segment cannot be read, and still equals a clean build', async () => {
    const first = await buildStreamed(src, out('inc'));
    age(Object.keys(fixturePosts()));
    const february = first.built.manifest.shards.find((ref) => ref.key === '2026-02');
    writeFileSync(path.join(out('inc'), february?.search?.meta.href ?? ''), 'not a segment');
    writeFileSync(path.join(src, 'p10.md'), post('Post 9 edited', '2026-02-20T10:00:00Z', ['Edited'], 'New text.\n'));
    const { built } = await buildStreamed(src, out('inc'));
    await buildStreamed(src, out('clean'));
    expect(contentSnapshot(out('inc'))).toEqual(contentSnapshot(out('clean')));
    expect(built.indexed.tokenized).toBe(built.indexed.articles);
  });

  it('gives a duplicate id to the next file when the first one goes', async () => {
    await buildStreamed(src, out('inc'));
    unlinkSync(path.join(src, 'p05.md'));
    const { built } = await buildStreamed(src, out('inc'));
    await buildStreamed(src, out('clean'));
    expect(contentSnapshot(out('inc'))).toEqual(contentSnapshot(out('clean')));
    expect(built.manifest.articleCount).toBe(24);
  });

  it('rewrites a month whose files were removed by hand', async () => {
    await buildStreamed(src, out('inc'));
    const ref = manifestOf(out('inc')).shards[1];
    unlinkSync(path.join(out('inc'), ref?.search?.meta.href ?? ''));
    const { built } = await buildStreamed(src, out('inc'));
    await buildStreamed(src, out('clean'));
    expect(built.monthsWritten).toBe(1);
    expect(contentSnapshot(out('inc'))).toEqual(contentSnapshot(out('clean')));
  });

  it.each([0, 2])('builds whole again, reporting each problem once, when a shard it needs was edited by hand (%i workers)', async (workers) => {
    await buildStreamed(src, out('inc'));
    const ref = manifestOf(out('inc')).shards.find((r) => r.key === '2026-02');
    const file = path.join(out('inc'), ref?.href ?? '');
    const shard = parseShard(JSON.parse(readFileSync(file, 'utf8')), file);
    const gone = shard.articles.find((a) => a.id !== 'p10')?.id;
    writeFileSync(file, JSON.stringify({ ...shard, version: 1, articles: shard.articles.filter((a) => a.id !== gone) }));
    writeFileSync(path.join(src, 'p10.md'), post('Post 9 edited', '2026-02-20T10:00:00Z', ['Edited'], 'New text.\n'));
    const { built, reports } = await buildStreamed(src, out('inc'), workers);
    const clean = await buildStreamed(src, out('clean'));
    expect(built.previous).toBeNull();
    expect(reports).toEqual(clean.reports);
    expect(contentSnapshot(out('inc'))).toEqual(contentSnapshot(out('clean')));
  }, 60_000);

  it('builds whole again when the site changed', async () => {
    await buildStreamed(src, out('inc'));
    const { built } = await buildStreamed(src, out('inc'), 0, false, { baseUrl: 'https://elsewhere.example/' });
    expect(built.previous).toBeNull();
    expect(built.rendered).toBe(27);
    expect(built.manifest.homepage).toBe('https://blog.example/');
  });

  it('builds whole again when the manifest was written by another build', async () => {
    await buildStreamed(src, out('inc'));
    writeFileSync(path.join(out('inc'), 'manifest.json'), readFileSync(path.join(out('inc'), 'manifest.json'), 'utf8') + ' ');
    const { built } = await buildStreamed(src, out('inc'));
    expect(built.previous).toBeNull();
    expect(built.rendered).toBe(27);
  });
});
