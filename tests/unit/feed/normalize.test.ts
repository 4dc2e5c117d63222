import { describe, expect, it } from 'vitest';
import { forEachTerm } from '../../../src/lib/search/tokenize';
import { parseDate } from '../../../src/lib/feed/dates';
import { htmlToPlainText, htmlToWordText } from '../../../src/lib/feed/htmlText';
import { countWords, makeArticleId, readingMinutes, slugifyTopic, summarize } from '../../../src/lib/feed/normalize';

describe('parseDate', () => {
  it('converts dates with a zone to UTC', () => {
    expect(parseDate('2025-12-01T23:20:00+02:00')).toBe('2025-12-01T21:20:00.000Z');
    expect(parseDate('2026-04-03T21:01:12.593Z')).toBe('2026-04-03T21:01:12.593Z');
    expect(parseDate('2026-01-01T00:30:00-0130')).toBe('2026-01-01T02:00:00.000Z');
  });

  it('takes a date-time without a zone as UTC', () => {
    expect(parseDate('2026-03-22T13:42:41.762')).toBe('2026-03-22T13:42:41.762Z');
    expect(parseDate('2026-03-22 13:42')).toBe('2026-03-22T13:42:00.000Z');
    expect(parseDate('  2026-03-22T13:42:41.76  ')).toBe('2026-03-22T13:42:41.760Z');
  });

  it('takes a date-only value as midnight UTC', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('accepts Date objects (YAML timestamps)', () => {
    expect(parseDate(new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toBe('2025-01-02T03:04:05.000Z');
    expect(parseDate(new Date(Number.NaN))).toBeNull();
  });

  it('gives null for Go zero dates, empty and garbage values', () => {
    expect(parseDate('0001-01-01')).toBeNull();
    expect(parseDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseDate('')).toBeNull();
    expect(parseDate('   ')).toBeNull();
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
    expect(parseDate(42)).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
    expect(parseDate('2025-02-29')).toBeNull();
    expect(parseDate('2025-13-01')).toBeNull();
    expect(parseDate('2025-01-01T25:00:00')).toBeNull();
    expect(parseDate('2025-01-01T10:00:00+02:00 extra')).toBeNull();
  });
});

describe('slugifyTopic', () => {
  it('merges spelling variants of a tag', () => {
    expect(slugifyTopic('Distributed Systems')).toBe('distributed-systems');
    expect(slugifyTopic('distributed-systems')).toBe('distributed-systems');
    expect(slugifyTopic('  Distributed   Systems ')).toBe('distributed-systems');
    expect(slugifyTopic('Real‑Time')).toBe('real-time'); // U+2011 non-breaking hyphen
    expect(slugifyTopic('real-time')).toBe('real-time');
  });

  it('collapses punctuation runs and trims hyphens', () => {
    expect(slugifyTopic('CI/CD')).toBe('ci-cd');
    expect(slugifyTopic('"Quoted" (tag)!')).toBe('quoted-tag');
    expect(slugifyTopic('--a -- b--')).toBe('a-b');
    expect(slugifyTopic('!!!')).toBe('');
  });

  it('keeps unicode letters and digits, and the characters of C++, C#, Node.js', () => {
    expect(slugifyTopic('Café Crème')).toBe('café-crème');
    expect(slugifyTopic('数据库')).toBe('数据库');
    expect(slugifyTopic('OAuth 2.0')).toBe('oauth-2.0');
    expect(slugifyTopic('C++')).toBe('c++');
    expect(slugifyTopic('C#')).toBe('c#');
    expect(slugifyTopic('C')).toBe('c');
    expect(slugifyTopic('Node.js')).toBe('node.js');
    expect(slugifyTopic('snake_case')).toBe('snake_case');
  });

  it('gives a slug back as it is, and still slugifies what only looks like one', () => {
    for (const slug of ['rust', 'c++', 'c#', 'node.js', 'oauth-2.0', 'a.-b', 'snake_case', 'x', '2026']) expect(slugifyTopic(slug)).toBe(slug);
    expect(slugifyTopic('a--b')).toBe('a-b');
    expect(slugifyTopic('-a')).toBe('a');
    expect(slugifyTopic('a-')).toBe('a');
    expect(slugifyTopic('.a')).toBe('a');
    expect(slugifyTopic('a.')).toBe('a');
    expect(slugifyTopic('-')).toBe('');
    expect(slugifyTopic('.')).toBe('');
    expect(slugifyTopic('Rust')).toBe('rust');
    expect(slugifyTopic('a b')).toBe('a-b');
  });
});

describe('countWords and readingMinutes', () => {
  it('counts whitespace-separated fields', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   ')).toBe(0);
    expect(countWords('one')).toBe(1);
    expect(countWords(' one  two\nthree\tfour — five ')).toBe(6);
  });

  it('splits where /\\s+/ does, at every kind of JavaScript whitespace and nowhere else', () => {
    const units = ['a', ' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', '\ud800', 'é'];
    for (const a of units) for (const b of units) for (const c of units) {
      const text = `${a}x${b}${c}y`;
      expect(countWords(text), JSON.stringify(text)).toBe(text.match(/\S+/g)?.length ?? 0);
    }
  });

  it('uses Hugo\u2019s (words + 212) / 213', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(213)).toBe(1);
    expect(readingMinutes(214)).toBe(2);
    expect(readingMinutes(2256)).toBe(11);
    expect(readingMinutes(2783)).toBe(14);
  });
});

