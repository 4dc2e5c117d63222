import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_URL } from '../../playwright.config';
import { cardTitles, waitForList } from './support/app';
import { repoRoot } from './support/paths';

const post = (title: string, date: string, text: string) => `---\ntitle: "${title}"\ndate: ${date}\ntags: ["Notes"]\n---\n\n${text}\n\n## Part\n\nMore.\n`;

/** A re-sync after a rebuild fetches the delta, not the shards; the list and the open article follow it. */
test('a rebuilt feed folder syncs through its delta: no shard is fetched, the list and the open article change', async ({ browser }) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-deltas-'));
  const posts = path.join(tmp, 'notes', 'posts');
  const out = path.join(tmp, 'out');
  mkdirSync(posts, { recursive: true });
  const write = (name: string, title: string, date: string, text: string) => writeFileSync(path.join(posts, `${name}.md`), post(title, date, text));
  const build = () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/feed.ts', 'build', posts, '--out', out, '--base-url', 'https://notes.example/'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  };
  write('alpha', 'Alpha note', '2026-04-02T10:00:00Z', 'The alpha text.');
  write('beta', 'Beta note', '2026-03-05T10:00:00Z', 'The beta text.');
  write('gamma', 'Gamma note', '2026-02-05T10:00:00Z', 'The gamma text.');
  for (let i = 1; i <= 20; i++) write(`old-${i}`, `Old note ${i}`, `2025-0${(i % 9) + 1}-0${(i % 9) + 1}T10:00:00Z`, `Old text ${i}.`);
  build();

  const context = await browser.newContext({ baseURL: DEFAULT_URL, serviceWorkers: 'block' });
  const requests: string[] = [];
  await context.route('**/feed/**', (route) => {
    const { pathname } = new URL(route.request().url());
    const name = pathname.slice(pathname.indexOf('/feed/') + '/feed/'.length);
    requests.push(name);
    try {
      return route.fulfill({ status: 200, body: readFileSync(path.join(out, ...name.split('/'))) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  const resynced = async (page: Page): Promise<string[]> => {
    requests.length = 0;
    await page.reload();
    await expect.poll(() => requests.some((r) => r.startsWith('deltas/'))).toBe(true);
    await page.waitForLoadState('networkidle');
    return [...requests];
  };
  try {
    const page = await context.newPage();
    await page.goto('/?size=50');
    await waitForList(page);
    expect((await cardTitles(page)).slice(0, 3)).toEqual(['Alpha note', 'Beta note', 'Gamma note']);
    const gammaHref = await page.locator('.card-title', { hasText: 'Gamma note' }).getByRole('link').getAttribute('href');

    // Gamma is open while a rebuild removes it; Alpha is edited and Delta is new.
    await page.goto(gammaHref ?? '/');
    await expect(page.getByTestId('article-body')).toContainText('The gamma text.');
    rmSync(path.join(posts, 'gamma.md'));
    write('alpha', 'Alpha note, edited', '2026-04-02T10:00:00Z', 'The alpha text, edited.');
    write('delta', 'Delta note', '2026-05-01T10:00:00Z', 'The delta text.');
    build();
    const first = await resynced(page);
    expect(first.filter((r) => r.startsWith('index/'))).toEqual([]);
    expect(first.filter((r) => r.startsWith('deltas/'))).toEqual([expect.stringMatching(/^deltas\/1-2\./)]);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article not found');
    await expect(page.getByText('It may have been removed from the feed.')).toBeVisible();

    await page.goto('/?size=50');
    await waitForList(page);
    expect((await cardTitles(page)).slice(0, 3)).toEqual(['Delta note', 'Alpha note, edited', 'Beta note']);
    expect(await cardTitles(page)).not.toContain('Gamma note');

    // Alpha is open while a rebuild edits it again: after the re-sync it shows the new text.
    await page.locator('.card-title', { hasText: 'Alpha note, edited' }).getByRole('link').click();
    await expect(page.getByTestId('article-body')).toContainText('The alpha text, edited.');
    write('alpha', 'Alpha note, third', '2026-04-02T10:00:00Z', 'The alpha text, third time.');
    build();
    const second = await resynced(page);
    expect(second.filter((r) => r.startsWith('index/'))).toEqual([]);
    expect(second.filter((r) => r.startsWith('deltas/'))).toEqual([expect.stringMatching(/^deltas\/2-3\./)]);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alpha note, third');
    await expect(page.getByTestId('article-body')).toContainText('The alpha text, third time.');
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
