/**
 * RSS 2.0 (and 0.9x) and RSS 1.0 (RDF). Read: channel title / link / language / author, and per item
 * guid, link, title, pubDate (else dc:date), category, dc:creator (else author), description (the
 * summary) and content:encoded (the body). Namespace prefixes are taken from the root element's
 * declarations, so a feed binding the content module to another prefix still works.
 */
import { cutSummary, feedDescription, feedTitle, readDate, Warnings, type ArticleDraft } from './article';
import { ArticleSet } from './articleSet';
import { FeedParseError, type ParsedFeed } from './types';
import { personName, resolveBase, resolveUrl } from './values';
import { attr, child, childText, children, prefixFor, textOf, type XmlDocument, type XmlNode } from './xml';

const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

interface Context {
  base: string | null;
  /** Whether `base` comes from an xml:base (else it is the feed's address). */
  explicitBase: boolean;
  content: string;
  dc: string;
  warnings: Warnings;
}

export function parseRss(doc: XmlDocument, feedUrl: string | null): ParsedFeed {
  const { root } = doc;
  const channel = child(root, 'channel');
  if (channel === null) throw new FeedParseError(`The RSS feed has no <channel> element (root <${doc.name}>).`);
  const dc = prefixFor(root, DC_NS, 'dc:');
  const warnings = new Warnings();
  const declaredBase = resolveBase(attr(channel, 'xml:base'), resolveBase(attr(root, 'xml:base'), feedUrl));
  const explicitBase = attr(channel, 'xml:base') !== null || attr(root, 'xml:base') !== null;
  const homepage = resolveUrl(childText(channel, 'link'), declaredBase);
  // A feed read from a file has no address: its home page is the next best base for relative links.
  const base = declaredBase ?? homepage;
  const context: Context = { base, explicitBase, content: prefixFor(root, CONTENT_NS, 'content:'), dc, warnings };

  const author = personName(childText(channel, `${dc}creator`) ?? childText(channel, 'managingEditor'));
  // RSS 2.0 puts items in the channel, RSS 1.0 next to it; some broken feeds do the latter too.
  const items = [...children(channel, 'item'), ...children(root, 'item')];
  const set = new ArticleSet(warnings, author, base);
  items.forEach((item, i) => set.add(draftOf(item, `item ${i + 1}`, context), `item ${i + 1}`));
  if (items.length === 0) warnings.add('The feed has no items.');

  return {
    title: feedTitle(childText(channel, 'title'), homepage, feedUrl, warnings),
    description: feedDescription(childText(channel, 'description')),
    homepage,
    author,
    language: childText(channel, 'language') ?? childText(channel, `${dc}language`),
    articles: set.articles,
    listPages: set.listPages,
    warnings: warnings.toArray(),
  };
}

function draftOf(item: XmlNode, where: string, { base: feedBase, explicitBase, content, dc, warnings }: Context): ArticleDraft {
  const base = resolveBase(attr(item, 'xml:base'), feedBase);
  const guidNode = child(item, 'guid');
  const guid = textOf(guidNode) || null;
  // A guid is the permalink unless isPermaLink="false" — but only trust it when it is an absolute URL.
  const guidLink = guid !== null && attr(guidNode, 'isPermaLink')?.trim() !== 'false' ? resolveUrl(guid, null) : null;

  const rawDate = childText(item, 'pubDate') ?? childText(item, `${dc}date`);
  const dated = readDate(rawDate, where, warnings);

  const description = childText(item, 'description');
  const encoded = childText(item, `${content}encoded`);
  return {
    id: guid ?? attr(item, 'rdf:about'),
    url: resolveUrl(childText(item, 'link'), base) ?? guidLink,
    title: childText(item, 'title') ?? childText(item, `${dc}title`),
    date: dated?.date ?? null,
    dateOffset: dated?.offset ?? 0,
    topics: [...children(item, 'category'), ...children(item, `${dc}subject`)]
      .map((c) => ({ term: textOf(c) }))
      .filter((t) => t.term !== ''),
    author: personName(childText(item, `${dc}creator`) ?? childText(item, 'author')),
    summary: description === null ? null : { html: description },
    // Without content:encoded, a description longer than a summary is the post itself (as in Miniflux,
    // NetNewsWire…): many feeds put the whole post there. A summary-sized one stays a summary only.
    bodyHtml: encoded ?? (description !== null && cutSummary(description).truncated ? description : null),
    base: explicitBase || attr(item, 'xml:base') !== null ? base : null,
  };
}