describe('htmlToWordText', () => {
  const pages = [
    '<h2 id="x">Title</h2>\n\n<p>A &amp; B&nbsp;C &rarr; &#8217;</p>\n<pre><code>x  =\t1\n</code></pre>',
    ' <p>soft\u00adhyphen, zero\u200bwidth, bom\ufeffhere, nul\u0000byte, lone \ud800 half</p> ',
    '<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\r\n<td>a</td><td>b</td>',
  ];

  it('counts and indexes the same words as the plain text', () => {
    for (const html of pages) {
      const words = htmlToWordText(html);
      const plain = htmlToPlainText(html);
      expect(countWords(words)).toBe(countWords(plain));
      const terms = (text: string) => {
        const out: string[] = [];
        forEachTerm(text, (t) => void out.push(t));
        return out;
      };
      expect(terms(words)).toEqual(terms(plain));
    }
  });

  it('leaves the whitespace as it is', () => {
    expect(htmlToWordText('<p>a</p>\n\n<p>b  c</p>')).toBe(' a \n\n b  c ');
  });
});

describe('htmlToPlainText', () => {
  it('strips tags, decodes entities, keeps block words apart', () => {
    expect(htmlToPlainText('<h2 id="x">Title</h2><p>A &amp; B&nbsp;C &rarr; &#8217;</p>')).toBe('Title A & B C → ’');
    expect(htmlToPlainText('<ul><li>one</li><li>two</li></ul><td>a</td><td>b</td>')).toBe('one two a b');
    expect(htmlToPlainText('in<em>line</em> <code>x&lt;y</code>')).toBe('inline x<y');
    expect(htmlToPlainText('a<!-- note -->b<script>var x = 1;</script> c')).toBe('a b c');
  });

  it('keeps a "<" that no ">" follows as text, and drops what an unclosed comment or script starts', () => {
    expect(htmlToPlainText('1 < 2 and <b>3</b> > 2 <3')).toBe('1 < 2 and 3 > 2 <3');
    expect(htmlToPlainText('x<a <b>y<a')).toBe('xy<a');
    expect(htmlToPlainText('a<p-->b</h1 >c')).toBe('a b c');
    expect(htmlToPlainText('kept<!-- never closed <p>gone')).toBe('kept');
    expect(htmlToPlainText('kept<script>gone</script x')).toBe('kept');
  });

  // A quadratic version takes minutes on these (300 KB of "<a" took about 35 s): the
  // test's timeout is what catches a regression, not a timed assertion.
  it('is linear on input built to make it backtrack', () => {
    const size = 300_000;
    const hostile = [
      '<a'.repeat(size / 2),
      `>${'</a'.repeat(size / 3)}`,
      `<p>x</p>${'<b'.repeat(size / 2)}`,
      `<a${'-'.repeat(size)} `,
      '<!--'.repeat(size / 4),
      '<script'.repeat(size / 7),
      `<style>${`</style${' '.repeat(1000)}`.repeat(size / 1000)}`,
      '&#x'.repeat(size / 3),
    ];
    for (const html of hostile) expect(typeof htmlToPlainText(html)).toBe('string');
    expect(htmlToPlainText('<a'.repeat(size / 2))).toHaveLength(size);
    expect(summarize(`<p>${'<a'.repeat(size / 2)}</p>`.repeat(2)).truncated).toBe(false);
  });
});

