import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run, type InspectedArticle } from '../../../cli/feed';
import { parseManifest } from '../../../src/lib/feed/validate';
import { parseShard } from '../../../src/lib/feed/shard';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-hostile-'));
  vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(tmp, { recursive: true, force: true });
});

async function cli(argv: string[], fetcher?: typeof fetch): Promise<{ code: number; stdout: string; stderr: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await run(argv, fetcher);
    const text = (spy: typeof log) => spy.mock.calls.map((c) => c.join(' ')).join('\n');
    return { code, stdout: text(log), stderr: text(error) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function write(rel: string, text: string): string {
  const file = path.join(tmp, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The built feed folder, read back through the app's validation. */
function readBuilt(out: string) {
  const manifest = parseManifest(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
  const articles = manifest.shards.flatMap((ref) => parseShard(JSON.parse(readFileSync(path.join(out, ref.href), 'utf8')), ref.href).articles);
  return { manifest, articles };
}

const post = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-02\ntags: [Go]\n---\n\nSee [the docs](/docs/).\n`;

describe('build on a bare Hugo folder (no site config)', () => {
  it('builds without links to the originals, named after the site folder, and says so', async () => {
    const posts = path.join(tmp, 'my-blog', 'posts');
    write('my-blog/posts/a.md', post('A'));
    const out = path.join(tmp, 'out');
    const { code, stderr, stdout } = await cli(['build', posts, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: no base URL.*until --base-url is given/);
    expect(stderr).toMatch(/title "my-blog" \(the site folder's name/);
    expect(stdout).toMatch(/^Built feed: 1 posts read, 1 articles/);
    const { manifest, articles } = readBuilt(out);
    expect(manifest.title).toBe('my-blog');
    expect(manifest.homepage).toBeNull();
    expect(articles.map((a) => a.url)).toEqual(['']);
    expect(readdirSync(path.join(out, 'bodies'))).toHaveLength(1);
  });

  it('takes the site folder above content/, and the site title when there is one', async () => {
    write('site/content/posts/a.md', post('A'));
    const posts = path.join(tmp, 'site', 'content', 'posts');
    expect((await cli(['inspect', posts])).stdout).toMatch(/^site: /);
    write('site/hugo.yaml', 'title: My Site\n');
    const { stderr, stdout } = await cli(['inspect', posts, '--base-url', 'https://s.example/']);
    expect(stdout).toMatch(/^My Site \(https:\/\/s\.example\/\)/);
    expect(stderr).toMatch(/title "My Site" \(from hugo\.yaml/);
    expect(stderr).not.toMatch(/no base URL/);
  });
});

const entry = (n: number) => ({ title: `Post ${n}`, permalink: `/posts/${n}/`, date: `2024-01-0${n}T00:00:00Z`, tags: ['Go'], content: `Body ${n}` });
const listPage = { title: 'Tags', permalink: '/tags/', date: '0001-01-01T00:00:00Z', content: '' };

describe('the new feed shapes through inspect --json and build', () => {
  it('reads a wrapped Hugo index file, resolving its relative links with --base-url and skipping list pages', async () => {
    const file = write('index.json', JSON.stringify({ articles: [entry(1), listPage, entry(2)], next: '/page/2/index.json' }));
    const { code, stdout, stderr } = await cli(['inspect', file, '--json', '--base-url', 'https://b.example/']);
    expect([code, stderr]).toEqual([0, '']);
    const articles = JSON.parse(stdout) as InspectedArticle[];
    expect(articles.map((a) => a.url)).toEqual(['https://b.example/posts/2/', 'https://b.example/posts/1/']);

    const out = path.join(tmp, 'out');
    const built = await cli(['build', file, '--out', out]);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/2 articles, 2 with a body, 1 list pages skipped, \d+ warnings/);
    expect(built.stderr).toMatch(/a list page, not an article/);
    expect(readBuilt(out).articles.map((a) => a.url)).toEqual(['', '']);
  });

  it('follows the next pages of an index at a URL, and stops at a loop', async () => {
    const pages: Record<string, unknown> = {
      'https://p.example/index.json': { articles: [entry(3), listPage], next: '/page/2/index.json' },
      'https://p.example/page/2/index.json': { articles: [entry(2)], next: 'https://p.example/page/3/index.json' },
      'https://p.example/page/3/index.json': { articles: [entry(1), entry(2)], next: '/page/2/index.json' },
    };
    const requested: string[] = [];
    const fetcher = (async (input: string | URL | Request) => {
      const url = String(input);
      requested.push(url);
      return url in pages ? new Response(JSON.stringify(pages[url])) : new Response('gone', { status: 404 });
    }) as typeof fetch;
    const out = path.join(tmp, 'out');
    const { code, stdout, stderr } = await cli(['build', 'https://p.example/index.json', '--out', out], fetcher);
    expect(code).toBe(0);
    expect(requested).toHaveLength(3);
    expect(stdout).toMatch(/^Built feed: 3 articles, 3 with a body, 3 pages, 1 list pages skipped/);
    expect(stderr).toMatch(/was already read; stopped there/);
    expect(readBuilt(out).articles.map((a) => a.title)).toEqual(['Post 3', 'Post 2', 'Post 1']);
  });

  it('keeps the pages it read when a later page fails', async () => {
    const fetcher = (async (input: string | URL | Request) =>
      String(input).endsWith('/index.json') && !String(input).includes('page')
        ? new Response(JSON.stringify({ posts: [entry(1)], next: 'https://q.example/page/2/index.json' }))
        : new Response('nope', { status: 500 })) as typeof fetch;
    const { code, stdout, stderr } = await cli(['inspect', 'https://q.example/index.json', '--json'], fetcher);
    expect([code, stderr]).toEqual([0, '']);
    expect((JSON.parse(stdout) as InspectedArticle[]).map((a) => a.title)).toEqual(['Post 1']);
  });
});

describe('samples/feeds/hugo-index-paged.json', () => {
  it('is read with its relative links resolved against --base-url, its list page skipped, and its next page named', async () => {
    const sample = path.resolve(import.meta.dirname, '../../../samples/feeds/hugo-index-paged.json');
    const json = await cli(['inspect', sample, '--json', '--base-url', 'https://hugo.example/']);
    expect((JSON.parse(json.stdout) as InspectedArticle[]).map((a) => [a.url, a.topics])).toEqual([['https://hugo.example/posts/paged/', ['hugo', 'pagination']]]);
    const { stdout, stderr } = await cli(['inspect', sample, '--base-url', 'https://hugo.example/']);
    expect(stdout).toMatch(/^Hugo, page 1 \(https:\/\/hugo\.example\/\): 1 articles, 1 with a body, 1 list pages skipped/);
    expect(stderr).toMatch(/the index continues at https:\/\/hugo\.example\/page\/2\/index\.json: give its URL/);
  });
});
