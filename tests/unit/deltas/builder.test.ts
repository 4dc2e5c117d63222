import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../cli/feed';
import { deltaSegment, deltaStep, KEEP_DELTAS, shardFilesIn } from '../../../cli/feedDeltas';
import { parseDelta } from '../../../src/lib/feed/delta';
import { MANIFEST_VERSION, type FeedDelta, type FeedManifest } from '../../../src/lib/feed/folder';
import { parseManifest } from '../../../src/lib/feed/validate';

let tmp: string;
let src: string;
let out: string;

const post = (title: string, date: string, body = 'Body text here.') => `---\ntitle: ${title}\ndate: ${date}\ntags: ["go"]\n---\n\n${body}\n`;

function write(name: string, text: string): void {
  writeFileSync(path.join(src, name), text);
}

async function build(baseUrl = 'https://blog.example/'): Promise<FeedManifest> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(await run(['build', src, '--out', out, '--base-url', baseUrl])).toBe(0);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return parseManifest(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
}

const readDelta = (href: string): FeedDelta => parseDelta(JSON.parse(readFileSync(path.join(out, href), 'utf8')), href);

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-deltas-'));
  src = path.join(tmp, 'posts');
  out = path.join(tmp, 'feed');
  mkdirSync(src, { recursive: true });
  write('a.md', post('A', '2026-04-01'));
  write('b.md', post('B', '2026-04-02'));
  write('c.md', post('C', '2026-03-15'));
  write('d.md', post('D', '2026-02-10'));
  // An archive large enough that a chain of small deltas costs less than its shards.
  for (let i = 10; i < 110; i++) write(`old-${i}.md`, post(`Old ${i}`, `2025-01-${String((i % 28) + 1).padStart(2, '0')}`));
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('the builder over its previous output', () => {
  it('starts at revision 1 with no deltas', async () => {
    const manifest = await build();
    expect(manifest.version).toBe(MANIFEST_VERSION);
    expect(manifest.revision).toBe(1);
    expect(manifest.deltas).toEqual([]);
  });

  it('writes a delta with the changed, new and removed articles and the new shard hashes', async () => {
    const first = await build();
    write('a.md', post('A, edited', '2026-04-01'));
    write('e.md', post('E', '2026-05-01'));
    rmSync(path.join(src, 'd.md'));
    const second = await build();
    expect(second.revision).toBe(2);
    expect(second.deltas?.map((d) => [d.from, d.to])).toEqual([[1, 2]]);
    const delta = readDelta(second.deltas?.[0]?.href ?? '');
    expect(delta.articles.map((a) => [a.article.id, a.shard, a.article.title]).sort()).toEqual([
      ['a', '2026-04', 'A, edited'],
      ['e', '2026-05', 'E'],
    ]);
    expect(delta.removed).toEqual(['d']);
    const hashOf = (m: FeedManifest, key: string) => m.shards.find((s) => s.key === key)?.hash;
    expect(delta.shards.map((s) => [s.key, s.hash]).sort()).toEqual([
      ['2026-04', hashOf(second, '2026-04')],
      ['2026-05', hashOf(second, '2026-05')],
    ]);
    expect(delta.shards.every((s) => s.search?.meta.hash !== undefined)).toBe(true);
    expect(delta.dropped).toEqual(['2026-02']);
    expect(delta.before.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: '2026-02', hash: hashOf(first, '2026-02') },
      { key: '2026-04', hash: hashOf(first, '2026-04') },
    ]);
    // The unchanged month is in no delta.
    expect(delta.articles.some((a) => a.article.id === 'c')).toBe(false);
  });

  it('keeps the revision when nothing changed, and raises it by one per changing build', async () => {
    await build();
    expect((await build()).revision).toBe(1);
    write('a.md', post('A2', '2026-04-01'));
    expect((await build()).revision).toBe(2);
    write('a.md', post('A3', '2026-04-01'));
    const third = await build();
    expect(third.revision).toBe(3);
    expect(third.deltas?.map((d) => [d.from, d.to])).toEqual([[1, 2], [2, 3]]);
    expect(readDelta(third.deltas?.[0]?.href ?? '').articles[0]?.article.title).toBe('A2');
    // A rebuild without changes carries the deltas over.
    const again = await build();
    expect(again.revision).toBe(3);
    expect(again.deltas).toEqual(third.deltas);
  });

  it(`keeps the last ${KEEP_DELTAS} deltas`, async () => {
    await build();
    for (let i = 0; i < KEEP_DELTAS + 2; i++) {
      write('a.md', post(`A${i}`, '2026-04-01'));
      await build();
    }
    const manifest = await build();
    expect(manifest.revision).toBe(KEEP_DELTAS + 3);
    expect(manifest.deltas).toHaveLength(KEEP_DELTAS);
    expect(manifest.deltas?.[0]?.from).toBe(3);
    expect(manifest.deltas?.at(-1)?.to).toBe(KEEP_DELTAS + 3);
  }, 60_000);

  it('drops earlier deltas that together weigh more than the shards', async () => {
    for (let i = 10; i < 110; i++) rmSync(path.join(src, `old-${i}.md`));
    await build();
    for (let i = 0; i < 4; i++) {
      write('a.md', post(`A${i}`, '2026-04-01', 'Long body. '.repeat(200)));
      await build();
    }
    const manifest = await build();
    expect(manifest.revision).toBe(5);
    const bytes = (manifest.deltas ?? []).reduce((n, d) => n + d.bytes, 0);
    const shardBytes = manifest.shards.reduce((n, s) => n + readFileSync(path.join(out, s.href)).length, 0);
    expect(manifest.deltas?.length).toBeLessThan(4);
    expect(bytes - (manifest.deltas?.at(-1)?.bytes ?? 0)).toBeLessThanOrEqual(shardBytes);
  });

  it('writes no delta, and drops the earlier ones, when the new one would carry most of the articles', async () => {
    await build();
    write('a.md', post('A1', '2026-04-01'));
    const before = await build();
    expect(before.deltas).toHaveLength(1);
    // A new base URL changes every article's link: readers are better off fetching the shards.
    const moved = await build('https://moved.example/');
    expect(moved.revision).toBe(3);
    expect(moved.deltas).toEqual([]);
    expect(readdirSync(path.join(out, 'deltas'))).toEqual([]);
    // The next small change starts a new chain from there.
    write('b.md', post('B1', '2026-04-02'));
    const next = await build('https://moved.example/');
    expect(next.deltas?.map((d) => [d.from, d.to])).toEqual([[3, 4]]);
    expect(readDelta(next.deltas?.[0]?.href ?? '').articles.map((a) => a.article.title)).toEqual(['B1']);
  });

  it('indexes the delta from the docs its months just indexed, as reading them back from the new segments would', async () => {
    await build();
    write('a.md', post('A again', '2026-04-01', 'Edited body with kubernetes words. '.repeat(20)));
    for (let m = 1; m <= 5; m++) write(`new-${m}.md`, post(`New ${m}`, `2024-0${m}-11`, `Fresh body ${m} about résumé parsing.`));
    const manifest = await build();
    const ref = manifest.deltas?.at(-1);
    expect(ref?.search).toBeTruthy();
    const files = new Map<string, Buffer>();
    const readBack = deltaSegment(readDelta(ref?.href ?? ''), shardFilesIn(out), files);
    expect(readBack).toEqual(ref?.search);
    expect(files.size).toBeGreaterThan(0);
    for (const [href, bytes] of files) expect(readFileSync(path.join(out, href)).equals(bytes)).toBe(true);
  });

  it("gives, without reading shards again, the delta a comparison of both builds' shards gives", async () => {
    write('m.md', post('Alone in its month', '2024-03-05'));
    write('n.md', post('Moves', '2025-01-03'));
    write('s.md', post('Same words', '2026-03-20'));
    await build();
    const before = path.join(tmp, 'before');
    cpSync(out, before, { recursive: true });
    write('a.md', post('A, edited', '2026-04-01'));
    write('m.md', post('Alone, edited', '2024-03-05'));
    write('n.md', post('Moves', '2026-05-09'));
    // Read again (its bytes changed), rendered the same.
    write('s.md', `${post('Same words', '2026-03-20')}\n`);
    write('b.md', '---\ntitle: B\nslug: b-renamed\ndate: 2026-04-02\ntags: ["go"]\n---\n\nBody text here.\n');
    write('e.md', post('E', '2026-05-01'));
    rmSync(path.join(src, 'd.md'));
    const manifest = await build();
    const ref = manifest.deltas?.at(-1);
    const compared = deltaStep(before, manifest, shardFilesIn(out));
    const comparedRef = compared.manifest.deltas?.at(-1);
    expect(comparedRef?.href).toBe(ref?.href);
    expect(compared.files.get(comparedRef?.href ?? '')?.equals(readFileSync(path.join(out, ref?.href ?? '')))).toBe(true);
    const delta = readDelta(ref?.href ?? '');
    expect(delta.articles.map((a) => a.article.id).sort()).toEqual(['a', 'b-renamed', 'e', 'm', 'n']);
    expect(delta.removed).toEqual(['b', 'd']);
  });

  it('starts a new chain over a folder it cannot read', async () => {
    await build();
    writeFileSync(path.join(out, 'manifest.json'), '{ not json');
    const manifest = await build();
    expect(manifest.revision).toBe(1);
    expect(manifest.deltas).toEqual([]);
  });
});
