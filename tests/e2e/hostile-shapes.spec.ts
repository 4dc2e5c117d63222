/**
 * Hostile input, the rest: bad redirects named, UTF-16 without a byte-order mark, look-alike topics,
 * the minor limits, real feed shapes (a wrapped, paged Hugo index with list pages) and the CLI on a
 * bare Hugo folder, whose feed the app then syncs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { sourceIdFor } from '../../src/lib/ingest/sources';
import { DEFAULT_URL } from '../../playwright.config';
import { waitForList } from './support/app';
import { repoRoot } from './support/paths';

const CORS = { 'access-control-allow-origin': '*' };

async function addUrl(page: Page, url: string): Promise<void> {
  await page.goto('/sources');
  await page.getByLabel('Feed address').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

async function addFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('source-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

const jsonFeed = (title: string, items: object[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title, home_page_url: `https://${title.toLowerCase().replace(/\W+/g, '-')}.example/`, items });

test.describe('redirects a browser will not follow', () => {
  let server: Server;
  let origin: string;
  test.beforeAll(async () => {
    const targets: Record<string, string> = { '/loop-a': '/loop-b', '/loop-b': '/loop-a', '/to-data': 'data:application/rss+xml,<rss/>', '/to-js': 'javascript:alert(1)', '/to-file': 'file:///etc/passwd' };
    server = createServer((req, res) => {
      res.writeHead(302, { location: targets[req.url ?? ''] ?? '/loop-a', ...CORS });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a redirect loop and redirects to data:, javascript: or file: say so, and are not called a CORS problem', async ({ page }) => {
    for (const route of ['/loop-a', '/to-data', '/to-js', '/to-file']) {
      await addUrl(page, `${origin}${route}`);
      const outcome = page.getByTestId('add-source-outcome');
      await expect(outcome).toContainText('it redirects, and the redirect could not be followed: a redirect loop, a redirect to an address that is not a web page');
      await expect(outcome).not.toContainText('does not let other sites read its feed (CORS). Host');
    }
    await expect(page.locator('.source-item')).toHaveCount(1);
  });
});

test('a feed file in UTF-16 without a byte-order mark, CJK text included, is read, not called binary', async ({ page }) => {
  const text = jsonFeed('日本語のブログ', [{ id: '1', url: 'https://ja.example/1', title: '最初の記事', content_html: `<p>${'これは長い段落です。'.repeat(60)}</p>` }]);
  await page.goto('/sources');
  await addFile(page, 'ja.json', Buffer.from(text, 'utf16le'));
  await expect(page.getByTestId('add-source-outcome')).toContainText('Added “日本語のブログ”: 1 article');
  const swapped = Buffer.from(jsonFeed('Korean', [{ id: '1', url: 'https://ko.example/1', title: '첫 번째 글', content_html: '<p>한국어</p>' }]), 'utf16le').swap16();
  await addFile(page, 'ko.json', swapped);
  await expect(page.getByTestId('add-source-outcome')).toContainText('Added “Korean”: 1 article');
  await page.goto('/?size=50');
  await waitForList(page);
  await expect(page.locator('.card-title', { hasText: '最初の記事' })).toHaveCount(1);
  await expect(page.locator('.card-title', { hasText: '첫 번째 글' })).toHaveCount(1);
});

test('look-alike topics: invisible characters join the real topic, a Cyrillic look-alike stays apart and says so', async ({ page }) => {
  const items = [['1', 'rust'], ['2', 'ru\u200Bst'], ['3', 'rust\uFE0F'], ['4', 'r\u0443st']].map(([id, tag]) => ({
    id, url: `https://topics.example/${id}`, title: `Post ${id}`, date_published: `2026-03-0${id}T10:00:00Z`, tags: [tag], content_html: '<p>x</p>',
  }));
  await page.goto('/sources');
  await addFile(page, 'topics.json', Buffer.from(jsonFeed('Topics', items)));
  await expect(page.getByTestId('add-source-outcome')).toContainText('Added “Topics”: 4 articles');
  await page.goto(`/?topic=rust&source=${sourceIdFor('file:https://topics.example/')}`);
  await waitForList(page);
  await expect(page.locator('.card-title')).toHaveText(['Post 3', 'Post 2', 'Post 1']);
  await page.goto('/?size=50');
  await waitForList(page);
  await expect(page.locator('.card').filter({ hasText: 'Post 4' }).locator('.topic-links')).toContainText('(mixed scripts)');
});

test('minor limits: 100,000 tags stay bounded on a list page; ids ".", ".." and "" open; a topic slug in capitals filters its own topic', async ({ page }) => {
  const items = [
    { id: 'tags', url: 'https://minor.example/tags', title: 'Many tags', date_published: '2026-03-05T10:00:00Z', tags: Array.from({ length: 100_000 }, (_, i) => `t${i}`), content_html: '<p>x</p>' },
    ...['.', '..', ''].map((id, i) => ({ id, url: `https://minor.example/${i}`, title: `Odd id ${i}`, date_published: `2026-03-0${i + 1}T10:00:00Z`, content_html: `<p>Body ${i}</p>` })),
    { id: 'caps', url: 'https://minor.example/caps', title: 'Capital topic', date_published: '2026-02-01T10:00:00Z', tags: ['Rust'], content_html: '<p>c</p>' },
    { id: 'other', url: 'https://minor.example/other', title: 'Other topic', date_published: '2026-01-01T10:00:00Z', tags: ['Go'], content_html: '<p>o</p>' },
  ];
  await page.goto('/sources');
  await addFile(page, 'minor.json', Buffer.from(jsonFeed('Minor', items)));
  await expect(page.getByTestId('add-source-outcome')).toContainText('Added “Minor”: 6 articles');
  await page.goto('/?size=50');
  await waitForList(page);
  expect(await page.locator('.card').filter({ hasText: 'Many tags' }).locator('.topic-links a').count()).toBeLessThanOrEqual(50);
  expect(await page.locator('a').count()).toBeLessThan(600);
  for (const i of [0, 1, 2]) {
    await page.goto('/?size=50');
    await page.locator('.card-title', { hasText: `Odd id ${i}` }).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Odd id ${i}`);
    await expect(page.getByTestId('article-body')).toContainText(`Body ${i}`);
  }
  await page.goto('/?size=50');
  await page.locator('.card').filter({ hasText: 'Capital topic' }).locator('.topic-links a').click();
  await expect(page).toHaveURL(/topic=rust/);
  await expect(page.locator('.card-title', { hasText: 'Capital topic' })).toHaveCount(1);
  await expect(page.locator('.card-title', { hasText: 'Other topic' })).toHaveCount(0);
});

/** Serves a feed folder from files on disk in place of the bundled one, counting requests per path. */
async function serveFolder(context: BrowserContext, files: (name: string) => string | undefined): Promise<Map<string, number>> {
  const requests = new Map<string, number>();
  await context.route('**/feed/**', (route) => {
    const { pathname } = new URL(route.request().url());
    const name = pathname.slice(pathname.indexOf('/feed/') + '/feed/'.length);
    requests.set(name, (requests.get(name) ?? 0) + 1);
    const body = files(name);
    return body === undefined ? route.fulfill({ status: 404, body: 'not found' }) : route.fulfill({ status: 200, body });
  });
  return requests;
}

