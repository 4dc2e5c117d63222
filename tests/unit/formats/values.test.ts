import { describe, expect, it } from 'vitest';
import { articleIdFor, cutSummary } from '../../../src/lib/feed/formats/article';
import { parseFeedDate, personName, resolveUrl, textToHtml } from '../../../src/lib/feed/formats/values';

describe('parseFeedDate', () => {
  it('reads RFC 822 dates with every named zone', () => {
    const cases: [string, string][] = [
      ['Sat, 07 Sep 2002 00:00:01 GMT', '2002-09-07T00:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 UT', '2002-09-07T00:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 Z', '2002-09-07T00:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 EST', '2002-09-07T05:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 EDT', '2002-09-07T04:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 CST', '2002-09-07T06:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 CDT', '2002-09-07T05:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 MST', '2002-09-07T07:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 MDT', '2002-09-07T06:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 PST', '2002-09-07T08:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 PDT', '2002-09-07T07:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 +0200', '2002-09-06T22:00:01.000Z'],
      ['Sat, 07 Sep 2002 00:00:01 -0530', '2002-09-07T05:30:01.000Z'],
    ];
    for (const [input, expected] of cases) expect(parseFeedDate(input), input).toBe(expected);
  });

  it('tolerates RFC 822 variants seen in the wild', () => {
    expect(parseFeedDate('7 Sep 2002 10:20 GMT')).toBe('2002-09-07T10:20:00.000Z');
    expect(parseFeedDate('Tuesday, 3 June 2025 08:00:00 +0000')).toBe('2025-06-03T08:00:00.000Z');
    expect(parseFeedDate('Sat, 07 Sep 02 00:00:01 GMT')).toBe('2002-09-07T00:00:01.000Z');
    expect(parseFeedDate('Sat, 07 Sep 2002')).toBe('2002-09-07T00:00:00.000Z');
    expect(parseFeedDate('2024-05-01 10:00:00 +0200 CEST')).toBe('2024-05-01T08:00:00.000Z');
  });

  it('reads ISO 8601 with and without a zone (none = UTC) and date-only', () => {
    expect(parseFeedDate('2025-12-01T23:20:00+02:00')).toBe('2025-12-01T21:20:00.000Z');
    expect(parseFeedDate('2025-12-01T23:20:00Z')).toBe('2025-12-01T23:20:00.000Z');
    expect(parseFeedDate('2025-12-01T23:20:00')).toBe('2025-12-01T23:20:00.000Z');
    expect(parseFeedDate('2025-12-01')).toBe('2025-12-01T00:00:00.000Z');
  });

  it("gives null for Go's zero date, empty and nonsense", () => {
    expect(parseFeedDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseFeedDate('Mon, 01 Jan 0001 00:00:00 +0000')).toBeNull();
    expect(parseFeedDate('')).toBeNull();
    expect(parseFeedDate('   ')).toBeNull();
    expect(parseFeedDate(null)).toBeNull();
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('Sat, 32 Sep 2002 00:00:01 GMT')).toBeNull();
    expect(parseFeedDate('Sat, 07 Foo 2002 00:00:01 GMT')).toBeNull();
    expect(parseFeedDate('Sat, 07 Sep 2002 25:00:01 GMT')).toBeNull();
    expect(parseFeedDate('Sat, 07 Sep 2002 00:00:01 XYZ')).toBeNull();
  });
});

describe('helpers', () => {
  it('takes display names out of RSS author conventions', () => {
    expect(personName('jane@example.org (Jane Doe)')).toBe('Jane Doe');
    expect(personName('Jane Doe <jane@example.org>')).toBe('Jane Doe');
    expect(personName('  Jane   Doe ')).toBe('Jane Doe');
    expect(personName('')).toBeNull();
  });

  it('resolves links and keeps only http(s)', () => {
    expect(resolveUrl('/a/b', 'https://example.org/x/feed.xml')).toBe('https://example.org/a/b');
    expect(resolveUrl('b', 'https://example.org/x/feed.xml')).toBe('https://example.org/x/b');
    expect(resolveUrl('/a', null)).toBeNull();
    expect(resolveUrl('javascript:alert(1)', 'https://example.org/')).toBeNull();
    expect(resolveUrl('data:text/html,x', null)).toBeNull();
  });

  it('escapes plain text into paragraphs', () => {
    expect(textToHtml('One <b>\nline\n\nTwo & three')).toBe('<p>One &#60;b&#62;<br>line</p>\n<p>Two &#38; three</p>');
    expect(textToHtml('a\nb', true)).toBe('<p>a</p>\n<p>b</p>');
    expect(textToHtml('  \n ')).toBeNull();
  });
});

describe('articleIdFor', () => {
  it('is a readable slug plus a hash, file- and URL-safe, and deterministic', () => {
    const id = articleIdFor('https://example.org/2024/05/My-Café-Post/', 'https://example.org/2024/05/My-Café-Post/');
    expect(id).toMatch(/^my-cafe-post-[0-9a-f]{12}$/);
    expect(articleIdFor('https://example.org/2024/05/My-Café-Post/', 'https://example.org/2024/05/My-Café-Post/')).toBe(id);
    expect(articleIdFor('tag:example.org,2024:post-42', null)).toMatch(/^post-42-[0-9a-f]{12}$/);
    expect(articleIdFor('https://example.org/posts/hello/index.html', 'https://example.org/posts/hello/index.html')).toMatch(
      /^hello-[0-9a-f]{12}$/,
    );
    expect(articleIdFor('https://example.org/', 'https://example.org/')).toMatch(/^[0-9a-f]{12}$/);
    expect(articleIdFor('日本語', null)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('differs for different raw ids with the same link', () => {
    expect(articleIdFor('a', 'https://example.org/p')).not.toBe(articleIdFor('b', 'https://example.org/p'));
  });

  it('keeps long slugs short', () => {
    const id = articleIdFor(`https://example.org/${'word-'.repeat(40)}end`, null);
    expect(id.length).toBeLessThanOrEqual(48 + 13);
    expect(id).toMatch(/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/);
  });
});

describe('cutSummary', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${i + from}`).join(' ');

  it('keeps Hugo paragraph summaries', () => {
    const html = `<p>${words(40)}</p><p>${words(40, 40)}</p><p>${words(40, 80)}</p>`;
    const s = cutSummary(html);
    expect(s.summary.split(' ')).toHaveLength(80);
    expect(s.truncated).toBe(true);
  });

  it('cuts one long paragraph at about 70 words, at a sentence end when one is near', () => {
    const plain = cutSummary(`<p>${words(300)}</p>`);
    expect(plain.summary.split(' ')).toHaveLength(70);
    expect(plain.truncated).toBe(true);
    const sentence = cutSummary(`${words(75)}. ${words(200)}`);
    expect(sentence.summary.split(' ')).toHaveLength(75);
    expect(sentence.summary.endsWith('w74.')).toBe(true);
  });

  it('does not mark short text truncated', () => {
    expect(cutSummary('<p>Just a few words.</p>')).toEqual({ summary: 'Just a few words.', truncated: false });
  });
});
