/**
 * Full-text search through the UI: the header box, ranked and marked results with snippets, `?q=`
 * in history, search with the filters, offline, the judged queries on the real blog, and a hostile
 * feed whose text is searched and shown without anything running.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ANSWER_FIRST_CARDS } from '../../src/app/list/answerStages.svelte';
import { parseShard } from '../../src/lib/feed/shard';
import { DEFAULT_PARAMS } from '../../src/lib/list/params';
import { tokenize } from '../../src/lib/search/tokenize';
import { DEFAULT_URL, REAL_BLOG_URL } from '../../playwright.config';
import { waitForList, waitForServiceWorker } from './support/app';
import { readFeed } from './support/feedData';
import { hostileFeed, keysShown, search, serveFeed } from './support/search';
import { defaultFeedDir, realBlogAvailable, realFeedDir, repoRoot, screenshotDir } from './support/paths';
import { axeViolations } from './support/axe';

const feed = readFeed(defaultFeedDir);
/** The feed's title words long enough to mean something, most used first. */
function titleWords(): string[] {
  const counts = new Map<string, number>();
  for (const a of feed.articles) for (const t of new Set(tokenize(a.title).map((x) => x.term))) if (t.length >= 5) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}
const titleWord = (): string => titleWords()[0]!;

test('focusing the box readies the index: the search worker starts before the first key', async ({ page }) => {
  const word = titleWord();
  await page.goto('/');
  await waitForList(page);
  const cdp = await page.context().newCDPSession(page);
  const searchWorkers = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'worker' && t.title === 'folio-search').length;
  // Nothing searched yet: no worker, no index in memory.
  expect(await searchWorkers()).toBe(0);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search articles' })).toBeFocused();
  await expect.poll(searchWorkers).toBe(1);
  // The readied worker answers the first words typed; no second worker is started for them.
  await page.keyboard.type(`${word} `);
  await expect(page.locator(`ol.article-list[data-query="${word} "]`)).toBeVisible();
  expect(await searchWorkers()).toBe(1);
});

test('typing shows ranked results with marked titles and snippets; the reader marks the words', async ({ page }) => {
  const word = titleWord();
  await page.goto('/');
  await waitForList(page);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await expect(box).toBeFocused();
  // Typed a key at a time, the list follows without a history entry per keystroke.
  const entries = await page.evaluate(() => history.length);
  await box.pressSequentially(word, { delay: 40 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}(&|$)`));
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible();
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(entries + 1);
  const total = feed.articles.filter((a) => tokenize(a.title).some((t) => t.term === word)).length;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^\\d+ results? for “${word}”$`));
  // Title matches rank first: the first cards have the word in their titles, marked.
  const firstTitles = page.locator('.card-title').first();
  await expect(firstTitles.locator('mark').first()).toHaveText(new RegExp(`^${word}$`, 'i'));
  expect(await page.locator('.card-title mark').count()).toBeGreaterThanOrEqual(Math.min(total, 10));
  await expect(page.getByTestId('snippet').first()).toBeVisible();
  await expect(page.getByTestId('snippet').locator('mark').first()).toBeVisible();
  // Escape clears the box and the search.
  await box.press('Escape');
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All articles');

  await search(page, word);
  const first = page.locator('.card-title a').first();
  await expect(first).toHaveAttribute('href', new RegExp(`[?&]q=${word}`));
  await first.click();
  await expect(page.getByTestId('article-body')).toBeVisible();
  await expect(page.locator('.prose mark.search-hit').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Go to the first' })).toBeVisible();
  await page.getByRole('button', { name: 'Go to the first' }).click();
  await expect(page.locator('.prose mark.search-hit.current')).toBeInViewport();
});

/** The cards the list's page holds once whole: its size, or the results' count when fewer. */
async function shownOnPage(page: Page): Promise<number> {
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  const found = Number(heading.match(/^([\d,]+) results? for/)?.[1]?.replace(/,/g, ''));
  return Math.min(Number(new URL(page.url()).searchParams.get('size') ?? DEFAULT_PARAMS.size), found);
}

