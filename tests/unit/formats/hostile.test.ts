import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { FeedParseError, type ParsedFeed } from '../../../src/lib/feed/formats/types';

function errorOf(run: () => unknown): FeedParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

/** parseFeed's contract: a ParsedFeed, or a FeedParseError — never any other exception. */
function parsesOrRefuses(text: string): boolean {
  let feed: ParsedFeed;
  try {
    feed = parseFeed(text, { url: 'https://example.org/feed' });
  } catch (error) {
    if (error instanceof FeedParseError) return true;
    throw error;
  }
  expect(typeof feed.title).toBe('string');
  for (const a of feed.articles) expect(a.id).toMatch(/^[a-z0-9._-]+$/);
  return true;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;

const VALID_RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T &amp; co</title><link>https://example.org/</link>
<item><title>One</title><link>/one</link><guid>https://example.org/one</guid><pubDate>Sat, 07 Sep 2002 00:00:01 GMT</pubDate><category>A</category><description>&lt;p&gt;Sum&lt;/p&gt;</description><content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item>
<item><title>Two</title><link>/two</link></item></channel></rss>`;
const VALID_ATOM = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/"><title type="html">A</title><link href="/"/>
<entry><id>urn:1</id><title>E</title><link href="e"/><updated>2024-01-01T00:00:00Z</updated><category term="x" label="X"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></div></content></entry></feed>`;
const VALID_JSON = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'J',
  items: [{ id: '1', url: 'https://example.org/1', title: 'One', tags: ['a'], date_published: '2024-01-01T00:00:00Z', content_html: '<p>x</p>' }],
});
const VALID_HUGO = JSON.stringify([{ title: 'H', permalink: 'https://example.org/h/', tags: ['t'], summary: 's', content: 'c' }]);

describe('hostile XML', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports broken XML with its line number', () => {
    const error = errorOf(() => parseFeed('<rss version="2.0">\n<channel>\n<title>x</titel>\n</channel>\n</rss>'));
    expect(error.message).toMatch(/^Broken XML at line 3, column \d+: /);
    expect(error.line).toBe(3);
    expect(errorOf(() => parseFeed('<rss><channel><title>a & b</title></channel></rss>')).message).toMatch(/^Broken XML at line 1/);
    expect(errorOf(() => parseFeed('\n\n  <rss><channel>')).message).toMatch(/^Broken XML at line 3/);
  });

  it('refuses a billion-laughs document with a clear message', () => {
    const error = errorOf(() => parseFeed(BILLION_LAUGHS));
    expect(error.message).toBe(
      'Refused: the XML declares an entity that expands other entities (<!ENTITY lol1> at line 4), the pattern of an entity-expansion ("billion laughs") attack.',
    );
    expect(error.line).toBe(4);
  });

  it('refuses quadratic blow-up (one big entity used many times) through the library limits', () => {
    const text = `<!DOCTYPE r [<!ENTITY big "${'x'.repeat(9000)}">]><rss><channel><title>${'&big;'.repeat(5000)}</title></channel></rss>`;
    expect(errorOf(() => parseFeed(text)).message).toMatch(/^Refused: the XML entities expand too much/);
  });

  it('refuses external and parameter entities and never fetches anything', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<rss><channel><title>&xxe;</title></channel></rss>';
    expect(errorOf(() => parseFeed(xxe)).message).toBe(
      'Refused: the XML declares an external entity (<!ENTITY xxe> at line 3); Folio never fetches external entities.',
    );
    const remote = '<!DOCTYPE rss [<!ENTITY x PUBLIC "-//x//EN" "https://evil.example/x">]><rss><channel><title>&x;</title></channel></rss>';
    expect(errorOf(() => parseFeed(remote)).message).toMatch(/external entity/);
    const parameter = '<!DOCTYPE rss [<!ENTITY % p SYSTEM "https://evil.example/p.dtd"> %p;]><rss><channel><title>t</title></channel></rss>';
    expect(errorOf(() => parseFeed(parameter)).message).toMatch(/parameter entity/);
    // An external DTD (no internal subset) is allowed: it is simply never read.
    const dtd = '<!DOCTYPE rss SYSTEM "https://evil.example/rss.dtd"><rss><channel><title>ok&nbsp;then</title></channel></rss>';
    expect(parseFeed(dtd).title).toBe('ok then');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('accepts harmless internal entities', () => {
    const text = '<!DOCTYPE rss [<!ENTITY site "Example">]><rss><channel><title>&site; blog</title></channel></rss>';
    expect(parseFeed(text).title).toBe('Example blog');
  });

  it('does not choke on a DOCTYPE written inside content', () => {
    const text = `<rss><channel><title>XXE explained</title><item><title>x</title><link>https://example.org/x</link><description><![CDATA[<pre>&lt;!DOCTYPE x [<!ENTITY a SYSTEM "file:///">]></pre>]]></description></item></channel></rss>`;
    expect(parseFeed(text).articles).toHaveLength(1);
  });

  it('refuses absurd nesting', () => {
    const deep = `<rss><channel><title>t</title>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</channel></rss>`;
    expect(errorOf(() => parseFeed(deep))).toBeInstanceOf(FeedParseError);
  });

  it('survives elements named like object internals', () => {
    const text = '<rss><channel><title>t</title><item><title>i</title><link>https://example.org/i</link><__proto__>x</__proto__><constructor>y</constructor><hasOwnProperty>z</hasOwnProperty></item></channel></rss>';
    expect(parseFeed(text).articles).toHaveLength(1);
  });
});

