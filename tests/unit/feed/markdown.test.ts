import { describe, expect, it } from 'vitest';
import { hugoAnchor, renderMarkdown } from '../../../src/lib/feed/hugo/markdown';

const BASE = 'https://blog.example/posts/my-post/';
const render = (md: string) => renderMarkdown(md, { baseUrl: BASE });

describe('renderMarkdown', () => {
  it('gives headings Hugo-style ids, deduplicated', () => {
    const html = render('## History & Evolution\n\n## Why `ws`? (Part 1)\n\n## Intro\n\n## Intro\n\n### Intro\n\n## ???\n');
    expect(html).toContain('<h2 id="history--evolution">History &amp; Evolution</h2>');
    expect(html).toContain('<h2 id="why-ws-part-1">');
    expect(html).toContain('<h2 id="intro">Intro</h2>');
    expect(html).toContain('<h2 id="intro-1">Intro</h2>');
    expect(html).toContain('<h3 id="intro-2">Intro</h3>');
    expect(html).toContain('<h2 id="heading">???</h2>');
  });

  it('honours an explicit {#id} and drops it from the text', () => {
    expect(render('## Introduction {#intro}\n')).toBe('<h2 id="intro">Introduction</h2>\n');
  });

  it('keeps in-body anchor links working', () => {
    const html = render('[Jump](#why-ws-part-1)\n\n## Why `ws`? (Part 1)\n');
    expect(html).toContain('href="#why-ws-part-1"');
    expect(html).toContain('id="why-ws-part-1"');
  });

  it('keeps the language class of fenced code', () => {
    expect(render('```python\nprint("hi")\n```\n')).toBe(
      '<pre><code class="language-python">print(&quot;hi&quot;)\n</code></pre>\n',
    );
  });

  it('resolves relative links and images against the post URL', () => {
    const html = render('[a](other/) [b](/about/) ![c](img.png) [d](https://x.example/) [e](mailto:a@b.c)\n');
    expect(html).toContain('href="https://blog.example/posts/my-post/other/"');
    expect(html).toContain('href="https://blog.example/about/"');
    expect(html).toContain('src="https://blog.example/posts/my-post/img.png"');
    expect(html).toContain('href="https://x.example/"');
    expect(html).toContain('href="mailto:a@b.c"');
  });

  it('renders tables and raw HTML; no linkify, no typographer', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n<div class="note">raw</div>\n\nhttps://x.example "q" -- ...\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<div class="note">raw</div>');
    expect(html).toContain('<p>https://x.example &quot;q&quot; -- ...</p>');
  });
});

describe('hugoAnchor', () => {
  it('keeps letters, digits and underscores, maps spaces and hyphens', () => {
    expect(hugoAnchor('Polling & Long‑Polling')).toBe('polling--longpolling');
    expect(hugoAnchor('Café über_alles 2.0')).toBe('café-über_alles-20');
    expect(hugoAnchor('')).toBe('heading');
  });
});
