/**
 * Atom 1.0 (RFC 4287). Read: feed title / alternate link / author / xml:lang, and per entry id,
 * alternate link, title, published (else updated), category (term → slug, label → display name),
 * author (else the feed's), summary and content. Text constructs: html is HTML, xhtml is the
 * serialised inside of its wrapping <div>, text is plain text (escaped into <p> for bodies).
 * xml:base on the feed, the entry and the link itself is honoured.
 */
import { feedDescription, feedTitle, readDate, Warnings, type ArticleDraft } from './article';
import { ArticleSet } from './articleSet';
import type { ParsedFeed } from './types';
import { personName, resolveBase, resolveUrl, textToHtml } from './values';
import { attr, child, childText, children, textOf, type XmlDocument, type XmlNode } from './xml';

export function parseAtom(doc: XmlDocument, feedUrl: string | null): ParsedFeed {
  const { root, name } = doc;
  // A feed written as <atom:feed xmlns:atom="…"> uses the prefix on every element.
  const p = name.includes(':') ? name.slice(0, name.indexOf(':') + 1) : '';
  const warnings = new Warnings();
  const declaredBase = resolveBase(attr(root, 'xml:base'), feedUrl);
  const homepage = alternateLink(root, p, declaredBase);
  // A feed read from a file has no address: its home page is the next best base for relative links.
  const base = declaredBase ?? homepage;
  const author = authorOf(root, p);
  const set = new ArticleSet(warnings, author, base);
  const explicitBase = attr(root, 'xml:base') !== null;
  const entries = children(root, `${p}entry`);
  entries.forEach((entry, i) => set.add(draftOf(entry, p, base, explicitBase, `entry ${i + 1}`, warnings), `entry ${i + 1}`));
  if (entries.length === 0) warnings.add('The feed has no entries.');

  return {
    title: feedTitle(textConstruct(child(root, `${p}title`)), homepage, feedUrl, warnings),
    description: feedDescription(textConstruct(child(root, `${p}subtitle`))),
    homepage,
    author,
    language: attr(root, 'xml:lang')?.trim() || null,
    articles: set.articles,
    listPages: set.listPages,
    warnings: warnings.toArray(),
  };
}

function draftOf(
  entry: XmlNode,
  p: string,
  feedBase: string | null,
  feedHasBase: boolean,
  where: string,
  warnings: Warnings,
): ArticleDraft {
  const base = resolveBase(attr(entry, 'xml:base'), feedBase);
  const contentNode = child(entry, `${p}content`);
  const contentBase = attr(contentNode, 'xml:base');
  const explicitBase = feedHasBase || attr(entry, 'xml:base') !== null || contentBase !== null;
  const rawDate = childText(entry, `${p}published`) ?? childText(entry, `${p}updated`);
  const dated = readDate(rawDate, where, warnings);

  const summaryNode = child(entry, `${p}summary`);
  const summaryType = constructType(summaryNode);
  const summary = textOf(summaryNode);
  return {
    id: childText(entry, `${p}id`),
    url: alternateLink(entry, p, base),
    title: textConstruct(child(entry, `${p}title`)),
    date: dated?.date ?? null,
    dateOffset: dated?.offset ?? 0,
    topics: children(entry, `${p}category`)
      .map((c) => ({ term: attr(c, 'term')?.trim() ?? '', label: attr(c, 'label') }))
      .filter((t) => t.term !== ''),
    author: authorOf(entry, p) ?? authorOf(child(entry, `${p}source`), p),
    summary:
      summary === '' ? null : summaryType === 'text' ? { text: summary } : { html: summaryType === 'xhtml' ? innerXhtml(summary) : summary },
    bodyHtml: contentOf(contentNode),
    base: explicitBase ? resolveBase(contentBase, base) : null,
  };
}

/** "text", "html" or "xhtml"; MIME types of text (text/html, text/plain…) map onto those. */
function constructType(node: XmlNode | null): 'text' | 'html' | 'xhtml' | 'other' {
  const type = (attr(node, 'type') ?? 'text').trim().toLowerCase();
  if (type === 'html' || type === 'text/html') return 'html';
  if (type === 'xhtml') return 'xhtml';
  if (type === 'text' || type.startsWith('text/')) return 'text';
  return 'other';
}

/** A title-like construct as HTML-ish text for plainTitle (xhtml: its inner markup). */
function textConstruct(node: XmlNode | null): string | null {
  if (node === null) return null;
  const text = textOf(node);
  return constructType(node) === 'xhtml' ? innerXhtml(text) : text;
}

/** The body as HTML; null for out-of-line content (src="…"), base64 media and empty content. */
function contentOf(node: XmlNode | null): string | null {
  if (node === null || attr(node, 'src') !== null) return null;
  const text = textOf(node);
  if (text === '') return null;
  switch (constructType(node)) {
    case 'html':
      return text;
    case 'xhtml':
      return innerXhtml(text);
    case 'text':
      return textToHtml(text);
    default:
      return null;
  }
}

/**
 * The markup inside an xhtml construct's wrapping <div> (which the library hands over unparsed).
 * When the div is written with a prefix (<xhtml:div>), that prefix is dropped from the elements inside.
 */
function innerXhtml(raw: string): string {
  const m = /^\s*<(([\w.-]+:)?div)\b[^>]*>([\s\S]*)<\/\1\s*>\s*$/.exec(raw);
  if (!m) return raw;
  const [, , prefix, inner = ''] = m;
  if (!prefix) return inner.trim();
  return inner.replace(new RegExp(`<(/?)${prefix.replace(/[.-]/g, '\\$&')}`, 'g'), '<$1').trim();
}

/** The alternate (HTML) link of a feed or entry: rel="alternate" or no rel, text/html preferred. */
function alternateLink(node: XmlNode | null, p: string, base: string | null): string | null {
  const alternates = children(node, `${p}link`).filter((l) => (attr(l, 'rel')?.trim() || 'alternate') === 'alternate');
  const html = alternates.filter((l) => /^(?:text\/html|application\/xhtml\+xml)?$/i.test(attr(l, 'type')?.trim() ?? ''));
  for (const link of [...html, ...alternates]) {
    const url = resolveUrl(attr(link, 'href'), resolveBase(attr(link, 'xml:base'), base));
    if (url !== null) return url;
  }
  return null;
}

function authorOf(node: XmlNode | null, p: string): string | null {
  for (const author of children(node, `${p}author`)) {
    const name = personName(childText(author, `${p}name`) ?? childText(author, `${p}email`));
    if (name !== null) return name;
  }
  return null;
}