type Named = { q: string; keys: string[] }[];

/** In the page: records the cards the list holds each time it names a new query. */
function recordNamedCards(): void {
  const seen: Named = [];
  (window as unknown as { named: Named }).named = seen;
  new MutationObserver(() => {
    const list = document.querySelector('ol.article-list');
    const q = list?.getAttribute('data-query');
    if (!list || !q || seen.at(-1)?.q === q) return;
    seen.push({ q, keys: [...list.querySelectorAll<HTMLElement>('.card')].map((c) => c.dataset.key ?? '') });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
}

/** Records the named cards from now on (`atStart`: from the next document's start instead). */
async function watchNamedCards(page: Page, atStart = false): Promise<() => Promise<Named>> {
  await (atStart ? page.addInitScript(recordNamedCards) : page.evaluate(recordNamedCards));
  return () => page.evaluate(() => (window as unknown as { named: Named }).named);
}

test('the list names the search whose cards it shows, never the last search’s cards', async ({ page }) => {
  const [first, second] = titleWords() as [string, string];
  await page.goto(`/?q=${first}`);
  await expect(page.locator(`ol.article-list[data-query="${first}"]`)).toBeVisible({ timeout: 30_000 });
  const firstKeys = await keysShown(page);
  // Every query the list names, with the cards it holds at that moment.
  const named = await watchNamedCards(page);
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill(second);
  await box.press('Enter');
  await expect(page.locator(`ol.article-list[data-query="${second}"]`)).toBeVisible({ timeout: 30_000 });
  // A newly typed query's answer may draw its first cards a frame before the rest (below).
  const wanted = await shownOnPage(page);
  await expect.poll(() => keysShown(page).then((keys) => keys.length)).toBe(wanted);
  const secondKeys = await keysShown(page);
  expect(secondKeys).not.toEqual(firstKeys);
  expect((await named()).find((s) => s.q === second)?.keys).toEqual(secondKeys.slice(0, Math.min(wanted, ANSWER_FIRST_CARDS)));
  await expect(box).toHaveValue(second);
});

test('a newly typed query draws its first cards in one frame and the rest after it; a list opened on a search draws whole', async ({ page }) => {
  const [word, other] = titleWords() as [string, string];
  await page.goto(`/?q=${other}`);
  await expect(page.locator(`ol.article-list[data-query="${other}"]`)).toBeVisible({ timeout: 30_000 });
  const named = await watchNamedCards(page);
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill(word);
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible({ timeout: 30_000 });
  const wanted = await shownOnPage(page);
  expect(wanted).toBeGreaterThan(ANSWER_FIRST_CARDS);
  await expect.poll(() => keysShown(page).then((keys) => keys.length)).toBe(wanted);
  const keys = await keysShown(page);
  expect((await named()).find((s) => s.q === word)?.keys).toEqual(keys.slice(0, ANSWER_FIRST_CARDS));
  // The same search opened afresh (a reload, or Back from an article) draws every card at once.
  const again = await watchNamedCards(page, true);
  await page.reload();
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible({ timeout: 30_000 });
  expect((await again()).find((s) => s.q === word)?.keys).toEqual(keys);
});

test('after Escape, new words never bring back the last search’s results', async ({ page }) => {
  const first = titleWord();
  await page.goto(`/?q=${first}`);
  await expect(page.locator(`ol.article-list[data-query="${first}"]`)).toBeVisible({ timeout: 30_000 });
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.focus();
  await box.press('Escape');
  await expect(page.locator('ol.article-list:not([data-query])')).toBeVisible();
  // Every query the list names from here on, however briefly.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-query]')) seen.push(el.getAttribute('data-query') ?? '');
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
  });
  // The same word's first letters: its answer is a prefix search, not the last search's.
  const typed = first.slice(0, 2);
  await page.keyboard.type(typed);
  await expect(page.locator(`ol.article-list[data-query="${typed}"]`)).toBeVisible({ timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen).toContain(typed);
  expect(seen).not.toContain(first);
});

test('?q= survives reload and back/forward, and combines with a topic and a date range', async ({ page }) => {
  const word = titleWord();
  await page.goto(`/?q=${word}&size=50`);
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible({ timeout: 30_000 });
  // The first sync stores the index's body parts after the list: until then the results say they
  // cover titles and summaries only, and once the parts are in, the same search shows body words too.
  await expect(page.getByTestId('search-note')).toHaveCount(0, { timeout: 30_000 });
  const all = await keysShown(page);
  expect(all.length).toBeGreaterThan(1);
  // A topic and a month both held by some of the hits.
  const byKey = new Map(feed.articles.map((a) => [`default/${a.id}`, a]));
  const inTopicOf = (slug: string) => all.filter((k) => byKey.get(k)!.topics.includes(slug)).length;
  const countOf = (slug: string) => feed.manifest.topics.find((t) => t.slug === slug)!.count;
  // A topic some of whose articles do not match, so its count must change with the query.
  const topic = [...new Set(all.flatMap((k) => byKey.get(k)!.topics))].find((slug) => inTopicOf(slug) < countOf(slug))!;
  expect(topic).toBeDefined();
  const hit = byKey.get(all.find((k) => byKey.get(k)!.topics.includes(topic))!)!;
  const month = hit.date!.slice(0, 7);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const [from, to] = [`${month}-01`, `${month}-${last}`];
  const expected = all.filter((k) => byKey.get(k)!.topics.includes(topic) && byKey.get(k)!.date!.slice(0, 10) >= from && byKey.get(k)!.date!.slice(0, 10) <= to);

  // Topic counts follow the query: the topic counts the hits it holds, not all its articles.
  const topicName = feed.manifest.topics.find((t) => t.slug === topic)!.name;
  const inTopic = inTopicOf(topic);
  const box = page.getByRole('checkbox', { name: new RegExp(`^${topicName} ${inTopic} articles`) });
  await expect(box).toBeVisible();
  await box.check();
  await expect(page).toHaveURL(new RegExp(`q=${word}.*topic=${topic}`));
  await page.goto(`/?q=${word}&topic=${topic}&from=${from}&to=${to}&size=50`);
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible({ timeout: 30_000 });
  expect(await keysShown(page)).toEqual(expected);
  // Topic counts follow the query: the chosen topic counts only the hits within the dates.
  await page.reload();
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible({ timeout: 30_000 });
  expect(await keysShown(page)).toEqual(expected);
  await expect(page.getByRole('searchbox', { name: 'Search articles' })).toHaveValue(word);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`q=${word}&topic=${topic}&size=50$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`q=${word}&size=50$`));
  // History moves within the page: the URL changes a moment before the list runs the new filters.
  await expect.poll(() => keysShown(page)).toEqual(all);
  await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`q=${word}&topic=${topic}&size=50$`));
  await expect(page.getByRole('searchbox', { name: 'Search articles' })).toHaveValue(word);
  await expect.poll(() => keysShown(page)).toEqual(all.filter((k) => byKey.get(k)!.topics.includes(topic)));
});

test('no results: says so, offers the index’s own words, and clears the filters', async ({ page }) => {
  const word = titleWord();
  // Two letters wrong in a short word: past typo tolerance, within "did you mean".
  const typo = `${word.slice(0, -2)}qq`;
  await page.goto(`/?q=${typo}%20&topic=${feed.manifest.topics[0]!.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: `No results for “${typo}” with these filters` })).toBeVisible({ timeout: 30_000 });
  // One heading says it: the answer below does not repeat it.
  await expect(page.getByRole('heading', { name: new RegExp(typo) })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Clear the filters' })).toBeVisible();
  await expect(page.getByRole('link', { name: word, exact: true })).toHaveAttribute('href', new RegExp(`q=${word}&`));
  await page.getByRole('link', { name: word, exact: true }).click();
  await expect(page.locator(`ol.article-list[data-query="${word}"], .empty-state`).first()).toBeVisible();
  await page.goto('/?q=zzqxjvk%20');
  await expect(page.getByRole('heading', { level: 1, name: 'No results for “zzqxjvk”' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /zzqxjvk/ })).toHaveCount(1);
  // The answer names its query, as the list of results does.
  await expect(page.locator('.empty-state')).toHaveAttribute('data-query', 'zzqxjvk ');
  await expect(page.getByRole('link', { name: 'Clear the search' })).toBeVisible();
  // No article to count topics in: the topic filter says so, and quotes no empty topic search.
  const topics = page.getByRole('group', { name: 'Topics' });
  await expect(topics).toContainText('No topics among the results.');
  await expect(topics).not.toContainText('No topic matches');
  expect(await axeViolations(page)).toEqual([]);
});

