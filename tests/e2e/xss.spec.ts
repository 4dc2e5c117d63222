/**
 * A hostile feed folder served to the built app. The vectors (tests/corpus/xss-vectors.json, from the
 * OWASP XSS Filter Evasion and PortSwigger cheat sheets) sit in every field a feed folder carries:
 * titles, summaries, authors, topic slugs and display names, article links, and bodies. The app must
 * render the text fields as text, sanitise the bodies, and never run anything.
 *
 * What counts as a failure:
 *  - a dialog (alert/confirm/prompt), or the sentinel window.__xss set by a vector's xss() call;
 *  - an uncaught page error;
 *  - in the DOM: a script outside the app's own, an on* attribute, a javascript:/vbscript:/data: link,
 *    an iframe/frame/object/embed/form/base/meta/link/style in an article body, an external link without
 *    rel="noopener noreferrer";
 *  - a Content Security Policy violation raised by an element of the live page. The policy is the
 *    second line of defence: such a violation means hostile markup reached the DOM past the sanitiser
 *    and the policy had to stop it, a sanitiser failure even though nothing ran. Violations raised for
 *    the document itself are expected and allowed: Chromium reports the inline handlers it meets while
 *    DOMPurify parses the hostile HTML in an inert DOMParser document, where nothing can run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { layoutFeed } from '../../cli/feedFiles';
import type { FeedArticle, FeedTopic } from '../../src/lib/feed/folder';
import { DEFAULT_URL } from '../../playwright.config';
import { waitForList } from './support/app';
import { repoRoot } from './support/paths';

const VECTORS = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'corpus', 'xss-vectors.json'), 'utf8')) as string[];
const PER_BODY = 9;
const BODIES = Math.ceil(VECTORS.length / PER_BODY);
const ARTICLES = Math.ceil(VECTORS.length / 3);

/** Vectors i*3 … i*3+2, so each of titles, summaries, authors and topics carries every vector once. */
const three = (i: number) => VECTORS.slice(i * 3, i * 3 + 3);

function hostileFeed(): { manifest: string; files: Map<string, Buffer> } {
  const topics: FeedTopic[] = VECTORS.map((name, i) => ({ slug: i % 9 === 0 ? `t${i}"><svg onload=xss(${i})>` : `t${i}`, name, count: 1 }));
  const entries = Array.from({ length: ARTICLES }, (_, i) => {
    const article: Omit<FeedArticle, 'body'> = {
      id: `xss-${String(i).padStart(2, '0')}`,
      slug: `xss-${i}`,
      // Every third article links to a javascript: URL; the rest to a plain site.
      url: i % 3 === 1 ? `javascript:xss(${1000 + i})` : `https://hostile.example/p/${i}/`,
      title: three(i).join(' '),
      // Newest first: the articles with bodies come first in the list.
      date: new Date(Date.UTC(2025, 0, ARTICLES - i)).toISOString(),
      topics: topics.slice(i * 3, i * 3 + 3).map((t) => t.slug),
      author: three((i + 1) % ARTICLES).join(' '),
      summary: three((i + 2) % ARTICLES).join(' '),
      summaryTruncated: true,
      words: 100,
      readingMinutes: 1,
    };
    const chunk = VECTORS.slice(i * PER_BODY, (i + 1) * PER_BODY);
    const bodyHtml =
      i < BODIES
        ? `<h2>Vectors ${i * PER_BODY + 1}–${i * PER_BODY + chunk.length}</h2>\n` +
          // Before the vectors: an unclosed <textarea> or <xmp> among them swallows what follows.
          '<p><a href="https://elsewhere.example/">an external link</a> and <a href="#v0">an anchor</a></p>\n' +
          chunk.map((v, k) => `<p id="v${i * PER_BODY + k}">${v}</p>`).join('\n')
        : null;
    return { article, bodyHtml };
  });
  const feed = layoutFeed(entries, {
    title: `${VECTORS[0]} Hostile blog`,
    description: VECTORS[1] ?? '',
    homepage: 'javascript:xss(2000)',
    language: 'en"><script>xss(2001)</script>',
    author: VECTORS[2] ?? null,
    generatedAt: '2025-02-01T00:00:00.000Z',
    topics,
  });
  return { manifest: JSON.stringify(feed.manifest), files: feed.files };
}

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  target: string;
  /** Raised by an element of the live page (see hostileContext). */
  live: boolean;
}

