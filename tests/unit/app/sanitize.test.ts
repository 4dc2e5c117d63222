// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { prepareBody } from '../../../src/lib/html/sanitize';

const URL_ = 'https://blog.test/posts/a/';

describe('prepareBody', () => {
  it('removes scripts, handlers, javascript: links, iframes, forms, base and meta', () => {
    const { html } = prepareBody(
      `<p onclick="alert(1)">Hi<script>alert(2)</script></p><a href="javascript:alert(3)">x</a>
       <iframe src="https://evil.test"></iframe><form action="/x"><input name="q"></form>
       <base href="https://evil.test/"><meta http-equiv="refresh" content="0"><img src=x onerror="alert(4)">
       <svg><script>alert(5)</script><a xlink:href="javascript:alert(6)">s</a></svg>`,
      URL_,
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|<form|<input|<base|<meta/i);
    expect(html).toContain('Hi');
  });

  it('opens other sites in a new tab without opener or referrer, and resolves relative links', () => {
    const { html } = prepareBody('<a href="../b/">B</a> <a href="#intro">Intro</a>', URL_);
    expect(html).toContain('href="https://blog.test/posts/b/" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('href="#h-intro"');
  });

  it('keeps absolute links in the body of an article that has no address of its own', () => {
    for (const articleUrl of ['', 'not a url']) {
      const { html } = prepareBody('<a href="https://other.test/x">X</a> <a href="rel/">R</a>', articleUrl);
      expect(html).toContain('<a href="https://other.test/x" target="_blank" rel="noopener noreferrer">X</a>');
      expect(html).toContain('<a>R</a>');
    }
  });

  it('loads images lazily with no referrer', () => {
    const { html } = prepareBody('<img src="https://cdn.test/i.png" alt="chart">', URL_);
    expect(html).toMatch(/loading="lazy"/);
    expect(html).toMatch(/referrerpolicy="no-referrer"/);
  });

  it('builds a table of contents from h2–h4 with unique, prefixed ids', () => {
    const { html, toc } = prepareBody('<h1>T</h1><h2 id="intro">Intro</h2><h3>Setup &amp; run</h3><h2>Intro</h2><h5>deep</h5>', URL_);
    expect(toc).toEqual([
      { id: 'h-intro', text: 'Intro', level: 2 },
      { id: 'h-setup-run', text: 'Setup & run', level: 3 },
      { id: 'h-intro-1', text: 'Intro', level: 2 },
    ]);
    expect(html).toContain('id="h-intro-1"');
  });

  it('wraps tables and makes scrollable boxes focusable', () => {
    const { html } = prepareBody('<table><tr><td>1</td></tr></table><pre><code>x</code></pre>', URL_);
    expect(html).toMatch(/<div class="table-scroll" tabindex="0"><table>/);
    expect(html).toMatch(/<pre tabindex="0">/);
  });

  it('prefixes every id, name and in-page link from the feed, so none can take one of the app\'s own ids', () => {
    const { html, toc } = prepareBody(
      `<h2 id="intro">Intro</h2><p id="main">Clobber</p><div id="app"><a name="article-title">x</a></div>
       <p>Claim<sup><a href="#fn1" id="fnref1">1</a></sup></p><ol><li id="fn1">Note <a href="#fnref1">↩</a></li></ol><p id="fn1">Again</p>`,
      URL_,
    );
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids).toEqual(['h-intro', 'h-main', 'h-app', 'h-fnref1', 'h-fn1', 'h-fn1-1']);
    expect(doc.querySelector('[name]')?.getAttribute('name')).toBe('h-article-title');
    // Footnote links and their way back both land on the prefixed ids.
    expect([...doc.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href'))).toEqual(['#h-fn1', '#h-fnref1']);
    expect(toc.map((t) => t.id)).toEqual(['h-intro']);
  });
});