test('a search during the first sync says it covers the articles stored so far, until the sync is done', async ({ page }) => {
  const newestShard = feed.manifest.shards[0]!;
  const newest = path.basename(newestShard.href);
  const stored = parseShard(JSON.parse(readFileSync(path.join(defaultFeedDir, newestShard.href), 'utf8')), newestShard.href).articles;
  // A word of a title stored first: that search finds it while the rest are held back.
  const word = tokenize(stored[0]!.title).map((t) => t.term).find((t) => t.length >= 5)!;
  // Only the newest shard arrives; the others wait, so the first sync is still storing.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/feed/index/*.json', async (route) => {
    if (!route.request().url().endsWith(newest)) await held;
    await route.continue();
  });
  await page.goto('/?q=zzqxjvk%20');
  const empty = page.locator('.empty-state[data-query]');
  await expect(page.getByRole('heading', { level: 1, name: 'No results for “zzqxjvk”' })).toBeVisible({ timeout: 30_000 });
  await expect(empty).toContainText('Articles are still being stored: this search covers those stored so far');
  // Results found so far say the same.
  await search(page, `${word} `);
  const note = page.getByTestId('search-note');
  await expect(note).toContainText('Articles are still being stored: these results cover those stored so far');
  release();
  await expect(page.locator('.sync-status')).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });
  await expect(page.locator(`ol.article-list[data-query="${word} "]`)).toBeVisible();
  await expect(page.getByText('still being stored')).toHaveCount(0, { timeout: 30_000 });
  await page.goto('/?q=zzqxjvk%20');
  await expect(page.getByRole('heading', { level: 1, name: 'No results for “zzqxjvk”' })).toBeVisible({ timeout: 30_000 });
  await expect(empty).not.toContainText('still being stored');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`results are axe-clean; screenshots at 390 and 1280 px, ${scheme}`, async ({ page }) => {
    const word = titleWord();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(`/?q=${word}`);
      await expect(page.locator(`ol.article-list[data-query="${word}"]`)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('snippet').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(page), `${scheme} ${width}`).toEqual([]);
      await page.screenshot({ path: path.join(screenshotDir, `search-${scheme}-${width}.png`) });
      if (width === 390) {
        // The phone's header keeps its height with the box open.
        const header = page.locator('.app-header');
        const height = (await header.boundingBox())!.height;
        await page.keyboard.press('/');
        await expect(page.getByRole('searchbox', { name: 'Search articles' })).toBeVisible();
        expect((await header.boundingBox())!.height).toBe(height);
        await page.screenshot({ path: path.join(screenshotDir, `search-box-${scheme}-${width}.png`), clip: { x: 0, y: 0, width, height: 300 } });
        await page.keyboard.press('Escape');
      }
    }
  });
}