interface Watch {
  dialogs: string[];
  pageErrors: string[];
  violations: () => Promise<Violation[]>;
  fired: () => Promise<unknown>;
}

/** A fresh context (its own IndexedDB, no service worker) that serves the hostile feed folder. */
async function hostileContext(context: BrowserContext): Promise<void> {
  const { manifest, files } = hostileFeed();
  await context.route('**/feed/**', async (route) => {
    const { pathname } = new URL(route.request().url());
    const rel = pathname.slice(pathname.indexOf('/feed/') + '/feed/'.length);
    if (rel === 'manifest.json') return route.fulfill({ status: 200, contentType: 'application/json', body: manifest });
    const bytes = files.get(rel);
    if (bytes === undefined) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: rel.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8', body: bytes });
  });
  // Nothing leaves the machine: vectors point at made-up hosts.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await context.addInitScript(() => {
    const w = window as unknown as { xss: (n?: unknown) => void; __xss?: unknown; __csp: unknown[] };
    w.xss = (n) => {
      w.__xss = n ?? true;
    };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      // A violation raised by an element of this page means hostile markup reached the live DOM. One
      // raised for the document comes from elsewhere: Chromium reports inline handlers it meets while
      // DOMPurify parses the hostile HTML in an inert DOMParser document, where nothing can run.
      const live = e.target instanceof Element && e.target.isConnected;
      const target = e.target instanceof Element ? e.target.outerHTML.slice(0, 200) : `document (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})`;
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, target, live });
    });
  });
}

function watch(page: Page): Watch {
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    dialogs,
    pageErrors,
    violations: () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp),
    fired: () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  };
}

/** Problems in the DOM under `selector`: executable markup, handlers, dangerous URLs. */
async function domProblems(page: Page, selector: string, strict: boolean): Promise<string[]> {
  return page.locator(selector).first().evaluate((root, strictBody) => {
    const problems: string[] = [];
    const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'dynsrc', 'lowsrc', 'srcdoc', 'srcset']);
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const tag = el.tagName.toLowerCase();
      if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith(location.origin)) problems.push(`<script>${el.textContent ?? ''}`);
      if (strictBody && ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'base', 'meta', 'link', 'style', 'input', 'button', 'textarea', 'select'].includes(tag)) {
        problems.push(`<${tag}> in the body`);
      }
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`<${tag} ${attr.name}="${attr.value}">`);
        if (URL_ATTRS.has(name) && /^(?:javascript|vbscript|data):/i.test([...attr.value].filter((c) => c.charCodeAt(0) > 32).join(''))) {
          // A data: image cannot run script; anything else with such a scheme is a failure.
          if (!(tag === 'img' && name === 'src' && /^data:image\/(?:png|gif|jpe?g|webp);/i.test(attr.value))) problems.push(`<${tag} ${attr.name}="${attr.value}">`);
        }
        if (strictBody && name === 'style') problems.push(`<${tag} style="${attr.value}">`);
      }
      if (strictBody && tag === 'a' && el.hasAttribute('href')) {
        const href = el.getAttribute('href') ?? '';
        if (!href.startsWith('#')) {
          const rel = (el.getAttribute('rel') ?? '').split(/\s+/);
          if (!rel.includes('noopener') || !rel.includes('noreferrer') || el.getAttribute('target') !== '_blank') {
            problems.push(`external link without rel="noopener noreferrer" target=_blank: ${el.outerHTML.slice(0, 120)}`);
          }
        }
      }
    }
    return problems;
  }, strict);
}