test('a shard whose key differs from the manifest\'s is fetched once, not at every sync', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: DEFAULT_URL, serviceWorkers: 'block' });
  try {
    const article = { id: 'a', slug: 'a', url: 'https://keys.example/a/', title: 'Keyed', date: '2026-01-02T00:00:00.000Z', topics: [], author: null, summary: 's', summaryTruncated: false, words: 1, readingMinutes: 1, body: null };
    const files: Record<string, string> = {
      'manifest.json': JSON.stringify({ format: 'folio-feed', version: 1, title: 'Keys', description: '', homepage: null, language: 'en', author: null, generatedAt: '2026-01-03T00:00:00Z', articleCount: 1, topics: [], shards: [{ key: '2026-01', href: 'index/2026-01.x.json', hash: 'x', count: 1 }] }),
      'index/2026-01.x.json': JSON.stringify({ format: 'folio-feed-shard', version: 1, key: '1999-12', articles: [article] }),
    };
    const requests = await serveFolder(context, (name) => files[name]);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('.card-title')).toHaveText(['Keyed']);
    await page.reload();
    await expect(page.locator('.card-title')).toHaveText(['Keyed']);
    await expect.poll(() => requests.get('manifest.json') ?? 0).toBeGreaterThanOrEqual(2);
    await page.waitForLoadState('networkidle');
    expect(requests.get('index/2026-01.x.json')).toBe(1);
  } finally {
    await context.close();
  }
});

