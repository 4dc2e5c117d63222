import { describe, expect, it } from 'vitest';
import { MAX_FEED_BYTES } from '../../../src/lib/feed/limits';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { FeedParseError } from '../../../src/lib/feed/formats/types';

function errorOf(text: string, url?: string): FeedParseError {
  try {
    parseFeed(text, url === undefined ? {} : { url });
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

const RSS = '<rss version="2.0"><channel><title>R</title><item><title>i</title><link>https://example.org/i</link></item></channel></rss>';
const ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:1</id><title>e</title></entry></feed>';
const RDF =
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>D</title></channel><item rdf:about="https://example.org/d"><title>d</title></item></rdf:RDF>';

describe('parseFeed: sniffing', () => {
  it('dispatches on the XML root element', () => {
    expect(parseFeed(RSS).title).toBe('R');
    expect(parseFeed(ATOM).title).toBe('A');
    expect(parseFeed(RDF).title).toBe('D');
  });

  it('skips a BOM, whitespace, the XML declaration, comments, processing instructions and a DOCTYPE', () => {
    const text = `\uFEFF  \n<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl" type="text/xsl"?>\n<!-- hi -->\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n${RSS}`;
    expect(parseFeed(text).articles).toHaveLength(1);
  });

  it('dispatches JSON: JSON Feed by version, arrays as Hugo indexes', () => {
    expect(parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [] })).title).toBe('J');
    expect(parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'J1', items: [] })).title).toBe('J1');
    expect(parseFeed('  [{"title":"h","permalink":"https://example.org/h/"}]').articles[0]?.title).toBe('h');
  });

  it('refuses a Folio manifest and points to the folder sync', () => {
    const error = errorOf(JSON.stringify({ format: 'folio-feed', version: 1, shards: [] }));
    expect(error.message).toMatch(/Folio feed folder/);
    expect(error.message).toMatch(/folder sync/);
  });

  it('refuses other XML and JSON with what was found', () => {
    expect(errorOf('<opml version="2.0"><head/><body/></opml>').message).toBe(
      "Not a feed: the XML's root element is <opml>, where a feed has <rss>, <feed> (Atom) or <rdf:RDF>.",
    );
    expect(errorOf('{"version": "1.0", "posts": []}').message).toMatch(/^Not a feed: this JSON is neither a JSON Feed/);
    expect(errorOf('{"version": 3}').message).toMatch(/^Not a feed/);
    expect(errorOf('"just a string"').message).toMatch(/^Not a feed/);
    expect(errorOf('Hello, world').message).toBe(
      'Not a feed: expected RSS, Atom, JSON Feed or a Hugo search index, but the text starts "Hello, world".',
    );
  });
});

describe('parseFeed: rejections', () => {
  it('refuses empty input', () => {
    expect(errorOf('').message).toBe('The feed is empty.');
    expect(errorOf(' \n\t ').message).toBe('The feed is empty.');
    expect(errorOf('\uFEFF').message).toBe('The feed is empty.');
  });

  it('refuses an HTML page, naming the feed it links', () => {
    const page = `<!DOCTYPE html><html><head><title>Blog</title>
      <link rel="stylesheet" href="/s.css">
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/index.xml">
      <link rel="alternate" type="application/atom+xml" href="https://example.org/atom.xml?a=1&amp;b=2" />
      </head><body><p>Hi<br></p></body></html>`;
    expect(errorOf(page, 'https://example.org/blog/').message).toBe(
      'This is an HTML page, not a feed. The page links its feed: use https://example.org/index.xml instead (it also links https://example.org/atom.xml?a=1&b=2).',
    );
  });

  it('refuses an HTML page without a feed link, and XHTML', () => {
    expect(errorOf('<html><body>nothing</body></html>').message).toMatch(/^This is an HTML page, not a feed\. Use the address/);
    expect(errorOf('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head/><body/></html>').message).toMatch(
      /^This is an HTML page, not a feed/,
    );
    expect(errorOf("<HTML><HEAD><LINK REL='alternate' TYPE='application/feed+json' HREF='/feed.json'></HEAD></HTML>", 'https://e.example/').message).toMatch(
      /use https:\/\/e\.example\/feed\.json instead\.$/,
    );
  });

  it('refuses binary data', () => {
    expect(errorOf('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR').message).toMatch(/binary data/);
    expect(errorOf('\u001f\u008b\u0008\u0000' + '\u0003\u0004\u0005\u0006\u0007\u000e\u000f'.repeat(10)).message).toMatch(/binary data/);
  });

  it('refuses input over the size limit, stating the figure', () => {
    expect(MAX_FEED_BYTES).toBe(20 * 1024 * 1024);
    const big = `<rss><channel><title>${'x'.repeat(2000)}</title></channel></rss>`;
    expect(parseFeed(big).title).toHaveLength(300); // (titles are cut at 300 characters)
    expect(() => parseFeed(big, { maxBytes: 1024 })).toThrow('The feed is too large: 2 KB, over the 1 KB limit.');
    // Counted in UTF-8 bytes, not characters: 700 × "é" is 1400 bytes.
    expect(() => parseFeed(`[${JSON.stringify('é'.repeat(700))}]`, { maxBytes: 1024 })).toThrow(/too large/);
    expect(() => parseFeed(`[${JSON.stringify('e'.repeat(700))}]`, { maxBytes: 1024 })).toThrow(/Not a Hugo search index/);
  });

  it('ignores an unusable url option', () => {
    expect(parseFeed(RSS, { url: 'not a url' }).articles[0]?.url).toBe('https://example.org/i');
  });
});

describe('parseFeed: messages that say where the problem is', () => {
  const messageOf = (text: string) => {
    try {
      parseFeed(text);
    } catch (error) {
      if (error instanceof FeedParseError) return { message: error.message, line: error.line };
      throw error;
    }
    throw new Error('expected a FeedParseError');
  };

  it('names the elements left open by a truncated document, at its end', () => {
    expect(messageOf('<rss version="2.0">\n<channel><title>T</title>\n<item><description><![CDATA[cut')).toEqual({
      message: 'Broken XML at line 3 (the end): <description> (in <item> in <channel> in <rss>) is never closed; the document is cut short or lacks closing tags.',
      line: 3,
    });
  });

  it('recognises output printed before the XML declaration', () => {
    const text = 'Notice: Undefined index: q in /srv/feed.php on line 9\n<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>';
    expect(messageOf(text)).toEqual({
      message:
        'Broken XML at line 2: the XML declaration comes after other text ("Notice: Undefined index: q in /srv/feed.php on line 9"), often an error message the server printed before the feed.',
      line: 2,
    });
    // An XML declaration quoted inside a feed's content is not that.
    const quoted = '<rss version="2.0"><channel><title>T</title><item><title>x</title><description><![CDATA[<pre><?xml version="1.0"?><rss></pre>]]></description></item></channel></rss>';
    expect(parseFeed(quoted).articles).toHaveLength(1);
  });

  it('says nesting, not entities, when elements nest too deep', () => {
    expect(messageOf(`<rss><channel><title>t</title>${'<x>'.repeat(200)}${'</x>'.repeat(200)}</channel></rss>`).message).toMatch(
      /^Refused: the XML nests elements more than 100 deep/,
    );
  });

  it('keeps JSON syntax errors on one line', () => {
    expect(messageOf('{"version": "https://jsonfeed.org/version/1.1",\n "items": [{"id": NaN}]}').message).not.toMatch(/\n/);
  });
});
