// @vitest-environment jsdom
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPost } from '../../../src/lib/feed/hugo/post';
import { dropOwnContents } from '../../../src/lib/html/ownContents';
import { cleanBody } from '../../../src/lib/html/clean';
import { readableBody } from '../../../src/lib/html/sanitize';

function fragment(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

const SECTIONS = '<h2 id="a">Why</h2><p>Because.</p><h2 id="b">How</h2><p>So.</p><h3 id="c">Details</h3><p>Yes.</p>';

describe('dropOwnContents', () => {
  it('drops a "Table of Contents" heading and its nested list', () => {
    const root = fragment(`<p>Intro.</p><h2>Table of Contents</h2><ul><li><a href="#a">Why</a><ul><li><a href="#c">Details</a></li></ul></li></ul>${SECTIONS}`);
    expect(dropOwnContents(root)).toBe(true);
    expect(root.textContent).not.toMatch(/Table of Contents/);
    expect(root.querySelectorAll('ul')).toHaveLength(0);
    expect(root.querySelector('p')?.textContent).toBe('Intro.');
    expect(root.querySelectorAll('h2, h3')).toHaveLength(3);
  });

  it('knows the usual spellings, and stops where text begins', () => {
    for (const title of ['Table of contents', 'Contents', 'TOC', 'Table of Contents:', 'In this article']) {
      const root = fragment(`<h3>${title}</h3><ol><li>One</li></ol><hr><p>First real sentence.</p>${SECTIONS}`);
      expect(dropOwnContents(root), title).toBe(true);
      expect(root.firstElementChild?.outerHTML).toBe('<p>First real sentence.</p>');
    }
  });

  it('keeps a section that is not a list, or that the reader could not replace', () => {
    const prose = fragment(`<h2>Contents</h2><p>What this post covers, in prose.</p>${SECTIONS}`);
    expect(dropOwnContents(prose)).toBe(false);
    expect(prose.querySelector('h2')?.textContent).toBe('Contents');

    const short = fragment('<h2>Table of Contents</h2><ul><li>One</li></ul><h2>Only one section</h2><p>x</p>');
    expect(dropOwnContents(short)).toBe(false);
    expect(short.querySelector('ul')).not.toBeNull();

    const elsewhere = fragment(`<h2>Table of Contents for a book I liked</h2><ul><li>One</li></ul>${SECTIONS}`);
    expect(dropOwnContents(elsewhere)).toBe(false);
  });

  it('leaves the reader one list of contents for the real blog posts that carry their own', () => {
    const postsDir = path.resolve(import.meta.dirname, '../../../../shared/data/martinuke0-blog/posts');
    if (!existsSync(postsDir)) throw new Error(`The real blog is missing at ${postsDir}`);
    const files = readdirSync(postsDir).filter((f) => f.endsWith('.md')).sort();
    const withOwn = files.filter((f) => /^#{1,4} +table of contents *$/im.test(readFileSync(path.join(postsDir, f), 'utf8'))).slice(0, 20);
    expect(withOwn.length).toBe(20);
    for (const file of withOwn) {
      const built = buildPost(file, readFileSync(path.join(postsDir, file), 'utf8'), { baseUrl: 'https://blog.test/', section: 'posts', author: null });
      if (built.kind !== 'article' || built.bodyHtml === null) continue;
      // As the app does: the worker cleans the body for storing, the reader shows it.
      const { content, toc } = readableBody(cleanBody(built.bodyHtml, built.article.url));
      const shown = document.createElement('div');
      shown.append(content.cloneNode(true));
      const html = shown.innerHTML;
      expect(toc.map((entry) => entry.text.toLowerCase()), file).not.toContain('table of contents');
      expect(toc.length, file).toBeGreaterThan(1);
      expect(html, file).not.toMatch(/>\s*Table of Contents\s*<\/h/i);
    }
  }, 60_000);
});
