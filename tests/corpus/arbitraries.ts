/**
 * fast-check generators of hostile feeds, one per format: feed-shaped documents whose every field is
 * a hostile value (XSS vectors, entities, control characters, lone surrogates, markup that breaks the
 * document, wrong JSON types…), written with a random mix of escaping so some come out as broken XML.
 */
import fc from 'fast-check';
import vectors from './xss-vectors.json' with { type: 'json' };

const NASTY = [
  '', ' ', '\t\n', '&', '&amp;', '&amp;amp;', '&lt;script&gt;xss(1)&lt;/script&gt;', '&#0;', '&#xD800;', '&bogus;', '&nbsp;',
  '<', '>', '<a', '</p', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "b">]>',
  '\u0000', '\u0007', '\u001b', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u202E', '\u200B', '\uFEFF', '😀', 'é', '日本',
  'javascript:xss(1)', ' javascript:xss(2)', 'data:text/html,<script>xss(3)</script>', '//xss.example/', '../..', '#frag',
  '0001-01-01T00:00:00Z', 'Mon, 01 Jan 0001 00:00:00 +0000', '2024-02-30', '9999-12-31T23:59:59Z', 'yesterday',
  '__proto__', 'constructor', 'prototype', 'toString', '<!--more-->', '<p>', '</p>', '<br>', 'a'.repeat(300), '-'.repeat(500),
];

/** A hostile string: pieces of vectors, nasty fragments and arbitrary text, joined. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.constantFrom(...(vectors as string[])), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), {
    maxLength: 5,
  })
  .map((parts) => parts.join(''));

/** XML text content: escaped, in CDATA, or raw (which may break the document). */
const xmlText = fc.tuple(hostileString, fc.constantFrom('escape', 'escape', 'cdata', 'raw')).map(([text, how]) => {
  if (how === 'raw') return text;
  if (how === 'cdata') return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
});
const attr = hostileString.map((text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'));

const element = (name: string, value: fc.Arbitrary<string> = xmlText) =>
  fc.option(value.map((v) => `<${name}>${v}</${name}>`), { nil: '' });

const rssItem = fc
  .tuple(
    element('title'),
    element('link'),
    element('guid'),
    element('pubDate', fc.oneof(xmlText, fc.constantFrom('Sat, 07 Sep 2002 00:00:01 GMT', '2024-01-01T00:00:00Z'))),
    element('description'),
    element('content:encoded'),
    fc.array(element('category'), { maxLength: 3 }),
    element('dc:creator'),
  )
  .map((parts) => `<item>${parts.flat().join('')}</item>`);

const rss = fc
  .tuple(element('title'), element('link'), element('description'), fc.array(rssItem, { maxLength: 6 }))
  .map(
    ([title, link, description, items]) =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>${title}${link}${description}${items.join('')}</channel></rss>`,
  );

const textConstruct = (name: string) =>
  fc.option(
    fc.tuple(fc.constantFrom('text', 'html', 'xhtml', 'text/html', 'bogus'), xmlText).map(([type, value]) =>
      type === 'xhtml' ? `<${name} type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${value}</div></${name}>` : `<${name} type="${type}">${value}</${name}>`,
    ),
    { nil: '' },
  );

const atomEntry = fc
  .tuple(
    element('id'),
    textConstruct('title'),
    fc.option(attr.map((href) => `<link href="${href}"/>`), { nil: '' }),
    element('published'),
    element('updated'),
    textConstruct('summary'),
    textConstruct('content'),
    fc.array(fc.tuple(attr, attr).map(([term, label]) => `<category term="${term}" label="${label}"/>`), { maxLength: 3 }),
    fc.option(xmlText.map((name) => `<author><name>${name}</name></author>`), { nil: '' }),
  )
  .map((parts) => `<entry>${parts.flat().join('')}</entry>`);

const atom = fc
  .tuple(textConstruct('title'), fc.option(attr, { nil: null }), fc.array(atomEntry, { maxLength: 6 }))
  .map(
    ([title, base, entries]) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"${base === null ? '' : ` xml:base="${base}"`}>${title}${entries.join('')}</feed>`,
  );

/** A JSON value for a field: mostly a hostile string, sometimes any JSON value (a wrong type). */
const field = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
const optionalFields = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), field, { maxKeys: keys.length });

const jsonFeedItem = fc.oneof(
  { weight: 9, arbitrary: optionalFields(['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'date_published', 'date_modified', 'image']) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);
const jsonFeed = fc
  .tuple(
    fc.constantFrom('https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1'),
    optionalFields(['title', 'home_page_url', 'feed_url', 'description', 'language']),
    fc.array(
      fc.tuple(jsonFeedItem, fc.option(fc.array(field, { maxLength: 3 }), { nil: undefined }), fc.option(fc.array(fc.record({ name: field }), { maxLength: 2 }), { nil: undefined })),
      { maxLength: 6 },
    ),
  )
  .map(([version, head, items]) =>
    JSON.stringify({
      version,
      ...head,
      items: items.map(([item, tags, authors]) =>
        typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...item, ...(tags ? { tags } : {}), ...(authors ? { authors } : {}) } : item,
      ),
    }),
  );

const hugoEntry = fc
  .tuple(optionalFields(['title', 'permalink', 'url', 'date', 'summary', 'content', 'author']), fc.option(fc.array(field, { maxLength: 3 }), { nil: undefined }))
  .map(([entry, tags]) => ({ ...entry, ...(tags ? { tags } : {}) }));
const hugoIndex = fc.array(hugoEntry, { maxLength: 6 }).map((entries) => JSON.stringify(entries));

export function feedArbitraries(): Record<'rss' | 'atom' | 'jsonfeed' | 'hugo', fc.Arbitrary<string>> {
  return { rss, atom, jsonfeed: jsonFeed, hugo: hugoIndex };
}
