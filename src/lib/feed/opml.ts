/**
 * OPML 1.0 / 2.0 subscription lists, the way readers move feeds between Miniflux, NetNewsWire,
 * Feedly and Folio. Parsed with the feed parsers' hostile-input rules (the same XML reader: no DTD or
 * external entity is ever read, entity bombs and deep nesting refused, a size limit) and bounded on
 * its own terms: a number of outlines and a depth of folders. Pure; runs in the worker and in Node.
 */
import { MAX_FEED_BYTES } from './limits';
import { FeedParseError } from './formats/types';
import { children, childText, lineAt, parseXml, type XmlNode } from './formats/xml';

export const OPML_LIMITS = {
  /** UTF-8 bytes of the file, as for a feed: real lists are a few hundred KB at most. */
  bytes: MAX_FEED_BYTES,
  /** Outline elements, folders included. */
  outlines: 10_000,
  /** Folder levels above a feed: real lists use one or two. */
  depth: 16,
  /** Characters kept of a title. */
  title: 1_000,
} as const;

export interface OpmlFeed {
  title: string;
  /** The feed's address: an absolute http(s) URL. */
  xmlUrl: string;
  /** The site's address (http(s)), or null. */
  htmlUrl: string | null;
  /** The folder path, outermost first; [] at the top level. */
  categories: string[];
}

export interface OpmlDocument {
  title: string | null;
  feeds: OpmlFeed[];
  /** Outlines with a feed address that were not taken: not http(s), or repeating an earlier one. */
  skipped: number;
}

/** Reads an OPML subscription list, or throws a FeedParseError with a one-line reason. */
export function parseOpml(text: string): OpmlDocument {
  if (typeof text !== 'string') throw new FeedParseError('Expected the OPML file as text.');
  checkSize(text);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = body.search(/\S/);
  if (start < 0) throw new FeedParseError('The OPML file is empty.');
  const xml = body.slice(start);
  const skippedLines = lineAt(body, start) - 1;
  if (!xml.startsWith('<')) {
    throw new FeedParseError(`Not OPML: expected an XML list of feeds, but the text starts ${JSON.stringify(xml.slice(0, 40))}.`);
  }
  if (HTML_START.test(xml.slice(0, 64 * 1024))) throw htmlPage();
  refuseExternalDtd(xml, skippedLines);
  const doc = parseXml(xml, skippedLines);
  const local = doc.name.slice(doc.name.indexOf(':') + 1).toLowerCase();
  if (local === 'html') throw htmlPage();
  if (local === 'rss' || local === 'feed' || local === 'rdf') {
    throw new FeedParseError('This is a feed, not an OPML list of feeds: add its address as a source instead.', { line: 1 });
  }
  if (local !== 'opml') {
    throw new FeedParseError(`Not OPML: the XML's root element is <${doc.name.slice(0, 40)}>, where an OPML file has <opml>.`, { line: 1 });
  }
  const [outlineBody] = children(doc.root, 'body');
  if (outlineBody === undefined) throw new FeedParseError('Not OPML: the file has no <body>, where OPML lists its feeds.');
  const walk = new Walk(xml, skippedLines);
  walk.outlines(children(outlineBody, 'outline'), [], 0);
  const title = childText(children(doc.root, 'head')[0] ?? null, 'title');
  return { title: title === null ? null : clipTitle(title), feeds: walk.feeds, skipped: walk.skipped };
}

