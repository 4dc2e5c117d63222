import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../src/lib/feed/formats/types';
import { OPML_LIMITS, parseOpml, type OpmlFeed } from '../../../src/lib/feed/opml';
import { writeOpml } from '../../../src/lib/feed/opmlWrite';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/keep/${name}`, import.meta.url), 'utf8');
const NOW = Date.UTC(2025, 5, 3, 10, 0, 0);

function refusal(text: string): FeedParseError {
  try {
    parseOpml(text);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

const opml = (body: string, head = '<head><title>T</title></head>'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n${head}\n<body>\n${body}\n</body>\n</opml>\n`;
const feed = (n: number | string): string => `<outline type="rss" text="F${n}" xmlUrl="https://f${n}.example.org/feed.xml"/>`;

describe('parseOpml', () => {
  it('reads nested folders as category paths, and skips what it cannot subscribe to', () => {
    const list = parseOpml(fixture('nested.opml'));
    expect(list.title).toBe('Reading & more');
    expect(list.feeds).toEqual([
      { title: 'Top level', xmlUrl: 'https://top.example.org/index.xml', htmlUrl: 'https://top.example.org/', categories: [] },
      {
        title: 'CSS <Tricks> & co',
        xmlUrl: 'https://css.example.com/feed/?format=rss&lang=en',
        htmlUrl: 'https://css.example.com/',
        categories: ['Tech', 'Web', 'Frontend'],
      },
      { title: 'Web Weekly', xmlUrl: 'https://web.example.net/atom.xml', htmlUrl: null, categories: ['Tech', 'Web'] },
      // A javascript: site link is dropped; the feed stays.
      { title: 'Systems', xmlUrl: 'https://sys.example.org/rss', htmlUrl: null, categories: ['Tech'] },
      { title: 'Spaced title', xmlUrl: 'https://news.example.com/feed.xml', htmlUrl: null, categories: ['News'] },
    ]);
    // javascript: feed, rss outline without an address, the repeated top-level feed.
    expect(list.skipped).toBe(3);
  });

  it('reads a Miniflux export (no type attribute, folders by text)', () => {
    const list = parseOpml(fixture('miniflux.opml'));
    expect(list.feeds.map((f) => [f.title, f.categories[0]])).toEqual([
      ["Julia Evans", 'All'],
      ["Simon Willison's Weblog", 'All'],
      ['The Go Blog', 'Go'],
    ]);
    expect(list.skipped).toBe(0);
  });

  it('reads a NetNewsWire export (OPML 1.1, feeds at the top and in folders)', () => {
    const list = parseOpml(fixture('netnewswire.opml'));
    expect(list.title).toBe('Subscriptions-OnMyMac.opml');
    expect(list.feeds.map((f) => [f.xmlUrl, f.categories])).toEqual([
      ['https://daringfireball.net/feeds/main', []],
      ['https://sixcolors.com/feed/', ['Apple']],
      ['https://mjtsai.com/blog/feed/', ['Apple']],
    ]);
  });

  it('reads a Feedly export (OPML 1.0), keeping a feed filed in two folders once', () => {
    const list = parseOpml(fixture('feedly.opml'));
    expect(list.feeds.map((f) => f.title)).toEqual(['Smashing Magazine', 'A List Apart', 'xkcd.com']);
    expect(list.feeds[0]?.categories).toEqual(['Design']);
    expect(list.feeds[2]).toMatchObject({ xmlUrl: 'http://xkcd.com/rss.xml', htmlUrl: 'http://xkcd.com/' });
    expect(list.skipped).toBe(1);
  });

  it('takes the title from text when there is no title, and the host when neither', () => {
    const list = parseOpml(opml('<outline text="By text" xmlUrl="https://a.example/f"/><outline xmlUrl="https://b.example/f"/>', ''));
    expect(list.title).toBeNull();
    expect(list.feeds.map((f) => f.title)).toEqual(['By text', 'b.example']);
  });

  it('reads an empty list, a byte-order mark and leading blank lines', () => {
    expect(parseOpml(`\uFEFF\n\n${opml('')}`)).toEqual({ title: 'T', feeds: [], skipped: 0 });
  });

  it('skips non-http(s) feed addresses of every kind', () => {
    const bad = ['javascript:alert(1)', 'data:text/xml,<rss/>', 'file:///etc/passwd', 'feed://x.example/rss', '/relative/feed.xml', 'JaVaScRiPt:alert(1)'];
    const list = parseOpml(opml(bad.map((u) => `<outline type="rss" text="x" xmlUrl="${u.replace(/</g, '&lt;')}"/>`).join('\n')));
    expect(list).toMatchObject({ feeds: [], skipped: bad.length });
  });
});

