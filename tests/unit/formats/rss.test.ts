import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { FeedParseError } from '../../../src/lib/feed/formats/types';

const NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"';

function rss(items: string, channel = '<title>Blog</title><link>https://example.org/</link>', rootAttrs = NS): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${rootAttrs}>\n<channel>${channel}\n${items}\n</channel>\n</rss>`;
}

const parse = (text: string, url = 'https://example.org/index.xml') => parseFeed(text, { url });

describe('RSS 2.0', () => {
  it('reads the channel and a complete item', () => {
    const feed = parse(
      rss(
        `<item>
          <title>First post</title><link>https://example.org/posts/first/</link>
          <guid isPermaLink="true">https://example.org/posts/first/</guid>
          <pubDate>Tue, 03 Jun 2025 10:00:00 +0200</pubDate>
          <category>Web Dev</category><category>web dev</category><category>C++</category>
          <dc:creator>Jane Doe</dc:creator>
          <description>A &lt;em&gt;short&lt;/em&gt; summary.</description>
          <content:encoded><![CDATA[<p>The <em>full</em> body of the first post, longer than the summary.</p>]]></content:encoded>
        </item>`,
        '<title>Blog</title><link>https://example.org/</link><language>en-gb</language><managingEditor>ed@example.org (The Editor)</managingEditor>',
      ),
    );
    expect(feed).toMatchObject({ title: 'Blog', homepage: 'https://example.org/', language: 'en-gb', author: 'The Editor', warnings: [] });
    expect(feed.articles).toHaveLength(1);
    expect(feed.articles[0]).toEqual({
      id: expect.stringMatching(/^first-[0-9a-f]{12}$/),
      slug: 'first',
      url: 'https://example.org/posts/first/',
      title: 'First post',
      date: '2025-06-03T08:00:00.000Z',
      dateOffset: 120,
      topics: ['web-dev', 'c++'],
      topicNames: { 'web-dev': 'Web Dev', 'c++': 'C++' },
      author: 'Jane Doe',
      summary: 'A short summary.',
      summaryTruncated: true,
      words: 11,
      readingMinutes: 1,
      bodyHtml: '<p>The <em>full</em> body of the first post, longer than the summary.</p>',
    });
  });

  it('decodes entities and drops markup in titles', () => {
    const feed = parse(rss('<item><title>Tom &amp;amp; Jerry &#8217;s &lt;b&gt;x&lt;/b&gt;</title><link>/a</link></item>'));
    expect(feed.articles[0]?.title).toBe('Tom & Jerry ’s x');
    const plain = parse(rss('<item><title>Tom &amp; Jerry &#8217;s</title><link>/a</link></item>'));
    expect(plain.articles[0]?.title).toBe('Tom & Jerry ’s');
  });

  it('titles an untitled item with its first words, or "Untitled", and warns', () => {
    const feed = parse(
      rss(
        `<item><link>/a</link><description>One two three four five six seven eight nine ten eleven twelve</description></item>
         <item><link>/b</link></item>`,
      ),
    );
    expect(feed.articles.map((a) => a.title)).toEqual(['One two three four five six seven eight nine ten…', 'Untitled']);
    expect(feed.warnings).toEqual([
      'item 1: no title; showing it as "One two three four five six seven eight nine ten…".',
      'item 2: no title; showing it as "Untitled".',
    ]);
  });

  it('without content:encoded, takes a description longer than a summary as the body, and cuts the summary from it', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const feed = parse(rss(`<item><title>t</title><link>/a</link><description>${long}</description></item>`));
    const [a] = feed.articles;
    expect(a?.summary.split(' ')).toHaveLength(70);
    expect(a?.summaryTruncated).toBe(true);
    expect(a?.words).toBe(200);
    expect(a?.readingMinutes).toBe(1);
    expect(a?.bodyHtml).toBe(long);
  });

  it('keeps a summary-sized description as the summary only (the reader links to the post)', () => {
    const feed = parse(rss(`<item><title>t</title><link>/a</link><description>&lt;p&gt;A short teaser [&amp;#8230;]&lt;/p&gt;</description></item>`));
    expect(feed.articles[0]).toMatchObject({ summary: 'A short teaser […]', summaryTruncated: false, bodyHtml: null, words: 4 });
  });

  it('derives the summary from the body when there is no description', () => {
    const body = `<p>${Array.from({ length: 50 }, () => 'alpha').join(' ')}</p><p>${Array.from({ length: 50 }, () => 'beta').join(' ')}</p><p>gamma</p>`;
    const [a] = parse(rss(`<item><title>t</title><link>/a</link><content:encoded><![CDATA[${body}]]></content:encoded></item>`)).articles;
    expect(a?.summary.split(' ')).toHaveLength(100);
    expect(a?.summaryTruncated).toBe(true);
    expect(a?.words).toBe(101);
  });

  it('resolves relative links against the feed URL and xml:base', () => {
    const feed = parse(
      rss(
        `<item><title>a</title><link>posts/a/</link></item>
         <item xml:base="/deep/"><title>b</title><link>b/</link></item>`,
        '<title>Blog</title><link>/</link>',
      ),
      'https://example.org/blog/feed.xml',
    );
    expect(feed.homepage).toBe('https://example.org/');
    expect(feed.articles.map((a) => a.url)).toEqual(['https://example.org/blog/posts/a/', 'https://example.org/deep/b/']);
    const based = parseFeed(rss('<item><title>a</title><link>a/</link></item>', '<title>x</title>', `${NS} xml:base="https://base.example/root/"`));
    expect(based.articles[0]?.url).toBe('https://base.example/root/a/');
  });

  it('takes ids from guid, then link; uses a permalink guid as the link', () => {
    const feed = parse(
      rss(
        `<item><title>a</title><guid isPermaLink="false">urn:uuid:1234</guid><link>https://example.org/a/</link></item>
         <item><title>b</title><guid>https://example.org/b/</guid></item>
         <item><title>c</title><link>https://example.org/c/</link></item>
         <item><title>d</title><guid isPermaLink="false">just-an-id</guid></item>`,
      ),
    );
    const [a, b, c, d] = feed.articles;
    expect(a?.id).toMatch(/^a-[0-9a-f]{12}$/);
    expect(b?.url).toBe('https://example.org/b/');
    expect(c?.id).toMatch(/^c-[0-9a-f]{12}$/);
    expect(d?.url).toBe('');
    expect(d?.id).toMatch(/^just-an-id-[0-9a-f]{12}$/);
    for (const article of feed.articles) expect(article.id).toMatch(/^[a-z0-9._-]+$/);
    expect(feed.warnings).toEqual(['item 4 ("d"): no link to the original post.']);
    // Same guid, different link: same id (ids follow the guid).
    const again = parse(rss('<item><title>a</title><guid isPermaLink="false">urn:uuid:1234</guid><link>https://example.org/a/</link></item>'));
    expect(again.articles[0]?.id).toBe(a?.id);
  });

  it('keeps a repeated item once (first wins) with a warning', () => {
    const feed = parse(
      rss(`<item><title>first</title><guid>https://example.org/x</guid></item>
           <item><title>second</title><guid>https://example.org/x</guid></item>`),
    );
    expect(feed.articles.map((a) => a.title)).toEqual(['first']);
    expect(feed.warnings).toEqual(['item 2 ("second"): repeats the id "https://example.org/x" of an earlier one; kept the first.']);
  });

  it('reads authors from dc:creator, author, then the channel', () => {
    const feed = parse(
      rss(
        `<item><title>a</title><link>/a</link><author>jane@example.org (Jane)</author><dc:creator>Dee</dc:creator></item>
         <item><title>b</title><link>/b</link><author>jane@example.org (Jane)</author></item>
         <item><title>c</title><link>/c</link></item>`,
        '<title>x</title><dc:creator>Channel Person</dc:creator>',
      ),
    );
    expect(feed.articles.map((a) => a.author)).toEqual(['Dee', 'Jane', 'Channel Person']);
  });

  it('reads dates: RFC 822, dc:date, zero date as undated, unreadable with a warning', () => {
    const feed = parse(
      rss(`<item><title>a</title><link>/a</link><pubDate>Wed, 02 Oct 2002 08:00:00 EST</pubDate></item>
           <item><title>b</title><link>/b</link><dc:date>2002-10-02T10:00:00-05:00</dc:date></item>
           <item><title>c</title><link>/c</link><pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate></item>
           <item><title>d</title><link>/d</link><pubDate>soon</pubDate></item>`),
    );
    expect(feed.articles.map((a) => a.date)).toEqual(['2002-10-02T13:00:00.000Z', '2002-10-02T15:00:00.000Z', null, null]);
    expect(feed.warnings).toEqual(['item 4: unreadable date "soon"; left undated.']);
  });

  it('finds the content module under another prefix', () => {
    const feed = parse(
      rss('<item><title>a</title><link>/a</link><c:encoded>&lt;p&gt;Hi&lt;/p&gt;</c:encoded></item>', '<title>x</title>', 'xmlns:c="http://purl.org/rss/1.0/modules/content/"'),
    );
    expect(feed.articles[0]?.bodyHtml).toBe('<p>Hi</p>');
    expect(feed.articles[0]?.summary).toBe('Hi');
  });

  it('warns about a feed without title or items', () => {
    const feed = parse(rss('', '<link>https://example.org/</link>'));
    expect(feed.title).toBe('example.org');
    expect(feed.articles).toEqual([]);
    expect(feed.warnings).toEqual(['The feed has no items.', 'The feed has no title; showing it as "example.org".']);
  });

  it('fails on RSS without a channel', () => {
    expect(() => parse('<rss version="2.0"><item/></rss>')).toThrow(FeedParseError);
    expect(() => parse('<rss version="2.0"><item/></rss>')).toThrow(/no <channel>/);
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items next to the channel, ids from rdf:about, dates from dc:date', () => {
    const feed = parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>RDF blog</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/one"><title>One</title><link>https://example.org/one</link><dc:date>2003-01-02T03:04:05Z</dc:date><dc:subject>Old Things</dc:subject></item>
</rdf:RDF>`);
    expect(feed.title).toBe('RDF blog');
    expect(feed.articles).toMatchObject([
      { title: 'One', url: 'https://example.org/one', date: '2003-01-02T03:04:05.000Z', topics: ['old-things'] },
    ]);
    expect(feed.articles[0]?.id).toMatch(/^one-[0-9a-f]{12}$/);
  });
});