/** A depth-first walk of the outlines, in document order, so the n-th outline visited is the n-th in the text. */
class Walk {
  readonly feeds: OpmlFeed[] = [];
  skipped = 0;
  private visited = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly lineOffset: number,
  ) {}

  outlines(nodes: XmlNode[], folders: string[], depth: number): void {
    for (const node of nodes) {
      this.visited++;
      if (this.visited > OPML_LIMITS.outlines) {
        this.refuse(`Refused: the OPML file has more than ${OPML_LIMITS.outlines.toLocaleString('en')} outlines`);
      }
      if (depth > OPML_LIMITS.depth) this.refuse(`Refused: the OPML file nests folders more than ${OPML_LIMITS.depth} deep`);
      const inner = children(node, 'outline');
      const xmlUrl = attribute(node, 'xmlUrl');
      if (xmlUrl !== null) this.feed(node, xmlUrl, folders);
      else if (attribute(node, 'type')?.toLowerCase() === 'rss') this.skipped++;
      // A feed outline with outlines inside is unusual; its inner feeds stay in the same folder.
      const name = xmlUrl === null ? (attribute(node, 'title') ?? attribute(node, 'text')) : null;
      if (inner.length > 0) this.outlines(inner, name ? [...folders, clipTitle(name)] : folders, depth + 1);
    }
  }

  private feed(node: XmlNode, address: string, folders: string[]): void {
    const xmlUrl = webUrl(address);
    if (xmlUrl === null || this.seen.has(xmlUrl)) {
      this.skipped++;
      return;
    }
    this.seen.add(xmlUrl);
    const title = attribute(node, 'title') ?? attribute(node, 'text') ?? new URL(xmlUrl).host;
    const site = attribute(node, 'htmlUrl');
    this.feeds.push({ title: clipTitle(title), xmlUrl, htmlUrl: site === null ? null : webUrl(site), categories: folders });
  }

  /** Throws, naming the line of the outline being visited. */
  private refuse(reason: string): never {
    const line = outlineLine(this.text, this.visited) + this.lineOffset;
    throw new FeedParseError(`${reason} (line ${line}).`, { line });
  }
}

/** A trimmed, non-empty attribute by name, in any letter case (exporters write xmlUrl, xmlurl, XMLURL). */
function attribute(node: XmlNode, name: string): string | null {
  let value = node[`@_${name}`];
  if (value === undefined) {
    const wanted = `@_${name}`.toLowerCase();
    value = Object.entries(node).find(([key]) => key.toLowerCase() === wanted)?.[1];
  }
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The URL in normal form when it is absolute http(s); null for javascript:, data:, feed:, relative… */
function webUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function clipTitle(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > OPML_LIMITS.title ? `${flat.slice(0, OPML_LIMITS.title)}…` : flat;
}

/** The line of the n-th <outline> start tag, stepping over comments and CDATA as the parser does. */
function outlineLine(text: string, n: number): number {
  const tags = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<outline\b/g;
  let count = 0;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    if (m[0].startsWith('<outline') && ++count === n) return lineAt(text, m.index);
  }
  return lineAt(text, text.length);
}

// An HTML page: <!DOCTYPE html…> or an <html>/<head>/<body> element first, after any XML prolog.
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*(?:<!doctype\s+html\b|<(?:html|head)\b)/i;

function htmlPage(): FeedParseError {
  return new FeedParseError(
    'This is an HTML page, not an OPML file: export your subscriptions as OPML from your feed reader and choose that file.',
  );
}

/**
 * No OPML needs a DTD, and an external one is a way to make a parser fetch: refused outright, even
 * though Folio's XML reader would never fetch it.
 */
function refuseExternalDtd(text: string, lineOffset: number): void {
  const firstElement = text.search(/<[A-Za-z_]/);
  const prolog = firstElement < 0 ? text : text.slice(0, firstElement);
  const m = /<!DOCTYPE\s+[^\s>[]+\s+(SYSTEM|PUBLIC)\b/i.exec(prolog);
  if (m === null) return;
  const line = lineAt(text, m.index) + lineOffset;
  throw new FeedParseError(`Refused: the OPML file names an external DTD (<!DOCTYPE … ${m[1]}> at line ${line}).`, { line });
}

function checkSize(text: string): void {
  if (text.length * 3 <= OPML_LIMITS.bytes) return;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  if (bytes > OPML_LIMITS.bytes) {
    const mb = (n: number): string => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
    throw new FeedParseError(`The OPML file is too large: ${mb(bytes)}, over the ${mb(OPML_LIMITS.bytes)} limit.`);
  }
}