interface Judged {
  query: string;
  kind: string;
  expect: string;
}
const judged = (): Judged[] => (JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'search', 'judged.json'), 'utf8')) as { queries: Judged[] }).queries;

test.describe('the real blog', () => {
  test.skip(!realBlogAvailable, 'needs ../shared/data/martinuke0-blog');
  test.use({ baseURL: REAL_BLOG_URL });
  test.describe.configure({ timeout: 300_000 });

  test('offline, a cold start finds an article by words only in its text', async ({ page, context }) => {
    const source = readFeed(realFeedDir);
    const byId = new Map(source.articles.map((a) => [a.id, a]));
    // A judged "body" query none of whose words is in its article's title, summary, topics or author.
    const { query, expect: id } = judged().find((j) => {
      const a = byId.get(j.expect);
      if (j.kind !== 'body' || !a) return false;
      const meta = new Set(tokenize([a.title, a.summary, a.author ?? '', a.topics.join(' ')].join(' ')).map((t) => t.term));
      return tokenize(j.query).every((t) => !meta.has(t.term));
    })!;
    await page.goto('/');
    await waitForList(page);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const cold = await context.newPage();
    await cold.goto(`/?q=${encodeURIComponent(query)}&size=50`);
    await expect(cold.locator('.sync-status')).toHaveAttribute('data-sync-state', 'offline');
    const card = cold.locator(`.card[data-key$="/${id}"]`);
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(cold.getByTestId('search-note')).toHaveCount(0);
    await context.setOffline(false);
  });

  test('the judged queries find their article in the first 5 for at least 90%', async ({ page }) => {
    const queries = judged();
    const source = readFeed(realFeedDir);
    expect(source.articles.length).toBeGreaterThan(1000);
    await page.goto('/?size=5');
    await waitForList(page);
    const misses: string[] = [];
    for (const { query, expect: id } of queries) {
      await search(page, query);
      const top = (await keysShown(page)).map((k) => k.slice(k.indexOf('/') + 1));
      if (!top.includes(id)) misses.push(`${query.trim()} → ${top.join(', ')}`);
    }
    console.log(`judged through the UI: ${queries.length - misses.length}/${queries.length} in the top 5`, misses);
    expect((queries.length - misses.length) / queries.length).toBeGreaterThanOrEqual(0.9);
  });
});

