import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { FeedParseError } from '../../../src/lib/feed/formats/types';

const V11 = 'https://jsonfeed.org/version/1.1';

function jsonFeed(items: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: V11, title: 'JSON Blog', home_page_url: 'https://example.org/', items, ...extra });
}

const parse = (text: string, url = 'https://example.org/feed.json') => parseFeed(text, { url });

function parseError(text: string): FeedParseError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

describe('JSON Feed', () => {
  it('reads a 1.1 feed and a complete item', () => {
    const feed = parse(
      jsonFeed(
        [
          {
            id: 'https://example.org/posts/first/',
            url: 'https://example.org/posts/first/',
            title: 'Tom &amp; Jerry &#8217;s',
            date_published: '2025-06-03T10:00:00+02:00',
            tags: ['Web Dev', 'web dev', 'Go'],
            authors: [{ name: 'Jane' }],
            summary: 'A plain <summary>.',
            content_html: '<p>The full body, which is longer than the summary.</p>',
          },
        ],
        { authors: [{ name: 'Feed Author', url: 'https://example.org/me' }], language: 'de' },
      ),
    );
    expect(feed).toMatchObject({ title: 'JSON Blog', homepage: 'https://example.org/', author: 'Feed Author', language: 'de', warnings: [] });
    expect(feed.articles[0]).toEqual({
      id: expect.stringMatching(/^first-[0-9a-f]{12}$/),
      slug: 'first',
      url: 'https://example.org/posts/first/',
      title: 'Tom & Jerry ’s',
      date: '2025-06-03T08:00:00.000Z',
      dateOffset: 120,
      topics: ['web-dev', 'go'],
      topicNames: { 'web-dev': 'Web Dev', go: 'Go' },
      author: 'Jane',
      summary: 'A plain <summary>.',
      summaryTruncated: true,
      words: 9,
      readingMinutes: 1,
      bodyHtml: '<p>The full body, which is longer than the summary.</p>',
    });
  });

  it('reads 1.0 feeds: author objects, numeric ids, content_text, external_url, date_modified', () => {
    const feed = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'Old',
        author: { name: 'Solo' },
        items: [
          { id: 42, title: 'Linked', external_url: 'https://elsewhere.example/a', content_text: 'First <para>.\n\nSecond & last.', date_modified: '2020-01-01T00:00:00Z' },
          { id: '43', title: 'Own', url: '/posts/43/', author: { name: 'Guest' }, content_text: 'x' },
        ],
      }),
    );
    const [a, b] = feed.articles;
    expect(a).toMatchObject({ url: 'https://elsewhere.example/a', author: 'Solo', date: '2020-01-01T00:00:00.000Z' });
    expect(a?.id).toMatch(/^a-[0-9a-f]{12}$/);
    expect(a?.bodyHtml).toBe('<p>First &#60;para&#62;.</p>\n<p>Second &#38; last.</p>');
    expect(a?.summary).toBe('First <para>. Second & last.');
    expect(b).toMatchObject({ url: 'https://example.org/posts/43/', author: 'Guest' });
    expect(a?.id).not.toBe(b?.id);
  });

  it('titles untitled items (microblog posts) from their text, with a warning', () => {
    const feed = parse(jsonFeed([{ id: '1', url: 'https://example.org/1', content_text: 'Just a short note' }, { id: '2', url: 'https://example.org/2' }]));
    expect(feed.articles.map((a) => a.title)).toEqual(['Just a short note', 'Untitled']);
    expect(feed.warnings).toHaveLength(2);
  });

  it('keeps topics named like object internals', () => {
    const feed = parse(jsonFeed([{ id: '1', url: 'https://example.org/1', title: 't', tags: ['__proto__', 'constructor', '__proto__'] }]));
    expect(feed.articles[0]?.topics).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(feed.articles[0]?.topicNames ?? {})).toEqual(['__proto__', 'constructor']);
  });

  it('keeps a repeated id once', () => {
    const feed = parse(jsonFeed([{ id: 'x', url: 'https://example.org/a', title: 'A' }, { id: 'x', url: 'https://example.org/b', title: 'B' }]));
    expect(feed.articles.map((a) => a.title)).toEqual(['A']);
    expect(feed.warnings).toEqual(['$.items[1] ("B"): repeats the id "x" of an earlier one; kept the first.']);
  });

  it('skips an item of wrong type with a warning naming its path, keeps the rest', () => {
    const feed = parse(
      jsonFeed([
        { id: '1', url: 'https://example.org/1', title: 'Good' },
        { id: '2', url: 'https://example.org/2', title: 'Bad date', date_published: 12 },
        'not an object',
        { id: '4', url: 'https://example.org/4', title: 'Bad tag', tags: ['ok', 5] },
        { id: { nested: true }, title: 'Bad id' },
        { id: '6', url: 'https://example.org/6', title: 'Bad authors', authors: 'Jane' },
        { id: '7', url: 'https://example.org/7', title: 'Unreadable date', date_published: 'last Tuesday' },
      ]),
    );
    expect(feed.articles.map((a) => a.title)).toEqual(['Good', 'Unreadable date']);
    expect(feed.warnings).toEqual([
      '$.items[1].date_published: expected a string, got a number; item skipped.',
      '$.items[2]: expected an object, got a string; item skipped.',
      '$.items[3].tags[1]: expected a string, got a number; item skipped.',
      '$.items[4].id: expected a string, got an object; item skipped.',
      '$.items[5].authors: expected an array, got a string; item skipped.',
      '$.items[6].date_published: unreadable date "last Tuesday"; left undated.',
    ]);
  });

  it('fails the whole feed on a feed-level type error, naming the path', () => {
    expect(parseError(jsonFeed([], { items: { a: 1 } })).path).toBe('$.items');
    expect(parseError(jsonFeed([], { items: { a: 1 } })).message).toBe('$.items: expected an array, got an object.');
    expect(parseError(jsonFeed([], { title: 5 })).message).toBe('$.title: expected a string, got a number.');
    expect(parseError(jsonFeed([], { home_page_url: [] })).message).toBe('$.home_page_url: expected a string, got an array.');
    expect(parseError(jsonFeed([], { author: 'me' })).path).toBe('$.author');
    expect(parseError(JSON.stringify({ version: V11, title: 'x' })).message).toBe('$.items: expected an array, got nothing.');
  });

  it('warns about a missing title and an unknown version; reads feeds without a version if they have items', () => {
    const feed = parse(JSON.stringify({ version: 'https://jsonfeed.org/version/2', items: [] }));
    expect(feed.title).toBe('example.org');
    expect(feed.warnings).toEqual([
      '$.version: unknown version "https://jsonfeed.org/version/2"; read as 1.1.',
      'The feed has no title; showing it as "example.org".',
    ]);
    const noVersion = parse(JSON.stringify({ title: 'T', items: [{ id: '1', url: 'https://example.org/1', title: 'x' }] }));
    expect(noVersion.articles).toHaveLength(1);
    expect(noVersion.warnings[0]).toMatch(/^\$\.version: missing/);
  });

  it('cuts long summaries and derives them from content_html when absent', () => {
    const text = Array.from({ length: 150 }, (_, i) => `w${i}`).join(' ');
    const feed = parse(jsonFeed([{ id: '1', url: 'https://example.org/1', title: 't', content_html: `<p>${text}</p>` }]));
    expect(feed.articles[0]?.summary.split(' ')).toHaveLength(70);
    expect(feed.articles[0]).toMatchObject({ summaryTruncated: true, words: 150 });
  });
});