const para = (words: number, word = 'w') => `<p>${Array.from({ length: words }, () => word).join(' ')}</p>\n`;

describe('summarize', () => {
  it('returns a short post whole, not truncated', () => {
    const html = '<h2 id="intro">Intro</h2>\n' + para(20) + para(30);
    expect(summarize(html, 70)).toEqual({ summary: `Intro ${'w '.repeat(50).trim()}`, truncated: false });
  });

  it('cuts after the paragraph where the count reaches 70', () => {
    const html = para(40) + para(40) + para(10);
    const result = summarize(html, 70);
    expect(result.truncated).toBe(true);
    expect(countWords(result.summary)).toBe(80);
  });

  it('counts text between paragraphs (headings, lists) but not bare tags or attributes', () => {
    // The list's link texts are one-word tokens glued to markup: Hugo counts none of them.
    const list = '<ol>\n' + '<li><a href="#x">Intro</a></li>\n'.repeat(50) + '</ol>\n';
    expect(summarize(list + para(60) + para(60), 70).summary.split(' ').length).toBe(50 + 60 + 60);
    const heading = '<h2 id="a">Three words here</h2>\n';
    expect(countWords(summarize(heading + para(66) + para(5), 70).summary)).toBe(3 + 66 + 5);
  });

  it('does not count the last character of a segment (as Hugo)', () => {
    // 70 words count 69 (the last "w" is its segment's final character); "a" alone counts 0; the
    // cut comes after "w w", which counts 1.
    const result = summarize(para(70) + para(1, 'a') + para(2) + para(5), 70);
    expect(result.truncated).toBe(true);
    expect(result.summary.endsWith('w a w w')).toBe(true);
    expect(countWords(result.summary)).toBe(73);
  });

  it('uses everything before <!--more--> as the summary', () => {
    expect(summarize('<p>Lead &amp; more</p>\n<!--more-->\n<p>Rest</p>\n')).toEqual({ summary: 'Lead & more', truncated: true });
    expect(summarize('<p>All of it</p>\n<!--more-->\n')).toEqual({ summary: 'All of it', truncated: false });
  });
});

describe('makeArticleId', () => {
  it('is lower-case and file-safe', () => {
    expect(makeArticleId('2026-04-03-My Post')).toBe('2026-04-03-my-post');
    expect(makeArticleId('Café_Crème.v2')).toBe('cafe_creme.v2');
    expect(makeArticleId('a..b//c')).toBe('a.b-c');
    expect(makeArticleId('..hidden.')).toBe('hidden');
    expect(makeArticleId('数据库')).toBe('untitled');
    expect(makeArticleId('x'.repeat(3))).toMatch(/^[a-z0-9._-]+$/);
  });
});

describe('hostile input stays linear', () => {
  // A quadratic trim takes minutes on this input, far past the test's own timeout.
  it('trims 400k separator characters around a slug', () => {
    const run = '.-'.repeat(100_000) + 'x' + '.-'.repeat(100_000);
    expect(slugifyTopic(run)).toBe('x');
    expect(makeArticleId(run)).toBe('x');
  });
});