describe('parseOpml refuses hostile and wrong files', () => {
  it('an entity-expansion bomb', () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE opml [\n <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<opml><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>`;
    expect(refusal(bomb).message).toMatch(/^Refused: the XML declares an entity that expands other entities \(<!ENTITY b> at line 4\)/);
  });

  it('an external entity', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<opml><body><outline text="&x;" xmlUrl="https://x.example/"/></body></opml>`;
    expect(refusal(xxe).message).toMatch(/^Refused: the XML declares an external entity \(<!ENTITY x> at line 2\)/);
  });

  it('an external DTD', () => {
    const dtd = `<?xml version="1.0"?>\n\n<!DOCTYPE opml SYSTEM "http://evil.example/opml.dtd">\n${opml(feed(1)).split('\n').slice(1).join('\n')}`;
    const error = refusal(dtd);
    expect(error.message).toBe('Refused: the OPML file names an external DTD (<!DOCTYPE … SYSTEM> at line 3).');
    expect(error.line).toBe(3);
  });

  it('a file over 20 MB', () => {
    const big = opml(`<!-- ${'x'.repeat(OPML_LIMITS.bytes)} -->${feed(1)}`);
    expect(refusal(big).message).toBe('The OPML file is too large: 20 MB, over the 20 MB limit.');
  });

  it('folders nested deeper than the limit, naming the line', () => {
    const depth = OPML_LIMITS.depth + 2;
    const nested = `${'<outline text="d">\n'.repeat(depth)}${feed(1)}\n${'</outline>\n'.repeat(depth)}`;
    const error = refusal(opml(nested));
    // The body's first line is line 5; the outline that goes too deep is the 18th, on line 22.
    expect(error.message).toBe(`Refused: the OPML file nests folders more than ${OPML_LIMITS.depth} deep (line 22).`);
    expect(error.line).toBe(22);
  });

  it('outlines nested past what the XML reader allows', () => {
    const nested = `${'<outline text="d">'.repeat(500)}${'</outline>'.repeat(500)}`;
    expect(refusal(opml(nested)).message).toMatch(/^Refused: the XML nests elements more than 100 deep/);
  });

  it('more outlines than the limit, naming the line of the first one over', () => {
    const many = Array.from({ length: OPML_LIMITS.outlines + 5 }, (_, i) => feed(i)).join('\n');
    // A comment holding "<outline" must not throw the line count off.
    const error = refusal(opml(`<!-- <outline> <outline> -->\n${many}`));
    // Line 5 holds the comment, so outline n is on line 5 + n.
    expect(error.message).toBe(`Refused: the OPML file has more than 10,000 outlines (line ${5 + OPML_LIMITS.outlines + 1}).`);
  });

  it('a body-less document', () => {
    expect(refusal('<opml version="2.0"><head><title>x</title></head></opml>').message).toBe(
      'Not OPML: the file has no <body>, where OPML lists its feeds.',
    );
  });

  it('an HTML page, even one that is not well-formed XML', () => {
    const page = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Feeds</title></head><body><p>Hi<br></body></html>';
    expect(refusal(page).message).toMatch(/^This is an HTML page, not an OPML file/);
    expect(refusal('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>').message).toMatch(/^This is an HTML page/);
  });

  it('a feed, other XML, JSON and broken XML, each with its reason', () => {
    expect(refusal('<rss version="2.0"><channel/></rss>').message).toMatch(/^This is a feed, not an OPML list/);
    expect(refusal('<svg xmlns="http://www.w3.org/2000/svg"/>').message).toBe(
      "Not OPML: the XML's root element is <svg>, where an OPML file has <opml>.",
    );
    expect(refusal('{"format":"folio-backup"}').message).toMatch(/^Not OPML: expected an XML list of feeds, but the text starts "\{/);
    const broken = refusal(opml('<outline text="a" xmlUrl="https://a.example/">'));
    expect(broken.message).toMatch(/^Broken XML at line \d+/);
    expect(refusal('   ').message).toBe('The OPML file is empty.');
  });
});

describe('writeOpml', () => {
  const FEEDS: OpmlFeed[] = [
    { title: 'Top & "quoted" <b>', xmlUrl: 'https://top.example.org/index.xml?a=1&b=2', htmlUrl: 'https://top.example.org/', categories: [] },
    { title: 'Line\nbreak\tand \u0001control', xmlUrl: 'https://a.example/feed', htmlUrl: null, categories: ['Tech'] },
    { title: 'Ünïcode 📰', xmlUrl: 'https://b.example/atom.xml', htmlUrl: 'https://b.example/', categories: ['News & views'] },
    { title: 'Back to Tech', xmlUrl: 'https://c.example/rss', htmlUrl: null, categories: ['Tech'] },
  ];

  it('writes OPML 2.0 with an RFC 822 date and one rss outline per feed', () => {
    const text = writeOpml({ title: 'Folio', feeds: FEEDS }, NOW);
    expect(text).toContain('<opml version="2.0">');
    expect(text).toContain('<dateCreated>Tue, 03 Jun 2025 10:00:00 GMT</dateCreated>');
    expect(text).toContain(
      '<outline type="rss" text="Top &amp; &quot;quoted&quot; &lt;b&gt;" title="Top &amp; &quot;quoted&quot; &lt;b&gt;" xmlUrl="https://top.example.org/index.xml?a=1&amp;b=2" htmlUrl="https://top.example.org/"/>',
    );
    expect(text.match(/type="rss"/g)).toHaveLength(4);
    expect(text).not.toContain('\u0001');
  });

  it('groups feeds into one folder per first category, in order of first use', () => {
    const text = writeOpml({ title: 'Folio', feeds: FEEDS }, NOW);
    expect(text.match(/<outline text="Tech"/g)).toHaveLength(1);
    expect(text.indexOf('News &amp; views')).toBeGreaterThan(text.indexOf('"Tech"'));
  });

  it('round-trips through parseOpml', () => {
    const back = parseOpml(writeOpml({ title: 'My <feeds>', feeds: FEEDS }, NOW));
    expect(back.title).toBe('My <feeds>');
    expect(back.skipped).toBe(0);
    const byUrl = (f: OpmlFeed): string => f.xmlUrl;
    expect(back.feeds.map(byUrl).sort()).toEqual(FEEDS.map(byUrl).sort());
    const expected = FEEDS.map((f) => ({ ...f, title: f.title.replaceAll('\u0001', '').replace(/\s+/g, ' ') }));
    for (const f of expected) expect(back.feeds.find((b) => b.xmlUrl === f.xmlUrl)).toEqual(f);
  });

  it('round-trips the nested fixture down to first-level folders', () => {
    const first = parseOpml(fixture('nested.opml'));
    const again = parseOpml(writeOpml({ title: first.title ?? '', feeds: first.feeds }, NOW));
    expect(again.feeds.map((f) => [f.xmlUrl, f.title, f.htmlUrl, f.categories])).toEqual(
      first.feeds.map((f) => [f.xmlUrl, f.title, f.htmlUrl, f.categories.slice(0, 1)]),
    );
  });
});
