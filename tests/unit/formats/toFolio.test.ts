import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { normalizeParsedFeed, readFeed, type NormalizedFeed } from '../../../src/lib/feed/formats/toFolio';
import { absoluteUrls, clipText, plainTitle } from '../../../src/lib/feed/formats/values';

const URL = 'https://blog.example/feed.xml';
const read = (text: string, url = URL): NormalizedFeed => normalizeParsedFeed(parseFeed(text, { url }));

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>R &amp;amp; D</title><link>https://blog.example/</link><description>Notes on &lt;em&gt;things&lt;/em&gt;</description>
<language>en-gb</language><dc:creator>Feed Author</dc:creator>
<item><title>Old</title><link>/old/</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><category>Web Dev</category></item>
<item><title>Undated</title><link>/undated/</link><pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate><category>web dev</category></item>
<item><title>The &lt;dialog&gt; element &amp;amp; you</title><link>/new/</link><guid isPermaLink="false">post-42</guid>
  <pubDate>Tue, 02 Jan 2024 10:00:00 +0200</pubDate><dc:creator>Jane</dc:creator><category>Web Dev</category><category>HTML</category>
  <content:encoded><![CDATA[<p>See <a href="/a">a</a> and <img src="img/b.png" alt=""> and <a href="#n">n</a>, <a href="https://x.example/">x</a>.</p>]]></content:encoded></item>
<item><title>Old again</title><link>/old/</link></item>
</channel></rss>`;

describe('normalizeParsedFeed', () => {
  it('gives the feed fields, topics with counts and display names, newest first and undated last', () => {
    const feed = read(RSS);
    expect(feed).toMatchObject({
      title: 'R & D',
      description: 'Notes on things',
      homepage: 'https://blog.example/',
      language: 'en-gb',
      author: 'Feed Author',
      topics: [
        { slug: 'web-dev', name: 'Web Dev', count: 3 },
        { slug: 'html', name: 'HTML', count: 1 },
      ],
    });
    expect(feed.articles.map((a) => [a.title, a.date])).toEqual([
      ['The <dialog> element & you', '2024-01-02T08:00:00.000Z'],
      ['Old', '2024-01-01T10:00:00.000Z'],
      ['Undated', null],
    ]);
  });

  it('gives each article the FeedArticle fields plus bodyHtml, and nothing else', () => {
    const [a] = read(RSS).articles;
    expect(Object.keys(a ?? {}).sort()).toEqual(
      ['author', 'bodyHtml', 'date', 'dateOffset', 'id', 'readingMinutes', 'slug', 'summary', 'summaryTruncated', 'title', 'topics', 'url', 'words'].sort(),
    );
    expect(a).toMatchObject({
      id: expect.stringMatching(/^new-[0-9a-f]{12}$/), // readable part from the link, hash from the guid
      slug: 'new',
      url: 'https://blog.example/new/',
      topics: ['web-dev', 'html'],
      author: 'Jane',
    });
  });

  it('resolves relative links and images in bodies against the item link, leaving anchors and absolute URLs', () => {
    const [a] = read(RSS).articles;
    expect(a?.bodyHtml).toBe(
      '<p>See <a href="https://blog.example/a">a</a> and <img src="https://blog.example/new/img/b.png" alt=""> and <a href="#n">n</a>, <a href="https://x.example/">x</a>.</p>',
    );
  });

  it('keeps ids stable across fetches, safe, and unique; a repeated item once', () => {
    const first = read(RSS);
    const again = read(RSS.replace('<title>Old</title>', '<title>Old, edited</title>'));
    expect(again.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
    for (const a of first.articles) expect(a.id).toMatch(/^[a-z0-9._-]+$/);
    expect(first.articles.filter((a) => a.url === 'https://blog.example/old/')).toHaveLength(1);
  });

  it('uses guid, then id, then the link for ids', () => {
    const byGuid = read(RSS).articles[0]?.id;
    const sameLinkOtherGuid = read(RSS.replace('post-42', 'post-43')).articles[0]?.id;
    expect(byGuid).not.toBe(sameLinkOtherGuid);
    const json = (item: object) => read(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [item] }));
    // The hash part comes from the id (a number id counts as its string), the readable part from the link.
    const hashOf = (item: object) => json(item).articles[0]?.id.slice(-12);
    expect(hashOf({ id: 7, url: 'https://blog.example/p/' })).toBe(hashOf({ id: '7', url: 'https://blog.example/q/' }));
    expect(json({ url: 'https://blog.example/p/' }).articles[0]?.id).toMatch(/^p-[0-9a-f]{12}$/);
  });

  it('reads authors and bodies of every format', () => {
    const atom = read(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/"><title type="html">A &amp;amp; B</title>
      <subtitle>Sub</subtitle><author><name>Feed Person</name></author>
      <entry><id>tag:x,2024:1</id><title type="text">Using &lt;canvas&gt;</title><link href="one"/><updated>2024-05-01T00:00:00Z</updated>
        <content type="html">&lt;p&gt;&lt;img src="pic.png"&gt; hi&lt;/p&gt;</content></entry>
      <entry><id>tag:x,2024:2</id><title>Two</title><link href="two"/><author><name>Own</name></author><content type="text">plain &amp; simple</content></entry>
    </feed>`);
    expect(atom).toMatchObject({ title: 'A & B', description: 'Sub', author: 'Feed Person' });
    expect(atom.articles.map((a) => [a.title, a.author, a.bodyHtml])).toEqual([
      ['Using <canvas>', 'Feed Person', '<p><img src="https://atom.example/blog/pic.png"> hi</p>'],
      ['Two', 'Own', '<p>plain &#38; simple</p>'],
    ]);

    const json = read(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'J',
        description: 'About',
        author: { name: 'Old Style' },
        items: [
          { id: 'a', url: 'https://j.example/a', content_text: 'Text body', date_published: '2024-02-01T00:00:00+01:00' },
          { id: 'b', url: 'https://j.example/b', content_html: '<p>HTML body</p>', authors: [{ name: 'New Style' }] },
        ],
      }),
    );
    expect(json.description).toBe('About');
    expect(json.articles.map((a) => [a.id.slice(0, 1), a.author, a.bodyHtml, a.date])).toEqual([
      ['a', 'Old Style', '<p>Text body</p>', '2024-01-31T23:00:00.000Z'],
      ['b', 'New Style', '<p>HTML body</p>', null],
    ]);

    const hugo = read(JSON.stringify([{ title: 'H', permalink: '/h/', tags: ['Go Lang'], content: 'Line one\nLine two', author: 'Hu Go' }]), 'https://h.example/index.json');
    expect(hugo).toMatchObject({ title: 'h.example', description: '', topics: [{ slug: 'go-lang', name: 'Go Lang', count: 1 }] });
    expect(hugo.articles[0]).toMatchObject({ url: 'https://h.example/h/', author: 'Hu Go', bodyHtml: '<p>Line one</p>\n<p>Line two</p>' });
  });

  it('guards the invariants of a hand-built ParsedFeed: unique ids, ISO dates, own topic names only', () => {
    const base = { slug: 's', url: '', title: 't', topics: ['__proto__', 'x', 'x'], author: null, summary: '', summaryTruncated: false, words: 0, readingMinutes: 0, bodyHtml: null };
    const feed = normalizeParsedFeed({
      title: 'T',
      description: '',
      homepage: null,
      author: null,
      language: null,
      warnings: [],
      articles: [
        { ...base, id: 'a', date: '2024-01-01', topicNames: {} },
        { ...base, id: 'a', date: null, topicNames: {} },
        { ...base, id: 'b', date: 'yesterday', topicNames: { x: 'X' } },
      ],
    });
    expect(feed.articles.map((a) => [a.id, a.date, a.topics])).toEqual([
      ['a', '2024-01-01T00:00:00.000Z', ['__proto__', 'x']],
      ['b', null, ['__proto__', 'x']],
    ]);
    expect(feed.topics).toEqual([
      { slug: '__proto__', name: '__proto__', count: 2 },
      { slug: 'x', name: 'X', count: 2 },
    ]);
  });

  it('readFeed parses and normalises in one call', () => {
    expect(readFeed(RSS, { url: URL }).articles).toHaveLength(3);
  });
});

