import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { readFeed } from '../../../src/lib/feed/formats/toFolio';

const entry = (n: number) => ({ title: `Post ${n}`, permalink: `/posts/${n}/`, date: `2024-01-0${n}T00:00:00Z`, tags: ['go'], content: `Body ${n}` });
const URL = 'https://blog.example/index.json';

describe('Hugo indexes wrapped in an object', () => {
  it.each(['articles', 'posts', 'items'])('reads the entries under "%s"', (key) => {
    const feed = parseFeed(JSON.stringify({ [key]: [entry(1), entry(2)] }), { url: URL });
    expect(feed.articles.map((a) => a.url)).toEqual(['https://blog.example/posts/1/', 'https://blog.example/posts/2/']);
    expect(feed.next ?? null).toBeNull();
  });

  it('exposes the next page, resolved against the address', () => {
    const feed = parseFeed(JSON.stringify({ articles: [entry(1)], next: '/page/2/index.json' }), { url: URL });
    expect(feed.next).toBe('https://blog.example/page/2/index.json');
    expect(parseFeed(JSON.stringify({ posts: [], next: 'https://blog.example/page/3/index.json' }), { url: URL }).next).toBe(
      'https://blog.example/page/3/index.json',
    );
  });

  it('still reads JSON Feed items as a JSON Feed', () => {
    const jsonFeed = { title: 'J', items: [{ id: '1', url: 'https://j.example/1', content_html: '<p>x</p>', date_published: '2024-01-01T00:00:00Z' }] };
    expect(parseFeed(JSON.stringify(jsonFeed)).title).toBe('J');
    expect(parseFeed(JSON.stringify({ ...jsonFeed, version: 'https://jsonfeed.org/version/1.1', posts: [entry(1)] })).articles[0]?.url).toBe('https://j.example/1');
  });

  it('resolves relative permalinks of a file against the home page the wrapper names', () => {
    const feed = parseFeed(JSON.stringify({ title: 'Wrapped', homepage: 'https://home.example/blog/', posts: [entry(1)] }));
    expect(feed.title).toBe('Wrapped');
    expect(feed.articles[0]?.url).toBe('https://home.example/posts/1/');
  });
});

describe('list and taxonomy pages are not articles', () => {
  const list = (title: string, permalink: string) => ({ title, permalink, date: '0001-01-01T00:00:00Z', content: '', summary: '' });

  it('skips them in a Hugo index and counts them', () => {
    const index = [entry(1), list('Tags', '/tags/'), list('Rust', '/tags/rust/'), list('Posts', '/posts/'), list('Archives', '/archives/'), { title: 'Categories' }];
    const feed = parseFeed(JSON.stringify(index), { url: URL });
    expect(feed.articles.map((a) => a.title)).toEqual(['Post 1']);
    expect(feed.listPages).toBe(5);
    expect(feed.warnings.filter((w) => /a list page, not an article/.test(w))).toHaveLength(5);
    // Without an address, their relative paths still tell them apart.
    expect(parseFeed(JSON.stringify(index)).listPages).toBe(5);
  });

  it('skips them in RSS, but keeps a dated or non-empty "Tags" post', () => {
    const item = (title: string, link: string, extra = '') => `<item><title>${title}</title><link>${link}</link>${extra}</item>`;
    const rss = `<rss version="2.0"><channel><title>H</title><link>https://h.example/</link>
      ${item('Real', 'https://h.example/posts/real/', '<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>Hi</description>')}
      ${item('Posts', 'https://h.example/posts/', '<pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate>')}
      ${item('Categories', 'https://h.example/categories/')}
      ${item('Tags', 'https://h.example/posts/about-tags/', '<pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate>')}
    </channel></rss>`;
    const feed = parseFeed(rss);
    expect(feed.articles.map((a) => a.title)).toEqual(['Real', 'Tags']);
    expect(feed.listPages).toBe(2);
    expect(readFeed(rss).articles).toHaveLength(2);
  });
});