test.describe('a hostile feed', () => {
  test('is searchable, and nothing runs in results, snippets or marks', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: DEFAULT_URL, serviceWorkers: 'block' });
    await serveFeed(context, hostileFeed());
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await context.addInitScript(() => {
      (window as unknown as { xss: (n?: unknown) => void }).xss = (n) => ((window as unknown as { __xss: unknown }).__xss = n ?? true);
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await waitForList(page);
    // Words of the vectors are found in titles, summaries and bodies, and marked as text.
    for (const query of ['alert', 'onerror img']) {
      await search(page, query);
      await expect(page.locator('.card').first()).toBeVisible();
    }
    for (const query of ['zebrafish', 'script ']) {
      await search(page, query);
      await expect(page.locator('.card-title mark').first()).toBeVisible();
    }
    await search(page, 'zebrafish swims');
    await expect(page.getByTestId('snippet').first()).toContainText('zebrafish');
    // Feed text in titles, summaries and snippets is text and marks, nothing else.
    const problems = await page.locator('.card-title, .card-summary, [data-testid="snippet"]').evaluateAll((roots) =>
      roots.flatMap((root) =>
        [...root.querySelectorAll('*')].flatMap((el) => [
          ...(['A', 'MARK'].includes(el.tagName) ? [] : [`<${el.tagName}>`]),
          ...[...el.attributes].filter((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)).map((a) => `${el.tagName} ${a.name}`),
        ]),
      ),
    );
    expect(problems).toEqual([]);
    expect(await page.locator('.card-title mark, [data-testid="snippet"] mark').count()).toBeGreaterThan(0);
    await page.locator('.card-title a').first().click();
    await expect(page.locator('.prose mark.search-hit').first()).toBeVisible();
    const bodyMarks = await page.locator('.prose mark.search-hit').evaluateAll((marks) => marks.map((m) => m.outerHTML));
    expect(bodyMarks.every((m) => /^<mark class="search-hit">[^<]*<\/mark>$/.test(m))).toBe(true);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await context.close();
  });
});
