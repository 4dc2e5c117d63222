/**
 * Article bodies past the sanitiser's limits, in every format, built at run time (they are too
 * large to commit): 20,000 unclosed <b><i><u><s> runs (340 KB), 100,000 nested divs, 200,000
 * paragraphs, and ids that name Folio's own elements. Each is a feed of one item.
 */
import type { CorpusCase } from './index';

export const HOSTILE_BODIES: Readonly<Record<string, string>> = {
  'unclosed-runs': '<b><i><u><s>word '.repeat(20_000),
  'nested-divs': `${'<div>'.repeat(100_000)}the bottom${'</div>'.repeat(100_000)}`,
  paragraphs: '<p>A paragraph.</p>'.repeat(200_000),
  'clobbering-ids': '<h2 id="main">Main</h2><p id="app">App</p><p id="article-title">T</p><a name="offline-link" href="#fn1">1</a><ol><li id="fn1">Note</li></ol>',
};

const cdata = (html: string) => `<![CDATA[${html}]]>`;

const FORMATS: Record<string, (html: string) => string> = {
  jsonfeed: (html) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bodies', items: [{ id: '1', url: 'https://corpus.example/1', title: 'Body', content_html: html }] }),
  rss: (html) => `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bodies</title><item><title>Body</title><link>https://corpus.example/1</link><content:encoded>${cdata(html)}</content:encoded></item></channel></rss>`,
  atom: (html) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>Bodies</title><id>urn:b</id><updated>2026-01-01T00:00:00Z</updated><entry><title>Body</title><id>urn:b1</id><link href="https://corpus.example/1"/><updated>2026-01-01T00:00:00Z</updated><content type="html">${html.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</content></entry></feed>`,
  hugo: (html) => JSON.stringify([{ title: 'Body', permalink: 'https://corpus.example/1', date: '2026-01-01T00:00:00Z', content: html }]),
};

export function bodyCases(): CorpusCase[] {
  return Object.entries(FORMATS).flatMap(([format, make]) =>
    Object.entries(HOSTILE_BODIES).map(([name, html]) => ({ name: `bodies/${format}/${name}`, text: make(html), expect: 'parse' as const })),
  );
}