test('a wrapped Hugo index with next pages, added by URL, is read through every page; list pages are skipped and counted', async ({ page, context }) => {
  const post = (n: number) => ({ title: `Hugo post ${n}`, permalink: `/posts/${n}/`, date: `2026-01-0${n}T00:00:00Z`, tags: ['Go'], content: `<p>Body ${n}</p>` });
  const listPage = (title: string, permalink: string) => ({ title, permalink, date: '0001-01-01T00:00:00Z', content: '', summary: '' });
  const pages: Record<string, object> = {
    '/index.json': { articles: [post(1), listPage('Tags', '/tags/')], next: '/page/2/index.json' },
    '/page/2/index.json': { articles: [post(2), listPage('Categories', '/categories/')], next: '/page/3/index.json' },
    '/page/3/index.json': { articles: [post(3)] },
  };
  await context.route('https://hugo-pages.example/**', (route) => {
    const body = pages[new URL(route.request().url()).pathname];
    return route.fulfill(body ? { body: JSON.stringify(body), contentType: 'application/json', headers: CORS } : { status: 404, headers: CORS, body: 'no' });
  });
  await addUrl(page, 'https://hugo-pages.example/index.json');
  await expect(page.getByTestId('add-source-outcome')).toContainText('3 articles (2 list or tag pages skipped)');
  await page.goto('/?size=50');
  await waitForList(page);
  for (const n of [1, 2, 3]) await expect(page.locator('.card-title', { hasText: `Hugo post ${n}` })).toHaveCount(1);
});

test('the CLI builds a bare Hugo folder with a warning, and the app syncs what it built', async ({ browser }) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-bare-'));
  const context = await browser.newContext({ baseURL: DEFAULT_URL, serviceWorkers: 'block' });
  try {
    const posts = path.join(tmp, 'my-notes', 'posts');
    mkdirSync(posts, { recursive: true });
    for (const n of [1, 2]) writeFileSync(path.join(posts, `2026-01-0${n}-note-${n}.md`), `---\ntitle: "Bare note ${n}"\ndate: 2026-01-0${n}T10:00:00Z\ntags: ["Notes"]\n---\n\nThe text of note ${n}.\n\n## Part\n\nMore.\n`);
    const out = path.join(tmp, 'out');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/feed.ts', 'build', posts, '--out', out], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('no base URL');
    expect(run.stderr).toContain('"my-notes"');
    await serveFolder(context, (name) => {
      try {
        return readFileSync(path.join(out, ...name.split('/')), 'utf8');
      } catch {
        return undefined;
      }
    });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('.card-title')).toHaveText(['Bare note 2', 'Bare note 1']);
    await page.locator('.card-title', { hasText: 'Bare note 2' }).getByRole('link').click();
    await expect(page.getByTestId('article-body')).toContainText('The text of note 2.');
    // Built without a base URL: no link to an original that does not exist.
    await expect(page.getByRole('link', { name: /original/ })).toHaveCount(0);
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
