import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run, type InspectedArticle } from '../../../cli/feed';
import { parseManifest } from '../../../src/lib/feed/validate';
import { parseShard } from '../../../src/lib/feed/shard';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const sample = (name: string) => path.join(repoRoot, 'samples', 'feeds', name);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEYS = ['author', 'date', 'id', 'readingMinutes', 'summary', 'title', 'topics', 'url', 'words'];

let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-'));
  vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI in-process, capturing what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await run(argv);
    const text = (spy: typeof log) => spy.mock.calls.map((c) => c.join(' ')).join('\n');
    return { code, stdout: text(log), stderr: text(error) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function inspectJson(source: string, ...flags: string[]): Promise<InspectedArticle[]> {
  const { code, stdout, stderr } = await cli('inspect', source, '--json', ...flags);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const articles = JSON.parse(stdout) as InspectedArticle[];
  expect(Array.isArray(articles)).toBe(true);
  for (const a of articles) {
    expect(Object.keys(a).sort()).toEqual(KEYS);
    expect(a.id).toMatch(/^[a-z0-9._-]+$/);
    if (a.date !== null) expect(a.date).toMatch(ISO);
    for (const t of a.topics) expect(t).toMatch(/^[^\sA-Z]+$/);
  }
  return articles;
}

function writeTmp(name: string, content: string | Uint8Array): string {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
}

/** The one line of stderr of a failed run, checked to be one line. */
async function failure(...argv: string[]): Promise<{ code: number; line: string }> {
  const { code, stdout, stderr } = await cli(...argv);
  expect(code).not.toBe(0);
  expect(stdout).toBe('');
  expect(stderr.split('\n')).toHaveLength(1);
  return { code, line: stderr };
}

describe('feed inspect --json', () => {
  it('reads RSS 2.0', async () => {
    expect(await inspectJson(sample('rss.xml'))).toEqual([
      {
        id: expect.stringMatching(/^dialog-[0-9a-f]{12}$/),
        url: 'https://rss.example/posts/dialog/',
        title: 'The <dialog> element',
        date: '2025-06-03T08:00:00.000Z',
        topics: ['html', 'web-dev'],
        author: 'Jane Doe',
        summary: 'A modal without a library.',
        words: 8,
        readingMinutes: 1,
      },
      {
        id: expect.stringMatching(/^guide-[0-9a-f]{12}$/),
        url: 'https://rss.example/posts/guide/',
        title: 'Tom & Jerry’s guide',
        date: null,
        topics: ['web-dev'],
        author: 'The Editor',
        summary: 'Short teaser.',
        words: 2,
        readingMinutes: 1,
      },
    ]);
  });

  it('reads Atom 1.0', async () => {
    const articles = await inspectJson(sample('atom.xml'));
    expect(articles.map((a) => [a.title, a.url, a.date, a.topics, a.author, a.summary])).toEqual([
      ['Première', 'https://atom.example/blog/posts/premiere/', '2025-05-01T07:30:00.000Z', ['rust'], 'Ana Autora', 'Le début.'],
      ['Sans date', 'https://atom.example/blog/posts/sans-date/', null, [], 'Bo Autor', 'Du texte brut. Deux paragraphes.'],
    ]);
  });

  it('reads JSON Feed 1.0 and 1.1', async () => {
    const v10 = await inspectJson(sample('jsonfeed-1.0.json'));
    expect(v10.map((a) => [a.title, a.date, a.author, a.topics, a.words])).toEqual([
      ['Second', '2025-02-02T08:00:00.000Z', 'Old Style', ['go'], 3],
      ['First', '2025-01-01T13:00:00.000Z', 'Old Style', [], 2],
    ]);
    const v11 = await inspectJson(sample('jsonfeed-1.1.json'));
    expect(v11).toEqual([
      {
        id: expect.stringMatching(/^a-[0-9a-f]{12}$/),
        url: 'https://json11.example/a',
        title: 'A & B',
        date: '2025-03-03T02:03:03.000Z',
        topics: ['distributed-systems'],
        author: 'Item Author',
        summary: 'Why A and B.',
        words: 6,
        readingMinutes: 1,
      },
    ]);
  });

  it('reads a Hugo search index, with --base-url for a file that has relative links', async () => {
    const articles = await inspectJson(sample('hugo-index.json'));
    expect(articles.map((a) => [a.title, a.date, a.topics, a.summary])).toEqual([
      ['Hugo & the index', '2025-04-04T10:00:00.000Z', ['hugo', 'search'], 'It’s a search index.'],
      ['Undated', null, [], ''],
    ]);
    const relative = writeTmp('index.json', JSON.stringify([{ title: 'R', permalink: '/posts/r/' }]));
    expect((await inspectJson(relative))[0]?.url).toBe('');
    expect((await inspectJson(relative, '--base-url', 'https://site.example/'))[0]?.url).toBe('https://site.example/posts/r/');
  });

  it('reads a Hugo posts folder', async () => {
    const articles = await inspectJson(path.join(repoRoot, 'samples', 'default-blog', 'posts'));
    expect(articles.length).toBeGreaterThan(10);
    expect(articles.filter((a) => a.url.startsWith('https://fieldnotes.example.org/posts/')).length).toBeGreaterThan(10);
    const dates = articles.map((a) => a.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('prints only the JSON array on stdout when run as a command', { timeout: 30_000 }, () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/feed.ts', 'inspect', sample('atom.xml'), '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toHaveLength(2);
  });
});

describe('feed inspect: failures are one line on stderr, naming the problem and where', () => {
  it('malformed XML, with its line', async () => {
    const file = writeTmp('broken.xml', '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</titel>\n</channel></rss>\n');
    const { code, line } = await failure('inspect', file, '--json');
    expect(code).toBe(1);
    expect(line).toMatch(new RegExp(`^feed: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Broken XML at line 4, column \\d+: `));
  });

  it('a JSON value of the wrong type, with its path', async () => {
    const file = writeTmp('feed.json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: { id: 1 } }));
    const { code, line } = await failure('inspect', file, '--json');
    expect(code).toBe(1);
    expect(line).toBe(`feed: ${file}: $.items: expected an array, got an object.`);
    const hugo = writeTmp('index.json', JSON.stringify([{ title: 5 }]));
    expect((await failure('inspect', hugo, '--json')).line).toMatch(/\$\[0\]\.title: expected a string, got a number/);
  });

  it('broken JSON, with its line', async () => {
    const file = writeTmp('feed.json', '{\n  "version": "https://jsonfeed.org/version/1.1",\n  "items": [\n');
    expect((await failure('inspect', file, '--json')).line).toMatch(/: Broken JSON at line \d+, column \d+/);
  });

  it('a missing file, an empty feed, an HTML page, a folder of no posts', async () => {
    const missing = path.join(tmp, 'nope.xml');
    expect(await failure('inspect', missing, '--json')).toEqual({
      code: 2,
      line: `feed: source not found: ${missing} (expected a Hugo posts folder, a feed file or an http(s) URL)`,
    });
    const empty = writeTmp('empty.xml', '<rss version="2.0"><channel><title>T</title></channel></rss>');
    expect((await failure('inspect', empty, '--json')).line).toBe(`feed: ${empty}: the feed has no articles`);
    const html = writeTmp('page.html', '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="https://b.example/index.xml"></head></html>');
    expect((await failure('inspect', html, '--json')).line).toMatch(/This is an HTML page, not a feed\. The page links its feed: use https:\/\/b\.example\/index\.xml instead\.$/);
    const folder = path.join(tmp, 'posts');
    writeTmp('hugo.yaml', 'baseURL: https://x.example/\n');
    rmSync(folder, { recursive: true, force: true });
    await import('node:fs').then((fs) => {
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'a.md'), 'no front matter\n');
      fs.writeFileSync(path.join(folder, 'b.md'), 'nor here\n');
    });
    expect((await failure('inspect', folder, '--json')).line).toMatch(
      /^feed: no articles built \(2 posts read, 0 articles.*\); first problem: .*a\.md:1: no front matter/,
    );
  });
});

describe('feed build from a feed file', () => {
  it('lays the normalised feed out as a valid feed folder', async () => {
    const out = path.join(tmp, 'out');
    const { code, stdout, stderr } = await cli('build', sample('rss.xml'), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Built feed: 2 articles, 1 with a body, 0 warnings, 2 topics, \d+\.\d s → /);
    const manifest = parseManifest(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    expect(manifest).toMatchObject({
      title: 'Sample RSS Blog',
      description: 'Notes on the web & its tools.',
      homepage: 'https://rss.example/',
      language: 'en-gb',
      author: 'The Editor',
      generatedAt: '2023-11-14T22:13:20.000Z',
      articleCount: 2,
      topics: [
        { slug: 'web-dev', name: 'Web Dev', count: 2 },
        { slug: 'html', name: 'HTML', count: 1 },
      ],
    });
    expect(manifest.shards.map((s) => s.key)).toEqual(['2025-06', 'undated']);
    const [dated] = parseShard(JSON.parse(readFileSync(path.join(out, manifest.shards[0]?.href ?? ''), 'utf8')), 'x').articles;
    expect(dated?.body).not.toBeNull();
    expect(readFileSync(path.join(out, dated?.body?.href ?? ''), 'utf8')).toContain('<img src="https://rss.example/img/dialog.png"');
  });

  it('prints the parse warnings on stderr', async () => {
    const file = writeTmp('w.xml', '<rss version="2.0"><channel><title>T</title><item><link>https://a.example/1</link><pubDate>someday</pubDate></item></channel></rss>');
    const { code, stderr } = await cli('build', file, '--out', path.join(tmp, 'out'));
    expect(code).toBe(0);
    expect(stderr).toContain(`${file}: warning: item 1: unreadable date "someday"; left undated.`);
  });

  it('refuses --section for a feed, and --out with inspect', async () => {
    expect((await cli('build', sample('rss.xml'), '--out', tmp, '--section', 'x')).code).toBe(2);
    expect((await cli('inspect', sample('rss.xml'), '--out', tmp)).code).toBe(2);
  });
});

describe('feed sources over http', () => {
  let server: Server;
  let origin: string;
  const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\xe9</title><item><title>\xc9t\xe9</title><link>/ete/</link></item></channel></rss>', 'latin1');

  beforeAll(async () => {
    server = createServer((req, res) => {
      const refused: Record<string, string> = { '/loop-a': '/loop-b', '/loop-b': '/loop-a', '/to-data': 'data:text/xml,<rss/>', '/to-file': 'file:///etc/passwd', '/to-js': 'javascript:alert(1)' };
      if (req.url === '/moved') {
        res.writeHead(301, { location: '/blog/feed.xml' });
        res.end();
      } else if (req.url !== undefined && req.url in refused) {
        res.writeHead(302, { location: refused[req.url] });
        res.end();
      } else if (req.url === '/blog/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(latin1);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches a feed, follows redirects, decodes its declared encoding and resolves links against the final address', async () => {
    const [article] = await inspectJson(`${origin}/moved`);
    expect(article).toMatchObject({ title: 'Été', url: `${origin}/ete/` });
  });

  it('names a redirect loop and a redirect to an address that is not a web page, in one line', async () => {
    expect((await failure('inspect', `${origin}/loop-a`, '--json')).line).toBe(`feed: ${origin}/loop-a: cannot fetch it: it redirects in a loop (back to ${origin}/loop-a)`);
    for (const [path_, scheme] of [['/to-data', 'data:'], ['/to-file', 'file:'], ['/to-js', 'javascript:']]) {
      const { line } = await failure('inspect', `${origin}${path_}`, '--json');
      expect(line).toBe(`feed: ${origin}${path_}: cannot fetch it: it redirects to a ${scheme} address, which is not a web page: Folio does not follow it`);
    }
  });

  it('reports an HTTP error in one line', async () => {
    expect((await failure('inspect', `${origin}/missing.xml`, '--json')).line).toBe(`feed: ${origin}/missing.xml: the server answered HTTP 404 Not Found`);
  });
});
