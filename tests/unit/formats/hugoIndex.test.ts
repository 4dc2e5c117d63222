import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { FeedParseError } from '../../../src/lib/feed/formats/types';

const parse = (value: unknown, url: string | null = 'https://blog.example/index.json') =>
  parseFeed(JSON.stringify(value), url === null ? {} : { url });

describe('Hugo search index', () => {
  it('reads a PaperMod-style index.json entry', () => {
    const feed = parse([
      {
        title: 'Tom &amp; Jerry',
        permalink: 'https://blog.example/posts/tom-and-jerry/',
        date: '2024-03-05T09:00:00+01:00',
        tags: ['Cartoons', 'C#'],
        summary: 'It&rsquo;s a cat and a mouse.',
        content: 'It’s a cat and a mouse.\nThey fight &amp; make up.\n\nThe end <really>.',
      },
    ]);
    expect(feed).toMatchObject({ title: 'blog.example', homepage: 'https://blog.example/', author: null, language: null, warnings: [] });
    expect(feed.articles[0]).toEqual({
      id: expect.stringMatching(/^tom-and-jerry-[0-9a-f]{12}$/),
      slug: 'tom-and-jerry',
      url: 'https://blog.example/posts/tom-and-jerry/',
      title: 'Tom & Jerry',
      date: '2024-03-05T08:00:00.000Z',
      dateOffset: 60,
      topics: ['cartoons', 'c#'],
      topicNames: { cartoons: 'Cartoons', 'c#': 'C#' },
      author: null,
      summary: 'It’s a cat and a mouse.',
      summaryTruncated: true,
      words: 14,
      readingMinutes: 1,
      bodyHtml: '<p>It’s a cat and a mouse.</p>\n<p>They fight &#38; make up.</p>\n<p>The end &#60;really&#62;.</p>',
    });
  });

  it('accepts url for permalink, resolves relative links, and treats the zero date as undated', () => {
    const feed = parse([
      { title: 'A', url: '/posts/a/', date: '0001-01-01T00:00:00Z' },
      { title: 'B', permalink: 'posts/b/' },
    ]);
    expect(feed.articles.map((a) => [a.url, a.date])).toEqual([
      ['https://blog.example/posts/a/', null],
      ['https://blog.example/posts/b/', null],
    ]);
    expect(feed.warnings).toEqual([]);
  });

  it('derives the summary from the content when there is none', () => {
    const content = Array.from({ length: 30 }, (_, i) => `Line ${i} has five words.`).join('\n');
    const [a] = parse([{ title: 'Long', permalink: 'https://blog.example/long/', content }]).articles;
    expect(a?.summaryTruncated).toBe(true);
    expect(a?.words).toBe(150);
    expect(a?.summary.startsWith('Line 0 has five words. Line 1')).toBe(true);
  });

  it('keeps relative links as ids when the index address is unknown', () => {
    const feed = parse([{ title: 'A', permalink: '/posts/a/' }], null);
    expect(feed.title).toBe('Untitled feed');
    expect(feed.articles[0]).toMatchObject({ url: '', id: expect.stringMatching(/^a-[0-9a-f]{12}$/) });
    expect(feed.warnings).toEqual([
      '$[0] ("A"): no link to the original post.',
      '1 entries have relative links and the index has no address: give its base URL to link to the posts.',
    ]);
  });

  it('skips entries of the wrong type, keeps the rest; drops repeats', () => {
    const feed = parse([
      { title: 'Good', permalink: 'https://blog.example/good/' },
      { title: 'Bad tags', permalink: 'https://blog.example/bad/', tags: 'go' },
      42,
      { title: 'Bad date', permalink: 'https://blog.example/d/', date: 20240101 },
      { title: 'Again', permalink: 'https://blog.example/good/' },
    ]);
    expect(feed.articles.map((a) => a.title)).toEqual(['Good']);
    expect(feed.warnings).toEqual([
      '$[1].tags: expected an array of strings, got a string; entry skipped.',
      '$[2]: expected an object (an index entry), got a number; entry skipped.',
      '$[3].date: expected a string, got a number; entry skipped.',
      '$[4] ("Again"): repeats the id "https://blog.example/good/" of an earlier one; kept the first.',
    ]);
  });

  it('refuses an array with nothing readable, and warns about an empty one', () => {
    expect(() => parse([1, 2, 3])).toThrow(FeedParseError);
    expect(() => parse([1, 2, 3])).toThrow('Not a Hugo search index: no entry could be read ($[0]: expected an object (an index entry), got a number).');
    expect(parse([]).warnings).toEqual(['The index is empty.']);
  });

  it('never lets a javascript: link through', () => {
    const feed = parse([{ title: 'X', permalink: 'javascript:alert(1)' }]);
    expect(feed.articles[0]?.url).toBe('');
  });
});
