/** Excerpts start at the post's first real sentences, past a contents list and a bare "Introduction". */
import { describe, expect, it } from 'vitest';
import { skipLeadIn } from '../../../src/lib/feed/excerpt';
import { buildPost } from '../../../src/lib/feed/hugo/post';
import { renderMarkdown } from '../../../src/lib/feed/hugo/markdown';
import { readFeed } from '../../../src/lib/feed/formats/toFolio';

const SITE = { baseUrl: 'https://blog.example/', section: 'posts', author: null };

// Shaped like the real blog's posts: a "Table of Contents" of numbered in-page links, then "Introduction".
const TOC_POST = `---
title: "Mastering WebSockets"
date: "2026-03-22T10:00:00.000"
tags: ["websockets"]
---

## Table of Contents

1. [Introduction](#introduction)
2. [What Is a WebSocket?](#what-is-a-websocket)
   - 2.1 [History & Evolution](#history--evolution)
   - 2.2 [The Protocol at a Glance](#the-protocol-at-a-glance)
3. [Conclusion](#conclusion)

---

## Introduction

Real-time interactivity has become a cornerstone of modern web experiences. Users expect instant feedback.

## What Is a WebSocket?

A protocol.
`;

const post = (markdown: string) => {
  const built = buildPost('p.md', markdown, SITE);
  if (built.kind !== 'article') throw new Error(built.kind);
  return built.article;
};

describe('excerpts', () => {
  it('skip a leading contents list and the "Introduction" heading after it', () => {
    const a = post(TOC_POST);
    expect(a.summary).toMatch(/^Real-time interactivity has become a cornerstone/);
    expect(a.summary).not.toContain('Table of Contents');
  });

  it('keep words and minutes counted on the whole body, lead-in included', () => {
    const withLeadIn = post(TOC_POST);
    const without = post(TOC_POST.replace(/## Table of Contents[\s\S]*?---\n\n## Introduction\n\n/, ''));
    expect(withLeadIn.words).toBeGreaterThan(without.words);
    expect(withLeadIn.readingMinutes).toBe(1);
  });

  it('skip a lone leading "Introduction" heading', () => {
    const a = post('---\ntitle: T\n---\n\n## Introduction\n\nKubernetes has become the de facto platform.\n');
    expect(a.summary).toBe('Kubernetes has become the de facto platform.');
  });

  it('skip a list of in-page links with no contents heading, and a bold "Contents:" line', () => {
    const html = renderMarkdown('**Contents:**\n\n- [One](#one)\n- [Two](#two)\n\n# One\n\nFirst sentence.\n', { baseUrl: 'https://blog.example/' });
    expect(skipLeadIn(html)).toMatch(/^<p>First sentence\.<\/p>/);
    expect(skipLeadIn('<ul><li><a href="#a">A</a></li></ul><p>Text.</p>')).toBe('<p>Text.</p>');
  });

  it('keep a leading list that is content: links elsewhere, or items with prose', () => {
    const links = '<ul><li><a href="https://example.org/">Example</a></li></ul><p>Text.</p>';
    expect(skipLeadIn(links)).toBe(links);
    const items = '<ol><li>Install the tool</li><li>Run it</li></ol><p>Text.</p>';
    expect(skipLeadIn(items)).toBe(items);
    const prose = '<p>Table of Contents are a print tradition.</p><ul><li><a href="#a">A</a></li></ul>';
    expect(skipLeadIn(prose)).toBe(prose);
  });

  it('keep the body as it is when nothing but a lead-in is there', () => {
    const only = '<h2>Table of Contents</h2><ol><li><a href="#a">A</a></li></ol>';
    expect(skipLeadIn(only)).toBe(only);
    expect(skipLeadIn('')).toBe('');
    expect(skipLeadIn('<h2>Introduction')).toBe('<h2>Introduction');
  });

  it('apply to feeds whose summary is made from the body, and to an HTML description', () => {
    const body = '<h2>Table of Contents</h2><ol><li><a href="#intro">Introduction</a></li></ol><h2 id="intro">Introduction</h2><p>The first sentence.</p>';
    const rss = (item: string) =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>B</title><link>https://b.example/</link>${item}</channel></rss>`;
    const fromBody = readFeed(rss(`<item><title>A</title><link>https://b.example/a</link><content:encoded><![CDATA[${body}]]></content:encoded></item>`));
    expect(fromBody.articles[0]?.summary).toBe('The first sentence.');
    const fromDescription = readFeed(rss(`<item><title>A</title><link>https://b.example/a</link><description><![CDATA[${body}]]></description></item>`));
    expect(fromDescription.articles[0]?.summary).toBe('The first sentence.');
  });
});
