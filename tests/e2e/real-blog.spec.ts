import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { REAL_BLOG_URL } from '../../playwright.config';
import { cardTitles, waitForList, waitForServiceWorker } from './support/app';
import { BodyGate } from './support/bodies';
import { parseSeedListing, readFeed } from './support/feedData';
import { realBlogAvailable, realFeedDir, seedListing } from './support/paths';

test.describe('the real blog, built by the CLI', () => {
  test.skip(!realBlogAvailable, 'needs ../shared/data/martinuke0-blog beside the checkout');
  test.use({ baseURL: REAL_BLOG_URL });

  test('the backend tag page matches the blog’s own listing', async ({ page }) => {
    const seed = parseSeedListing(readFileSync(seedListing, 'utf8'));
    expect(seed).toHaveLength(5);
    await page.goto('/?topic=backend&size=5');
    await waitForList(page);

    expect(await cardTitles(page)).toEqual(seed.map((s) => s.title));
    const metas = await page.locator('.card .meta-line').allInnerTexts();
    metas.forEach((meta, i) => {
      const expected = seed[i]!;
      const m = /^(.+?) · (\d+) min · (\d+) words · (.+)$/.exec(meta);
      expect(m, meta).not.toBeNull();
      expect(m![1]).toBe(expected.date);
      expect(Math.abs(Number(m![2]) - expected.minutes)).toBeLessThanOrEqual(1);
      expect(Math.abs(Number(m![3]) - expected.words) / expected.words).toBeLessThanOrEqual(0.05);
      expect(m![4]).toBe(expected.author);
    });
    await expect(page.getByTestId('page-count')).toHaveText('3');
  });

  test('two topics plus a date range give the count the feed holds', async ({ page }) => {
    const { articles } = readFeed(realFeedDir);
    const [from, to] = ['2026-01-01', '2026-03-31'];
    const topics = ['backend', 'rust'];
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
    const expected = articles.filter((a) => {
      // The filter is on the author's day: the instant plus the offset the date was written in.
      const t = a.date === null ? NaN : Date.parse(a.date) + (a.dateOffset ?? 0) * 60_000;
      return t >= start && t < end && a.topics.some((topic) => topics.includes(topic));
    }).length;
    expect(expected).toBeGreaterThan(0);

    await page.goto('/');
    await waitForList(page);
    for (const topic of topics) {
      await page.getByLabel('Find a topic').fill(topic);
      await page.locator('.topic-options label').filter({ hasText: new RegExp(`^\\s*${topic}\\s*\\d+\\s*$`, 'i') }).getByRole('checkbox').check();
    }
    await page.getByLabel('Find a topic').fill('');
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);

    await expect(page).toHaveURL(/topic=backend&topic=rust&from=2026-01-01&to=2026-03-31/);
    await expect(page.getByTestId('total-count')).toHaveText(String(expected));
    // A pasted URL restores the same view.
    await page.goto(`/?topic=backend&topic=rust&from=${from}&to=${to}`);
    await expect(page.getByTestId('total-count')).toHaveText(String(expected));
  });

  test('the last page and back again with browser history; then an article and its contents; then offline', async ({ page, context }) => {
    await page.goto('/?topic=backend&size=5');
    await waitForList(page);
    const firstPage = await cardTitles(page);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Page 3' }).click();
    await expect(page).toHaveURL(/page=3/);
    await expect(page.locator('.pagination [aria-current="page"]')).toHaveText(/3/);
    const lastPage = await cardTitles(page);
    expect(lastPage.length).toBeGreaterThan(0);
    expect(lastPage).not.toEqual(firstPage);

    await page.goBack();
    await expect(page).not.toHaveURL(/page=3/);
    await expect.poll(() => cardTitles(page)).toEqual(firstPage);
    await page.goForward();
    await expect.poll(() => cardTitles(page)).toEqual(lastPage);
    await page.goBack();

    // Open the first article: its table of contents and body.
    await page.locator('.card-title a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstPage[0]!);
    const toc = page.getByRole('navigation', { name: 'Contents' });
    await expect(toc.getByRole('link').first()).toBeVisible();
    expect(await toc.getByRole('link').count()).toBeGreaterThan(3);
    const body = page.getByTestId('article-body');
    await expect(body).toContainText('Kubernetes');
    const secondEntry = toc.getByRole('link').nth(1);
    const target = (await secondEntry.getAttribute('href'))!;
    await secondEntry.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.locator(target)).toBeInViewport();
    // A long post lands in parts; once all of it is in, a section near its end is there and the
    // contents mark it as the one being read.
    await expect(body).toHaveAttribute('aria-busy', 'false');
    const entries = toc.getByRole('link');
    const late = entries.nth((await entries.count()) - 2);
    const lateTarget = (await late.getAttribute('href'))!;
    await late.click();
    await expect(page.locator(lateTarget)).toBeInViewport();
    // Once the scroll settles, the contents mark the last heading above the reading line, a late one.
    const marked = () =>
      page.evaluate(() => {
        const headings = [...document.querySelectorAll<HTMLElement>('[data-testid="article-body"] :is(h2, h3, h4)[id]')];
        const reading = headings.filter((h) => h.getBoundingClientRect().top <= window.innerHeight * 0.3).at(-1);
        const current = document.querySelector('nav [aria-current="location"]')?.getAttribute('href');
        const late = reading !== undefined && headings.indexOf(reading) >= headings.length / 2;
        return late && current === `#${reading.id}` ? 'agree' : `${current} for ${reading?.id}`;
      });
    await expect.poll(marked).toBe('agree');
    // A link to that section, opened anew, lands on it once the part that holds it is in.
    await page.reload();
    await expect(page.getByTestId('article-body')).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator(lateTarget)).toBeInViewport();
    const articleUrl = page.url().replace(/#.*$/, '');

    // Offline: the same list and the same article, from the device alone.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.goto('/?topic=backend&size=5');
    await waitForList(page);
    expect(await cardTitles(page)).toEqual(firstPage);
    await expect(page.locator('.sync-status')).toContainText('Offline');
    await page.goto(articleUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstPage[0]!);
    await expect(page.getByTestId('article-body')).toContainText('Kubernetes');
    await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link').first()).toBeVisible();
  });

  test('make a topic available offline: progress, cancel, restart without fetching twice, then read it all offline', async ({ page, context }) => {
    // It downloads a topic twice and then opens each of its 20-odd articles in turn: 66–90 s in CI
    // runs on two cores, against the default 90 s. Its speed is not what it tests.
    test.slow();
    const topic = 'kubernetes';
    const expected = readFeed(realFeedDir).articles.filter((a) => a.topics.includes(topic) && a.body !== null);
    expect(expected.length).toBeGreaterThan(20);
    // Bodies wait at the gate until the test lets them through, so every step below is deterministic.
    const gate = await BodyGate.on(page, 0);
    await page.goto(`/offline?topic=${topic}`);
    // A first visit: the estimate follows the blog's first sync.
    await expect(page.getByTestId('estimate-filter')).toContainText(`${expected.length} articles with text · ${expected.length} to download`, { timeout: 30_000 });

    await page.getByRole('button', { name: 'Download this filter' }).click();
    const panel = page.getByTestId('download-progress');
    const bar = panel.getByRole('progressbar');
    await expect(bar).toHaveAttribute('max', String(expected.length));
    await expect(bar).toHaveAttribute('value', '0');
    gate.allow(2);
    await expect(bar).toHaveAttribute('value', '2');
    await expect(page.getByTestId('progress-counts')).toHaveText(new RegExp(`^2 of ${expected.length} articles · `));
    gate.allow(3);
    await expect(bar).toHaveAttribute('value', '5');

    // Four more are on their way (the download runs four at a time); cancelling lets them land.
    await expect.poll(() => gate.totalRequested()).toBe(9);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toContainText('Stopping after the articles already on their way');
    gate.allow(4);
    await expect(panel.getByRole('status')).toHaveText(/^Cancelled\. 9 articles were stored/);
    expect(gate.totalRequested()).toBe(9);
    await expect(page.getByTestId('estimate-filter')).toContainText(`${expected.length - 9} to download`);

    gate.allow(Infinity);
    await page.getByRole('button', { name: 'Download this filter' }).click();
    await expect(panel.getByRole('status')).toHaveText(new RegExp(`^Done: ${expected.length - 9} articles downloaded`));
    expect(gate.duplicates()).toEqual([]);
    expect(gate.totalRequested()).toBe(expected.length);
    expect([...gate.requested.keys()].map((url) => new URL(url).pathname.replace(/^\/feed\//, '')).sort()).toEqual(expected.map((a) => a.body!.href).sort());

    // Offline, every article of the topic opens with its text, walking the list with "Next".
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.goto(`/?topic=${topic}&size=5`);
    await waitForList(page);
    await page.locator('.card-title a').first().click();
    const seen: string[] = [];
    const heading = page.locator('#article-title');
    for (;;) {
      const title = await heading.innerText();
      await expect(page.getByTestId('article-body')).toBeVisible();
      seen.push(title);
      const next = page.getByRole('navigation', { name: 'More articles in this list' }).getByRole('link', { name: /^Next/ });
      if ((await next.count()) === 0) break;
      await next.click();
      await expect(heading).not.toHaveText(title);
    }
    expect(seen.sort()).toEqual(expected.map((a) => a.title).sort());
    // Reading them offline asked the network for nothing.
    expect(gate.totalRequested()).toBe(expected.length);
  });
});