async function expectNothingRan(page: Page, w: Watch, where: string): Promise<void> {
  expect(w.dialogs, `dialogs (${where})`).toEqual([]);
  expect(w.pageErrors, `page errors (${where})`).toEqual([]);
  expect(await w.fired(), `window.__xss (${where})`).toBeUndefined();
  const violations = await w.violations();
  expect(violations.filter((v) => v.live || !v.target.startsWith('document')), `CSP violations raised by elements (${where})`).toEqual([]);
  test.info().annotations.push({ type: 'csp', description: `${where}: ${violations.length} violation reports in all (sanitiser parses included)` });
}

test.describe('a hostile feed', () => {
  test.describe.configure({ timeout: 180_000 });

  test(`${VECTORS.length} XSS vectors in every field neither run nor reach the DOM`, async ({ browser }) => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(50);
    // A fresh context, not the default one: the hostile feed never touches another test's IndexedDB.
    const context = await browser.newContext({ baseURL: DEFAULT_URL, serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    try {
      await hostileContext(context);
      const page = await context.newPage();
      const w = watch(page);

      await page.goto('/?size=50');
      await waitForList(page);
      await expect(page.locator('.card')).toHaveCount(ARTICLES);

      // Text fields are text: a title shows its vectors literally.
      await expect(page.locator('.card-title').first()).toHaveText(three(0).join(' '));
      await expect(page.locator('.card').first().locator('.meta-line')).toContainText(three(1).join(' '));
      await expect(page.locator('.card-summary').first()).toContainText(three(2).join(' '));
      expect(await domProblems(page, 'body', false)).toEqual([]);
      await expectNothingRan(page, w, 'list');
      // Every topic name: the long tail is on the topics page.
      await page.getByRole('link', { name: /^All \d+ topics, A–Z$/ }).click();
      await expect(page.getByText(VECTORS[4] ?? '', { exact: true }).first()).toBeAttached();
      expect(await domProblems(page, 'body', false)).toEqual([]);
      await expectNothingRan(page, w, 'topics page');
      await page.goto('/?size=50');
      await waitForList(page);

      // Every body (each carries nine vectors), then an article whose link is javascript:.
      for (let i = 0; i < BODIES; i++) {
        await page.locator('.card-title a').nth(i).click();
        const body = page.getByTestId('article-body');
        await expect(body).toBeVisible({ timeout: 30_000 });
        await expect(body.locator('h2').first()).toHaveText(new RegExp(`^Vectors ${i * PER_BODY + 1}–`));
        // Give handlers (onload, onerror, onfocus, animations) time to fire.
        await page.waitForTimeout(300);
        expect(await domProblems(page, '[data-testid="article-body"]', true), `body ${i}`).toEqual([]);
        expect(await domProblems(page, 'body', false), `page with body ${i}`).toEqual([]);
        await expect(body.locator('a[href="https://elsewhere.example/"]')).toHaveAttribute('rel', 'noopener noreferrer');
        await expectNothingRan(page, w, `body ${i}`);
        await page.goBack();
        await waitForList(page);
      }

      // An article without a body whose link is javascript:: with no usable address there is no
      // link to the original at all, rather than one that points back at this page.
      const jsLinked = Array.from({ length: ARTICLES }, (_, i) => i).find((i) => i >= BODIES && i % 3 === 1) ?? -1;
      await page.locator('.card-title a').nth(jsLinked).click();
      await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('link', { name: /original site|original post/ })).toHaveCount(0);
      expect(await page.locator('a[href=""], a[href^="javascript" i]').count()).toBe(0);
      expect(await domProblems(page, 'body', false)).toEqual([]);
      await expectNothingRan(page, w, 'link-only article');
    } finally {
      await context.close();
    }
  });
});
