import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEFAULT_URL } from '../../playwright.config';
import { cardTitles, waitForFinishedSync, waitForList, watchSyncStatus } from './support/app';
import { repoRoot } from './support/paths';

const post = (title: string, date: string, text: string) => `---\ntitle: "${title}"\ndate: ${date}\ntags: ["Notes"]\n---\n\n${text}\n\n## Part\n\nMore.\n`;

/** A folder of Markdown posts and the feed folder the CLI builds from it, with a change log. */
function postsAndFeed() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-deltas-'));
  const posts = path.join(tmp, 'notes', 'posts');
  const out = path.join(tmp, 'out');
  mkdirSync(posts, { recursive: true });
  return {
    out,
    write: (name: string, title: string, date: string, text: string) => writeFileSync(path.join(posts, `${name}.md`), post(title, date, text)),
    remove: (name: string) => rmSync(path.join(posts, `${name}.md`)),
    build: () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/feed.ts', 'build', posts, '--out', out, '--base-url', 'https://notes.example/'], { cwd: repoRoot, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    },
    dispose: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/**
 * A context whose feed is the folder at `out`, with the paths it asks for recorded in `requests`;
 * while `feed.down` is set, the feed's host does not answer.
 */
async function servingFolder(browser: Browser, out: string, requests: string[], feed = { down: false }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: DEFAULT_URL, serviceWorkers: 'block' });
  await context.route('**/feed/**', (route) => {
    if (feed.down) return route.abort('internetdisconnected');
    const { pathname } = new URL(route.request().url());
    const name = pathname.slice(pathname.indexOf('/feed/') + '/feed/'.length);
    requests.push(name);
    try {
      return route.fulfill({ status: 200, body: readFileSync(path.join(out, ...name.split('/'))) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  return context;
}

/** The delta files among `requests`, without their hashes ("deltas/1-2.json"), sorted. */
const deltaFiles = (requests: string[]): string[] => requests.filter((r) => r.startsWith('deltas/')).map((r) => r.replace(/\.[0-9a-f]{16}\./, '.')).sort();

/** Reloads the page and returns the feed paths it asked for until `settled` and the network are quiet. */
async function reloadFetching(page: Page, requests: string[], settled: () => Promise<void>): Promise<string[]> {
  requests.length = 0;
  await page.reload();
  await settled();
  await page.waitForLoadState('networkidle');
  return [...requests];
}

/** A re-sync after a rebuild fetches the delta, not the shards; the list and the open article follow it. */
test('a rebuilt feed folder syncs through its delta: no shard is fetched, the list and the open article change', async ({ browser }) => {
  const folder = postsAndFeed();
  const { write, build } = folder;
  write('alpha', 'Alpha note', '2026-04-02T10:00:00Z', 'The alpha text.');
  write('beta', 'Beta note', '2026-03-05T10:00:00Z', 'The beta text.');
  write('gamma', 'Gamma note', '2026-02-05T10:00:00Z', 'The gamma text.');
  for (let i = 1; i <= 20; i++) write(`old-${i}`, `Old note ${i}`, `2025-0${(i % 9) + 1}-0${(i % 9) + 1}T10:00:00Z`, `Old text ${i}.`);
  build();

  const requests: string[] = [];
  const context = await servingFolder(browser, folder.out, requests);
  // Settled once the delta's three files are asked for: its index parts may follow its JSON by more
  // than the network's quiet half-second.
  const resynced = (page: Page, delta: string) =>
    reloadFetching(page, requests, () => expect.poll(() => deltaFiles(requests), { timeout: 15_000 }).toEqual([`deltas/${delta}.body`, `deltas/${delta}.json`, `deltas/${delta}.meta`]));
  try {
    const page = await context.newPage();
    await page.goto('/?size=50');
    await waitForList(page);
    expect((await cardTitles(page)).slice(0, 3)).toEqual(['Alpha note', 'Beta note', 'Gamma note']);
    const gammaHref = await page.locator('.card-title', { hasText: 'Gamma note' }).getByRole('link').getAttribute('href');

    // Gamma is open while a rebuild removes it; Alpha is edited and Delta is new.
    await page.goto(gammaHref ?? '/');
    await expect(page.getByTestId('article-body')).toContainText('The gamma text.');
    folder.remove('gamma');
    write('alpha', 'Alpha note, edited', '2026-04-02T10:00:00Z', 'The alpha text, edited.');
    write('delta', 'Delta note', '2026-05-01T10:00:00Z', 'The delta text.');
    build();
    const first = await resynced(page, '1-2');
    expect(first.filter((r) => r.startsWith('index/'))).toEqual([]);
    // The delta and its index, written as the overlay (the next sync that finds nothing newer folds it).
    expect(deltaFiles(first)).toEqual(['deltas/1-2.body', 'deltas/1-2.json', 'deltas/1-2.meta']);
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
    const second = await resynced(page, '2-3');
    expect(second.filter((r) => r.startsWith('index/'))).toEqual([]);
    expect(deltaFiles(second)).toEqual(['deltas/2-3.body', 'deltas/2-3.json', 'deltas/2-3.meta']);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alpha note, third');
    await expect(page.getByTestId('article-body')).toContainText('The alpha text, third time.');
  } finally {
    await context.close();
    folder.dispose();
  }
});

/** Edits spread over every month go into one overlay rather than every shard, and are folded in later. */
test('edits spread over many months sync through the delta and its index alone, show with the feed unreachable, and are folded into the shards on the next sync', async ({ browser }) => {
  const folder = postsAndFeed();
  const { write, build } = folder;
  const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
  for (const m of months) for (const d of [1, 2, 3]) write(`n-${m}-${d}`, `Note ${m} ${d}`, `${m}-0${d}T10:00:00Z`, `Plain text ${m} ${d}.`);
  build();
  const requests: string[] = [];
  const feed = { down: false };
  const context = await servingFolder(browser, folder.out, requests, feed);
  try {
    const page = await context.newPage();
    const statuses = await watchSyncStatus(page);
    const sync = (page: Page) => reloadFetching(page, requests, () => waitForFinishedSync(statuses));
    await page.goto('/?size=50');
    await waitForList(page);
    // Each month's first note retitled, with a word of its own in the body; one note removed.
    for (const m of months) write(`n-${m}-1`, `Note ${m} 1, revised`, `${m}-01T10:00:00Z`, `Revised text with wombats ${m}.`);
    folder.remove('n-2026-01-2');
    build();
    const applied = await sync(page);
    expect(applied.filter((r) => r.startsWith('index/') || r.startsWith('search/'))).toEqual([]);
    expect(applied.filter((r) => r.startsWith('deltas/')).map((r) => r.split('.').at(-1)).sort()).toEqual(['body', 'json', 'meta']);
    await expect(page.locator('.card-title', { hasText: 'Note 2025-11 1, revised' })).toBeVisible();
    const titles = await cardTitles(page);
    expect(titles).toHaveLength(17);
    expect(titles).not.toContain('Note 2026-01 2');
    expect(titles.filter((t) => t.endsWith(', revised'))).toHaveLength(6);

    // The edited bodies are searchable at once: the delta's index has them (typed, so no new load syncs).
    const searchFor = async (word: string): Promise<void> => {
      await page.keyboard.press('/');
      await page.getByRole('searchbox', { name: 'Search articles' }).fill(word);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`6 results for “${word}”`);
    };
    await searchFor('wombats');

    // With the feed unreachable, the list is the synced one, from the store.
    feed.down = true;
    await page.goto('/?size=50');
    await waitForList(page);
    expect(await cardTitles(page)).toEqual(titles);
    feed.down = false;

    // Nothing newer: the next sync folds the overlay into the shards, fetching their indexes and no shard.
    const folded = await sync(page);
    expect(folded.filter((r) => r.startsWith('index/') || r.startsWith('deltas/'))).toEqual([]);
    expect(folded.filter((r) => r.startsWith('search/')).length).toBeGreaterThan(0);
    await waitForList(page);
    expect(await cardTitles(page)).toEqual(titles);
    await searchFor('wombats');
  } finally {
    await context.close();
    folder.dispose();
  }
});
