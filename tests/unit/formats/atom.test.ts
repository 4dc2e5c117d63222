import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';

function atom(entries: string, head = '<title>Atom Blog</title><link href="https://example.org/"/>', attrs = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" ${attrs}>\n${head}\n${entries}\n</feed>`;
}

const parse = (text: string, url = 'https://example.org/atom.xml') => parseFeed(text, { url });

describe('Atom 1.0', () => {
  it('reads the feed and a complete entry', () => {
    const feed = parse(
      atom(
        `<entry>
          <id>tag:example.org,2025:first</id>
          <title type="html">First &amp;amp; best</title>
          <link rel="alternate" type="text/html" href="https://example.org/posts/first/"/>
          <link rel="edit" href="https://example.org/edit/1"/>
          <published>2025-06-03T10:00:00+02:00</published><updated>2025-06-04T10:00:00Z</updated>
          <category term="web-dev" label="Web Dev"/><category term="Go"/>
          <author><name>Jane</name></author>
          <summary>Plain summary &lt;not markup&gt;</summary>
          <content type="html">&lt;p&gt;Body &lt;b&gt;bold&lt;/b&gt; words that run past the summary length.&lt;/p&gt;</content>
        </entry>`,
        '<title>Atom Blog</title><link rel="self" href="https://example.org/atom.xml"/><link rel="alternate" href="https://example.org/"/><author><name>Feed Author</name></author>',
        'xml:lang="fr"',
      ),
    );
    expect(feed).toMatchObject({ title: 'Atom Blog', homepage: 'https://example.org/', author: 'Feed Author', language: 'fr', warnings: [] });
    expect(feed.articles[0]).toEqual({
      id: expect.stringMatching(/^first-[0-9a-f]{12}$/),
      slug: 'first',
      url: 'https://example.org/posts/first/',
      title: 'First & best',
      date: '2025-06-03T08:00:00.000Z',
      dateOffset: 120,
      topics: ['web-dev', 'go'],
      topicNames: { 'web-dev': 'Web Dev', go: 'Go' },
      author: 'Jane',
      summary: 'Plain summary <not markup>',
      summaryTruncated: true,
      words: 9,
      readingMinutes: 1,
      bodyHtml: '<p>Body <b>bold</b> words that run past the summary length.</p>',
    });
  });

  it('serialises xhtml content (the inside of the div) and escapes text content', () => {
    const feed = parse(
      atom(`<entry><id>urn:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>xhtml</em> title</div></title>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello &amp; <a href="/x">link</a></p></div></content></entry>
            <entry><id>urn:2</id><title>Text</title><content type="text">Line &lt;one&gt;

Para two</content></entry>
            <entry><id>urn:3</id><title>Prefixed</title><content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>P</xhtml:p></xhtml:div></content></entry>
            <entry><id>urn:4</id><title>Elsewhere</title><content src="https://example.org/4" type="text/html"/></entry>`),
    );
    const [x, t, p, o] = feed.articles;
    expect(x?.title).toBe('An xhtml title');
    // Relative links in bodies are resolved (here against the feed's xml:base).
    expect(x?.bodyHtml).toBe('<p>Hello &amp; <a href="https://example.org/x">link</a></p>');
    expect(x?.summary).toBe('Hello & link');
    expect(t?.bodyHtml).toBe('<p>Line &#60;one&#62;</p>\n<p>Para two</p>');
    expect(t?.summary).toBe('Line <one> Para two');
    expect(p?.bodyHtml).toBe('<p>P</p>');
    expect(o?.bodyHtml).toBeNull();
  });

  it('reads html and xhtml summaries as HTML', () => {
    const feed = parse(
      atom(`<entry><id>urn:1</id><title>a</title><summary type="html">&lt;p&gt;Rich &amp;amp; short&lt;/p&gt;</summary></entry>
            <entry><id>urn:2</id><title>b</title><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>X <b>y</b></p></div></summary></entry>`),
    );
    expect(feed.articles.map((a) => a.summary)).toEqual(['Rich & short', 'X y']);
  });

  it('takes the date from published, else updated', () => {
    const feed = parse(
      atom(`<entry><id>urn:1</id><title>a</title><updated>2024-01-02T03:04:05Z</updated></entry>
            <entry><id>urn:2</id><title>b</title><published>2024-01-01</published><updated>2024-02-02T00:00:00Z</updated></entry>
            <entry><id>urn:3</id><title>c</title><updated>0001-01-01T00:00:00Z</updated></entry>`),
    );
    expect(feed.articles.map((a) => a.date)).toEqual(['2024-01-02T03:04:05.000Z', '2024-01-01T00:00:00.000Z', null]);
    expect(feed.warnings.filter((w) => w.includes('date'))).toEqual([]);
  });

  it('resolves links against xml:base on the feed, the entry and the link', () => {
    const feed = parse(
      atom(
        `<entry><id>urn:1</id><title>a</title><link href="a/"/></entry>
         <entry xml:base="/other/"><id>urn:2</id><title>b</title><link href="b/"/></entry>
         <entry><id>urn:3</id><title>c</title><link xml:base="https://cdn.example/" href="c/"/></entry>`,
        '<title>x</title><link href="/"/>',
        'xml:base="https://base.example/blog/"',
      ),
    );
    expect(feed.homepage).toBe('https://base.example/');
    expect(feed.articles.map((a) => a.url)).toEqual([
      'https://base.example/blog/a/',
      'https://base.example/other/b/',
      'https://cdn.example/c/',
    ]);
  });

  it('prefers the text/html alternate and falls back to an http id', () => {
    const feed = parse(
      atom(`<entry><id>urn:1</id><title>a</title><link rel="alternate" type="application/pdf" href="/a.pdf"/><link type="text/html" href="/a.html"/></entry>
            <entry><id>https://example.org/by-id</id><title>b</title></entry>`),
    );
    expect(feed.articles.map((a) => a.url)).toEqual(['https://example.org/a.html', 'https://example.org/by-id']);
  });

  it('uses the entry author, then the source author, then the feed author', () => {
    const feed = parse(
      atom(
        `<entry><id>urn:1</id><title>a</title><author><name>Ann</name></author></entry>
         <entry><id>urn:2</id><title>b</title><source><author><name>Src</name></author></source></entry>
         <entry><id>urn:3</id><title>c</title></entry>`,
        '<title>x</title><author><name>Feed Person</name></author>',
      ),
    );
    expect(feed.articles.map((a) => a.author)).toEqual(['Ann', 'Src', 'Feed Person']);
  });

  it('drops repeated entries, warns about missing titles', () => {
    const feed = parse(
      atom(`<entry><id>urn:same</id><summary>Some words here</summary></entry>
            <entry><id>urn:same</id><title>again</title></entry>`),
    );
    expect(feed.articles.map((a) => a.title)).toEqual(['Some words here']);
    expect(feed.warnings).toEqual([
      'entry 1: no title; showing it as "Some words here".',
      'entry 1 ("Some words here"): no link to the original post.',
      'entry 2 ("again"): repeats the id "urn:same" of an earlier one; kept the first.',
    ]);
  });

  it('reads a feed that prefixes the Atom namespace', () => {
    const feed = parse(`<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title>
      <atom:entry><atom:id>urn:1</atom:id><atom:title>Inside</atom:title><atom:link href="https://example.org/i"/></atom:entry></atom:feed>`);
    expect(feed.title).toBe('P');
    expect(feed.articles.map((a) => a.title)).toEqual(['Inside']);
  });
});
