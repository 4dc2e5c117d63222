// @vitest-environment jsdom
/**
 * Every body the corpus holds, and bodies past every limit in every format, through the worker's
 * sanitiser: bounded (depth, elements, characters), safe as a browser reads it, every id prefixed.
 */
import { describe, expect, it } from 'vitest';
import { bodyCases } from '../../corpus/bodies';
import { readCase } from '../../corpus/check';
import { fileCases } from '../../corpus/index';
import { cleanBody } from '../../../src/lib/html/clean';
import { MAX_BODY_CHARS, MAX_BODY_DEPTH, MAX_BODY_ELEMENTS } from '../../../src/lib/html/policy';

function checkBody(html: string, name: string): void {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const elements = body.querySelectorAll('*');
  // The table wrapper the sanitiser adds is counted with its table.
  expect(elements.length, name).toBeLessThanOrEqual(MAX_BODY_ELEMENTS * 2);
  expect(html.length, name).toBeLessThanOrEqual(MAX_BODY_CHARS + 10_000);
  expect(body.querySelector('script, style, iframe, object, embed, form, svg, math, base, meta, link'), name).toBeNull();
  for (const element of elements) {
    let depth = 0;
    for (let e: Element | null = element; e && e !== body; e = e.parentElement) depth += 1;
    expect(depth, name).toBeLessThanOrEqual(MAX_BODY_DEPTH);
    for (const { name: attribute, value } of element.attributes) {
      expect(attribute, name).not.toMatch(/^on|^style$/);
      if (attribute === 'id' || attribute === 'name') expect(value, name).toMatch(/^h-/);
      if (attribute === 'href' || attribute === 'src') expect(value, name).toMatch(/^(https?:|mailto:|tel:|#h-|data:image\/)/);
    }
  }
}

function bodiesOf(text: string): { html: string; url: string }[] {
  const outcome = readCase(text);
  if (outcome.kind !== 'parsed') return [];
  return outcome.feed.articles.flatMap((a) => (a.bodyHtml === null ? [] : [{ html: a.bodyHtml, url: a.url }]));
}

describe('corpus bodies through the worker sanitiser', () => {
  it('every body of the hand-written corpus comes out bounded and safe', { timeout: 120_000 }, () => {
    let bodies = 0;
    for (const c of fileCases()) {
      for (const { html, url } of bodiesOf(c.text)) {
        checkBody(cleanBody(html, url).html, c.name);
        bodies += 1;
      }
    }
    expect(bodies).toBeGreaterThan(100);
  });

  it('bodies past every limit, in every format, are parsed, then bounded', { timeout: 120_000 }, () => {
    const cases = bodyCases();
    expect(cases).toHaveLength(16);
    for (const c of cases) {
      const bodies = bodiesOf(c.text);
      expect(bodies, c.name).toHaveLength(1);
      const cleaned = cleanBody(bodies[0]!.html, bodies[0]!.url);
      checkBody(cleaned.html, c.name);
      if (c.name.endsWith('/paragraphs')) expect(cleaned.cut, c.name).toBe(true);
      if (c.name.endsWith('/unclosed-runs') || c.name.endsWith('/clobbering-ids')) expect(cleaned.cut, c.name).toBe(false);
      // A Hugo index's content is read as text: its tags stay text (and 100,000 of them are cut at the character limit).
      if (c.name.startsWith('bodies/hugo/')) continue;
      if (c.name.endsWith('/clobbering-ids')) expect(cleaned.toc).toEqual([{ id: 'h-main', text: 'Main', level: 2 }]);
      if (c.name.endsWith('/nested-divs')) expect(cleaned.html).toContain('the bottom');
    }
  });
});