describe('hostile input of any kind', () => {
  it('reports truncated JSON with a position', () => {
    const error = errorOf(() => parseFeed(VALID_JSON.slice(0, 60)));
    expect(error.message).toMatch(/^Broken JSON/);
    expect(errorOf(() => parseFeed('{\n  "version": "https://jsonfeed.org/version/1.1",\n  "items": [\n')).message).toMatch(/^Broken JSON at line \d/);
  });

  it('refuses random bytes as binary data', () => {
    const rng = fc.sample(fc.uint8Array({ minLength: 2000, maxLength: 2000 }), { numRuns: 5, seed: 42 });
    for (const bytes of rng) {
      for (const text of [new TextDecoder().decode(bytes), String.fromCharCode(...bytes)]) {
        expect(errorOf(() => parseFeed(text)).message).toMatch(/binary data|Not a feed|Broken/);
      }
    }
  });

  it('refuses an HTML page served as a feed, pointing at its feed', () => {
    const page = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><img src=x onerror=alert(1)></body></html>';
    expect(errorOf(() => parseFeed(page, { url: 'https://blog.example/posts/' })).message).toBe(
      'This is an HTML page, not a feed. The page links its feed: use https://blog.example/atom.xml instead.',
    );
  });

  it('refuses 25 MB of input, stating the limit', () => {
    const huge = `<rss><channel><title>${'a'.repeat(25 * 1024 * 1024)}</title></channel></rss>`;
    expect(errorOf(() => parseFeed(huge)).message).toBe('The feed is too large: 25 MB, over the 20 MB limit.');
  });

  // The quadratic versions of these take minutes: the test's timeout is what catches them.
  it('stays linear on inputs built to make regular expressions backtrack', { timeout: 30_000 }, () => {
    const jsonFeed = (item: object) =>
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [{ id: '1', url: 'https://example.org/1', ...item }] });
    const unclosed = '<a'.repeat(300_000);
    const cases = [
      jsonFeed({ content_html: unclosed }),
      jsonFeed({ content_html: `${unclosed}<!--more-->x` }),
      jsonFeed({ title: unclosed, summary: unclosed }),
      jsonFeed({ content_text: `a${' '.repeat(500_000)}b\nc` }),
      jsonFeed({ tags: [`a${'.-'.repeat(300_000)}b`], id: `a${'.-'.repeat(300_000)}b`, authors: [{ name: 'a@'.repeat(300_000) }] }),
      `<!doctype html>${'<link '.repeat(100_000)}`,
      `<!--${'-->'.repeat(300_000)}`,
    ];
    for (const text of cases) {
      expect(parsesOrRefuses(text)).toBe(true);
    }
  });

  it('handles deeply nested JSON', () => {
    expect(parsesOrRefuses('['.repeat(100_000) + ']'.repeat(100_000))).toBe(true);
    expect(parsesOrRefuses(`{"version":"https://jsonfeed.org/version/1.1","items":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`)).toBe(true);
  });
});

describe('properties: parseFeed returns a ParsedFeed or throws FeedParseError, nothing else', () => {
  const FRAGMENTS = ['<rss>', '</rss>', '<channel>', '</channel>', '<item>', '</item>', '<title>', '</title>', '<feed xmlns="http://www.w3.org/2005/Atom">', '</feed>', '<entry>', '</entry>', '<link href="x"/>', '<![CDATA[', ']]>', '&amp;', '&#x1F600;', '&bogus;', '<!DOCTYPE x [', '<!ENTITY a "b">', ']>', '<?xml version="1.0"?>', '"', '{', '}', '[', ']', ':', ',', '"items"', '"version"', '"https://jsonfeed.org/version/1.1"', 'null', '12', '<guid>', '</guid>', '<pubDate>', '</pubDate>', 'Sat, 07 Sep 2002 00:00:01 GMT', '<content type="xhtml">', '</content>', '<div>', '</div>'];

  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), parsesOrRefuses), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), parsesOrRefuses), { numRuns: 300 });
  });

  it('for strings assembled from feed fragments', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => parsesOrRefuses(parts.join(''))), {
      numRuns: 1000,
    });
  });

  it('for arbitrary JSON values, alone and in feed-shaped places', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => parsesOrRefuses(JSON.stringify(value) ?? 'null')), { numRuns: 500 });
    const item = fc.dictionary(
      fc.constantFrom('id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'date_published', 'date_modified', 'tags', 'authors', 'author'),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const feed = fc.record({
      version: fc.constant('https://jsonfeed.org/version/1.1'),
      title: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
      items: fc.array(item, { maxLength: 5 }),
    });
    fc.assert(fc.property(feed, (value) => parsesOrRefuses(JSON.stringify(value))), { numRuns: 500 });
    const hugo = fc.array(fc.dictionary(fc.constantFrom('title', 'permalink', 'url', 'date', 'tags', 'summary', 'content', 'author'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 });
    fc.assert(fc.property(hugo, (value) => parsesOrRefuses(JSON.stringify(value))), { numRuns: 500 });
  });

  it('for mutated valid feeds', () => {
    const mutation = fc.record({
      at: fc.nat(),
      length: fc.nat({ max: 20 }),
      insert: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...FRAGMENTS)),
    });
    for (const valid of [VALID_RSS, VALID_ATOM, VALID_JSON, VALID_HUGO]) {
      expect(parsesOrRefuses(valid)).toBe(true);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          let text = valid;
          for (const { at, length, insert } of mutations) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + length);
          }
          return parsesOrRefuses(text);
        }),
        { numRuns: 400 },
      );
    }
  });
});
