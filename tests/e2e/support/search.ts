import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { layoutFeed } from '../../../cli/feedFiles';
import type { FeedArticle } from '../../../src/lib/feed/folder';
import { repoRoot } from './paths';

/** Types a query into the header box, sends it, and waits for its results. */
export async function search(page: Page, query: string): Promise<void> {
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search articles' })).toBeFocused();
  await page.getByRole('searchbox', { name: 'Search articles' }).fill(query);
  await page.keyboard.press('Enter');
  await expect(page.locator(`ol.article-list[data-query="${query.replace(/"/g, '\\"')}"], .empty-state`).first()).toBeVisible({ timeout: 20_000 });
}

export const keysShown = (page: Page) => page.locator('.card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.key ?? ''));

/** Each XSS vector in a title, an author, a summary and a body, beside words to search for. */
export function hostileFeed(): ReturnType<typeof layoutFeed> {
  const vectors = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'corpus', 'xss-vectors.json'), 'utf8')) as string[];
  const entries = vectors.map((vector, i) => ({
    article: {
      id: `xss-${i}`, slug: `xss-${i}`, url: `https://hostile.example/p/${i}/`, title: `Zebrafish ${vector}`,
      date: new Date(Date.UTC(2025, 0, 1 + (i % 28))).toISOString(), topics: ['t'], author: vector,
      summary: `${vector} zebrafish summary`, summaryTruncated: false, words: 10, readingMinutes: 1,
    } satisfies Omit<FeedArticle, 'body'>,
    bodyHtml: `<p>Before ${vector} the zebrafish swims, script alert onerror img svg.</p><p>${vector}</p>`,
  }));
  return layoutFeed(entries, { title: 'Hostile', description: '', homepage: 'https://hostile.example/', language: 'en', author: null, generatedAt: '2025-02-01T00:00:00.000Z', topics: [{ slug: 't', name: 'T', count: entries.length }] });
}

/** Serves a feed folder built in memory as the app's `feed/`, in this context only. */
export async function serveFeed(context: BrowserContext, built: ReturnType<typeof layoutFeed>): Promise<void> {
  const manifest = JSON.stringify(built.manifest);
  await context.route('**/feed/**', async (route) => {
    const { pathname } = new URL(route.request().url());
    const rel = pathname.slice(pathname.indexOf('/feed/') + '/feed/'.length);
    if (rel === 'manifest.json') return route.fulfill({ status: 200, contentType: 'application/json', body: manifest });
    const bytes = built.files.get(rel);
    return bytes === undefined ? route.fulfill({ status: 404, body: 'not found' }) : route.fulfill({ status: 200, body: bytes });
  });
}