describe('plainTitle', () => {
  it('treats titles as HTML, but keeps a tag that is never closed as text', () => {
    expect(plainTitle('Tom &amp; Jerry &#8217;s')).toBe('Tom & Jerry ’s');
    expect(plainTitle('<b>Bold</b> move<br/>now')).toBe('Bold move now');
    expect(plainTitle('The <dialog> element')).toBe('The <dialog> element');
    expect(plainTitle('Why <b> is not <strong>')).toBe('Why <b> is not <strong>');
    expect(plainTitle('<em>x</em> and <div class="a">')).toBe('x and <div class="a">');
    expect(plainTitle('<script>alert(1)</script>Safe')).toBe('Safe');
  });

  it('cuts a title longer than 300 characters at a word', () => {
    const title = plainTitle('word '.repeat(200));
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title.endsWith('word…')).toBe(true);
    expect(clipText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('absoluteUrls', () => {
  it('resolves href, src and poster with any quoting; leaves schemes, anchors and bad URLs', () => {
    const base = 'https://b.example/posts/p/';
    expect(absoluteUrls(`<a href=x>1</a><a href='/y?a=1&amp;b=2'>2</a><video poster="p.jpg" src="//cdn.example/v.mp4">`, base)).toBe(
      '<a href="https://b.example/posts/p/x">1</a><a href="https://b.example/y?a=1&amp;b=2">2</a><video poster="https://b.example/posts/p/p.jpg" src="https://cdn.example/v.mp4">',
    );
    const kept = '<a href="#top">t</a><a href="javascript:alert(1)">j</a><img src="data:image/png;base64,AA"><a href="mailto:a@b.example">m</a>';
    expect(absoluteUrls(kept, base)).toBe(kept);
    expect(absoluteUrls('<a href="x">', null)).toBe('<a href="x">');
  });
});
