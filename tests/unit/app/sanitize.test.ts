// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import DOMPurify from 'dompurify';
import { describe, expect, it } from 'vitest';
import { cleanBody } from '../../../src/lib/html/clean';
import { MAX_BODY_CHARS, MAX_BODY_DEPTH, MAX_BODY_ELEMENTS } from '../../../src/lib/html/policy';
import { recheckBody } from '../../../src/lib/html/sanitize';

const URL_ = 'https://blog.test/posts/a/';
const VECTORS = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../corpus/xss-vectors.json'), 'utf8')) as string[];

const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;

function depthOf(root: Element): number {
  let max = 0;
  const walk = (element: Element, depth: number) => {
    max = Math.max(max, depth);
    for (const child of element.children) walk(child, depth + 1);
  };
  walk(root, 0);
  return max;
}

/** Nothing in the HTML can run script or leave the page's control, as the browser reads it. */
function expectSafe(html: string): void {
  const body = parse(html);
  expect(body.querySelector('script, style, iframe, frame, object, embed, form, input, button, textarea, select, base, meta, link, svg, math, template')).toBeNull();
  for (const element of body.querySelectorAll('*')) {
    for (const { name, value } of element.attributes) {
      expect(name, html).not.toMatch(/^on|^style$|^srcset$|^formaction$/i);
      if (['href', 'src', 'poster', 'cite'].includes(name)) {
        const ok = /^(https?:|mailto:|tel:|#h-)/.test(value) || (element.localName === 'img' && name === 'src' && /^data:image\//.test(value));
        expect(ok, `${name}="${value}"`).toBe(true);
      }
      if (name === 'id' || name === 'name') expect(value.startsWith('h-'), `${name}="${value}"`).toBe(true);
    }
  }
}

describe('cleanBody (the worker sanitiser)', () => {
  it('removes scripts, handlers, javascript: links, iframes, forms, base, meta, SVG and MathML', () => {
    const { html } = cleanBody(
      `<p onclick="alert(1)">Hi<script>alert(2)</script></p><a href="javascript:alert(3)">x</a>
       <iframe src="https://evil.test"></iframe><form action="/x"><input name="q"></form>
       <base href="https://evil.test/"><meta http-equiv="refresh" content="0"><img src=x onerror="alert(4)">
       <svg><script>alert(5)</script><a xlink:href="javascript:alert(6)">s</a></svg><math><mi xlink:href="javascript:alert(7)">m</mi></math>`,
      URL_,
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|<form|<input|<base|<meta|<svg|<math/i);
    expect(html).toContain('Hi');
    expectSafe(html);
  });

  it('leaves every XSS vector of the corpus harmless, as a browser reads the result, and the page check agrees', () => {
    for (const vector of VECTORS) {
      const { html } = cleanBody(`<p>${vector}</p>`, URL_);
      expectSafe(html);
      // The page's check finds nothing outside the policy, so it keeps the stored HTML as it is.
      expect(recheckBody(html), vector).toBe(html);
      // DOMPurify, the page's fallback, would not change it either.
      expect(parse(DOMPurify.sanitize(html, { ADD_ATTR: ['target', 'loading', 'decoding', 'referrerpolicy', 'tabindex'] })).innerHTML, vector).toBe(parse(html).innerHTML);
    }
  });

  it('the page check sends anything outside the policy through DOMPurify', () => {
    const hostile = '<p id="h-a">ok</p><img src="https://x.test/i.png" onerror="alert(1)"><a href="javascript:alert(2)">j</a><svg><a>s</a></svg>';
    const checked = recheckBody(hostile);
    expect(checked).not.toBe(hostile);
    expect(checked).toContain('<p id="h-a">ok</p>');
    expect(checked).not.toMatch(/onerror|javascript:|<svg/);
    expect(recheckBody('<p>plain</p><div class="table-scroll" tabindex="0"><table><tbody><tr><td>1</td></tr></tbody></table></div>')).toContain('table-scroll');
  });

  it('opens other sites in a new tab without opener or referrer, and resolves relative links', () => {
    const { html } = cleanBody('<a href="../b/">B</a> <a href="#intro">Intro</a> <a href="mailto:a@b.test">Mail</a>', URL_);
    expect(html).toContain('<a href="https://blog.test/posts/b/" target="_blank" rel="noopener noreferrer">B</a>');
    expect(html).toContain('<a href="#h-intro">Intro</a>');
    expect(html).toContain('<a href="mailto:a@b.test">Mail</a>');
  });

  it('keeps absolute links in the body of an article that has no address of its own', () => {
    for (const articleUrl of ['', 'not a url']) {
      const { html } = cleanBody('<a href="https://other.test/x">X</a> <a href="rel/">R</a>', articleUrl);
      expect(html).toContain('<a href="https://other.test/x" target="_blank" rel="noopener noreferrer">X</a>');
      expect(html).toContain('<a>R</a>');
    }
  });

  it('loads images lazily with no referrer, and keeps small inline images', () => {
    const { html } = cleanBody('<img src="https://cdn.test/i.png" alt="chart"><img src="data:image/png;base64,AAAA"><img src="data:text/html,x">', URL_);
    expect(html).toBe(
      '<img src="https://cdn.test/i.png" alt="chart" loading="lazy" decoding="async" referrerpolicy="no-referrer">' +
        '<img src="data:image/png;base64,AAAA" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer">' +
        '<img alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    );
  });

  it('builds a table of contents from h2–h4 with unique, prefixed ids', () => {
    const { html, toc } = cleanBody('<h1>T</h1><h2 id="intro">Intro</h2><h3>Setup &amp; <em>run</em></h3><h2>Intro</h2><h5>deep</h5>', URL_);
    expect(toc).toEqual([
      { id: 'h-intro', text: 'Intro', level: 2 },
      { id: 'h-setup-run', text: 'Setup & run', level: 3 },
      { id: 'h-intro-1', text: 'Intro', level: 2 },
    ]);
    expect(html).toContain('<h2 id="h-intro-1">Intro</h2>');
  });

  it('wraps tables and makes scrollable boxes focusable', () => {
    const { html } = cleanBody('<table><tr><td>1</td></tr></table><pre><code>x</code></pre>', URL_);
    expect(html).toBe('<div class="table-scroll" tabindex="0"><table><tr><td>1</td></tr></table></div><pre tabindex="0"><code>x</code></pre>');
  });

  it("prefixes every id, name and in-page link from the feed, so none can take one of the app's own ids", () => {
    const { html, toc } = cleanBody(
      `<h2 id="intro">Intro</h2><p id="main">Clobber</p><div id="app"><a name="article-title">x</a></div>
       <p>Claim<sup><a href="#fn1" id="fnref1">1</a></sup></p><ol><li id="fn1">Note <a href="#fnref1">↩</a></li></ol><p id="fn1">Again</p>`,
      URL_,
    );
    const body = parse(html);
    expect([...body.querySelectorAll('[id]')].map((e) => e.id)).toEqual(['h-intro', 'h-main', 'h-app', 'h-fnref1', 'h-fn1', 'h-fn1-1']);
    expect(body.querySelector('[name]')?.getAttribute('name')).toBe('h-article-title');
    // Footnote links and their way back both land on the prefixed ids.
    expect([...body.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href'))).toEqual(['#h-fn1', '#h-fnref1']);
    expect(toc.map((t) => t.id)).toEqual(['h-intro']);
  });

  it('keeps formatting nested in other formatting, and unwraps it nested in itself', () => {
    expect(cleanBody('<b>a<i>b<b>c</b><sup>d<sup>e</sup></sup></i></b>', URL_).html).toBe('<b>a<i>bc<sup>d<sup>e</sup></sup></i></b>');
  });

  it('unwraps unknown elements and keeps their text; a second main landmark becomes its content', () => {
    expect(cleanBody('<main><custom-el>kept</custom-el> <font color=red>too</font></main>', URL_).html).toBe('kept too');
  });
});

describe('the body limits', () => {
  it('flattens 20,000 unclosed <b><i><u><s> runs (340 KB) and keeps the text', () => {
    const input = '<b><i><u><s>word '.repeat(20_000);
    expect(input.length).toBeGreaterThanOrEqual(340_000);
    const { html, cut } = cleanBody(input, URL_);
    const body = parse(html);
    // Bold in bold adds nothing: each formatting element is kept once, the text inside all four.
    expect(depthOf(body)).toBe(4);
    expect(html.startsWith('<b><i><u><s>word word ')).toBe(true);
    expect(body.textContent?.match(/word/g)).toHaveLength(20_000);
    expect(cut).toBe(false);
    expectSafe(html);
  });

  it('flattens 100,000 nested divs and keeps the text at the bottom', () => {
    const input = `${'<div>'.repeat(100_000)}the bottom${'</div>'.repeat(100_000)}<p>after</p>`;
    const { html } = cleanBody(input, URL_);
    const body = parse(html);
    expect(depthOf(body)).toBe(MAX_BODY_DEPTH);
    expect(body.textContent).toBe('the bottomafter');
  });

  it('cuts 200,000 paragraphs at the element limit, well formed, and says it was cut', () => {
    const { html, cut } = cleanBody('<p>para</p>'.repeat(200_000), URL_);
    expect(cut).toBe(true);
    expect(parse(html).querySelectorAll('p')).toHaveLength(MAX_BODY_ELEMENTS);
    expect(html.endsWith('<p>para</p>')).toBe(true);
  });

  it('cuts a body past the character limit, closing what is open', () => {
    const { html, cut } = cleanBody(`<div><p><em>${'x'.repeat(MAX_BODY_CHARS * 2)}</em></p></div>`, URL_);
    expect(cut).toBe(true);
    expect(html.length).toBeLessThan(MAX_BODY_CHARS + 100);
    expect(html.endsWith('</em></p></div>')).toBe(true);
  });

  it('leaves an ordinary body whole', () => {
    const input = '<h2>A</h2><p>Text</p>'.repeat(500);
    const result = cleanBody(input, URL_);
    expect(result.cut).toBe(false);
    expect(result.toc).toHaveLength(500);
  });
});
