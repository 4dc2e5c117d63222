import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { MAX_ARTICLES_PER_FEED } from '../../../src/lib/feed/limits';

const BODY = '<p>Some body text with a handful of words in it, enough to count.</p><p>A second paragraph.</p>';

describe('large feeds', () => {
  it('parses a JSON Feed of 100,000 items', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({
      id: `https://example.org/posts/${i}/`,
      url: `https://example.org/posts/${i}/`,
      title: `Post number ${i}`,
      date_published: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
      tags: [`tag${i % 50}`, 'Common'],
      content_html: BODY,
    }));
    const text = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Big', items });
    // About 28 MB: over the default limit, which is about bytes, not items.
    const feed = parseFeed(text, { maxBytes: 64 * 1024 * 1024 });
    expect(feed.articles).toHaveLength(100_000);
    expect(new Set(feed.articles.map((a) => a.id)).size).toBe(100_000);
    expect(feed.articles[99_999]).toMatchObject({ title: 'Post number 99999', topics: ['tag49', 'common'], words: 16 });
    expect(feed.warnings).toEqual([]);
  }, 30_000);

  it('parses an RSS feed of 20,000 items', () => {
    const items = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<item><title>Post ${i} &amp; more</title><link>https://example.org/p/${i}/</link><guid>https://example.org/p/${i}/</guid>` +
        `<pubDate>Sat, 07 Sep 2002 00:00:01 GMT</pubDate><category>Cat ${i % 7}</category>` +
        `<description>Summary of ${i}</description><content:encoded><![CDATA[${BODY}]]></content:encoded></item>`,
    ).join('\n');
    const text = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big</title>${items}</channel></rss>`;
    const feed = parseFeed(text);
    expect(feed.articles).toHaveLength(20_000);
    expect(new Set(feed.articles.map((a) => a.id)).size).toBe(20_000);
    expect(feed.articles[19_999]).toMatchObject({ title: 'Post 19999 & more', topics: ['cat-0'], summary: 'Summary of 19999' });
  }, 30_000);

  it('reads the first MAX_ARTICLES_PER_FEED items of a feed that holds more, and says so', () => {
    const extra = 7;
    const items = Array.from({ length: MAX_ARTICLES_PER_FEED + extra }, (_, i) => `{"id":"${i}","title":"T${i}","content_text":"x"}`);
    const text = `{"version":"https://jsonfeed.org/version/1.1","title":"Tiny","items":[${items.join(',')}]}`;
    const feed = parseFeed(text);
    expect(feed.articles).toHaveLength(MAX_ARTICLES_PER_FEED);
    expect(feed.articles.at(-1)?.title).toBe(`T${MAX_ARTICLES_PER_FEED - 1}`);
    expect(feed.warnings.filter((w) => w.includes('skipped the rest'))).toEqual([
      `$.items[${MAX_ARTICLES_PER_FEED}]: the feed holds more than 100,000 articles; read the first 100,000, skipped the rest.`,
    ]);
  }, 60_000);

  it('caps warnings for a feed of many broken items', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => (i % 2 === 0 ? { id: String(i), date_published: i } : 'junk'));
    const feed = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bad', items }));
    expect(feed.articles).toEqual([]);
    expect(feed.warnings).toHaveLength(201);
    expect(feed.warnings.at(-1)).toBe('…and 49800 more warnings.');
  }, 30_000);
});
