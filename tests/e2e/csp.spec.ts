import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { waitForList, waitForServiceWorker } from './support/app';
import { repoRoot } from './support/paths';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** The policy as index.html states it (the built page must carry exactly this). */
function sourcePolicy(): string {
  const html = readFileSync(path.join(repoRoot, 'index.html'), 'utf8');
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!policy) throw new Error('index.html has no Content-Security-Policy meta');
  return policy;
}

async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  return () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
}

test('the built app ships its Content Security Policy and runs under it without a violation', async ({ page }) => {
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`));
  const violations = await recordViolations(page);

  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toBe(sourcePolicy());
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toContain('connect-src \'self\' https: http:');

  await waitForList(page);
  // The service worker registers and takes control under the policy (worker-src 'self').
  await waitForServiceWorker(page);

  // The list, a filter, the archive and an article (the body is sanitised HTML under the policy).
  await page.locator('.topic-options input[type="checkbox"]').first().check();
  await waitForList(page);
  await page.locator('.card-title a').first().click();
  await expect(page.getByTestId('article-body')).toBeVisible({ timeout: 30_000 });
  await page.goBack();
  await waitForList(page);
  await page.reload();
  await waitForList(page);

  expect(await violations()).toEqual([]);
  expect(consoleProblems).toEqual([]);
});

test('the policy blocks inline script, inline handlers and javascript: URLs in the built app', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto('/');
  await waitForList(page);
  // Whatever reached the DOM: the policy itself refuses to run it.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __ran?: string[] };
    w.__ran = [];
    const script = document.createElement('script');
    script.textContent = 'window.__ran.push("inline script")';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__ran.push("inline handler")');
    img.src = 'data:image/gif;base64,invalid';
    document.body.append(img);
    const link = document.createElement('a');
    link.href = 'javascript:window.__ran.push("javascript: URL")';
    document.body.append(link);
    link.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    [script, img, link].forEach((el) => el.remove());
    return w.__ran;
  });
  expect(ran).toEqual([]);
  const directives = (await violations()).map((v) => v.directive);
  expect(directives.every((d) => d.startsWith('script-src'))).toBe(true);
  expect(directives).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
});
