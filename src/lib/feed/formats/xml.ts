/**
 * XML reading for the RSS and Atom parsers, on fast-xml-parser (browser-safe, no I/O: it never
 * fetches a DTD or an external entity). Hardened:
 *  - entity declarations that expand other entities ("billion laughs"), parameter entities and
 *    external (SYSTEM/PUBLIC) entities are refused up front with a clear message;
 *  - the library's own limits back that up (entity count, expansions, expanded length, nesting depth);
 *  - broken XML is reported with its line and column (the library's validator).
 */
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { FeedParseError } from './types';

/** An element as fast-xml-parser gives it: attributes as "@_name", text as "#text", children by name. */
export type XmlNode = Record<string, unknown>;

export interface XmlDocument {
  /** The root element's name as written, e.g. "rss", "feed", "rdf:RDF". */
  name: string;
  root: XmlNode;
}

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Limits on entities the document declares itself. `appliesTo: 'external'` (an option the typings
 * lack) keeps the built-in ones (&amp; &lt;…) out of the count: a feed of escaped HTML uses millions.
 */
const ENTITY_LIMITS = {
  enabled: true,
  maxEntityCount: 100,
  maxEntitySize: 10_000,
  maxTotalExpansions: 10_000,
  maxExpandedLength: 1_000_000,
  appliesTo: 'external',
};

const OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Decodes numeric character references (the library leaves them alone otherwise) and the common
  // HTML named entities (&nbsp; &mdash;…) that real feeds use without declaring them.
  htmlEntities: true,
  processEntities: ENTITY_LIMITS,
  maxNestedTags: 100,
  // Atom xhtml constructs: keep the markup inside as raw text (serialised inner XHTML).
  stopNodes: ['..content[type=xhtml]', '..summary[type=xhtml]', '..title[type=xhtml]', '..subtitle[type=xhtml]'],
  // The library refuses elements named like Object internals; rename them (no feed element is called that).
  transformTagName: (name) => (RESERVED_NAMES.has(name) ? `#${name}` : name),
};

let parser: XMLParser | null = null;

/** Parses a document; `lineOffset` lines were cut off its start (added to reported line numbers). */
export function parseXml(text: string, lineOffset = 0): XmlDocument {
  refuseDangerousEntities(text, lineOffset);
  const valid = validate(text);
  if (valid !== true) {
    const { col, msg } = valid.err;
    const unclosed = unclosedAtEnd(msg);
    if (unclosed !== null) {
      // The validator reports these at line 1, column 1; the problem is at the end.
      const line = lineAt(text, text.length) + lineOffset;
      throw new FeedParseError(
        `Broken XML at line ${line} (the end): ${unclosed} never closed; the document is cut short or lacks closing tags.`,
        { line },
      );
    }
    const line = (typeof valid.err.line === 'number' ? valid.err.line : 1) + lineOffset;
    // The validator leaves the column out for some errors, and quotes whole (maybe huge) tags.
    const column = typeof col === 'number' ? col : undefined;
    const at = column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
    throw new FeedParseError(`Broken XML at ${at}: ${clip(msg)}`, column === undefined ? { line } : { line, column });
  }
  let doc: unknown;
  try {
    parser ??= new XMLParser(OPTIONS);
    doc = parser.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const what = /nested/i.test(detail)
      ? `Refused: the XML nests elements more than ${OPTIONS.maxNestedTags} deep`
      : /entit|expan/i.test(detail)
        ? 'Refused: the XML entities expand too much'
        : 'The XML could not be read';
    throw new FeedParseError(`${what} (${clip(detail)}).`);
  }
  if (!isNode(doc)) throw new FeedParseError('The XML has no root element.');
  const name = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  if (name === undefined) throw new FeedParseError('The XML has no root element.');
  return { name, root: asNode(doc[name]) };
}

const ENTITY_DECL = /<!ENTITY\s+(%\s*)?([^\s"'>]*)\s*(?:(SYSTEM|PUBLIC)\b|"([^"]*)"|'([^']*)')?/g;

/** Scans the DOCTYPE's internal subset (if any) for entity declarations Folio refuses. */
function refuseDangerousEntities(text: string, lineOffset: number): void {
  const open = text.indexOf('<!DOCTYPE');
  if (open < 0) return;
  const firstElement = text.search(/<[A-Za-z_]/);
  if (firstElement >= 0 && firstElement < open) return; // a DOCTYPE in content (CDATA), not a declaration
  const bracket = text.indexOf('[', open);
  const gt = text.indexOf('>', open);
  if (bracket < 0 || (gt >= 0 && gt < bracket)) return; // no internal subset
  const close = /\]\s*>/g;
  close.lastIndex = bracket;
  const end = close.exec(text)?.index ?? text.length;
  const subset = text.slice(bracket, end);
  for (const m of subset.matchAll(ENTITY_DECL)) {
    const [, percent, name = '', external, dq, sq] = m;
    const line = lineAt(text, bracket + m.index) + lineOffset;
    const at = `<!ENTITY ${percent ? '% ' : ''}${name}> at line ${line}`;
    if (percent) {
      throw new FeedParseError(`Refused: the XML declares a parameter entity (${at}); Folio does not read DTD entities.`, { line });
    }
    if (external) {
      throw new FeedParseError(
        `Refused: the XML declares an external entity (${at}); Folio never fetches external entities.`,
        { line },
      );
    }
    // Character references (&#160;) are harmless; a reference to another entity is how expansion bombs grow.
    if (/&(?!#)/.test(dq ?? sq ?? '')) {
      throw new FeedParseError(
        `Refused: the XML declares an entity that expands other entities (${at}), the pattern of an ` +
          'entity-expansion ("billion laughs") attack.',
        { line },
      );
    }
  }
}

/**
 * The validator's report of elements still open at the end ("Invalid '["rss","channel"]' found."),
 * as "<channel> (in <rss>) is"; null for any other message.
 */
function unclosedAtEnd(message: string): string | null {
  const m = /^Invalid '\[([^\]]*)\]' found/.exec(message);
  if (!m) return null;
  const names = [...(m[1] ?? '').matchAll(/"([^"]*)"/g)].map((n) => `<${clip(n[1] ?? '')}>`);
  const innermost = names.pop();
  if (innermost === undefined) return null;
  return names.length === 0 ? `${innermost} is` : `${innermost} (in ${names.reverse().join(' in ')}) is`;
}

function validate(text: string): ReturnType<typeof XMLValidator.validate> {
  try {
    return XMLValidator.validate(text);
  } catch (error) {
    return { err: { code: 'Internal', msg: error instanceof Error ? error.message : String(error), line: 1, col: 1 } };
  }
}

function clip(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** 1-based line number of a character index. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An element value as a node: text-only elements come back from the library as plain strings. */
function asNode(value: unknown): XmlNode {
  if (isNode(value)) return value;
  return typeof value === 'string' ? { '#text': value } : {};
}

/** All child elements called `name`, in order (the library gives one as a value, several as an array). */
export function children(node: XmlNode | null, name: string): XmlNode[] {
  if (node === null) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(asNode) : [asNode(value)];
}

export function child(node: XmlNode | null, name: string): XmlNode | null {
  return children(node, name)[0] ?? null;
}

/** An element's text content, trimmed. */
export function textOf(node: XmlNode | null): string {
  const value = node?.['#text'];
  return typeof value === 'string' ? value.trim() : '';
}

/** The trimmed text of the first child called `name`; null when absent or empty. */
export function childText(node: XmlNode | null, name: string): string | null {
  for (const c of children(node, name)) {
    const text = textOf(c);
    if (text !== '') return text;
  }
  return null;
}

export function attr(node: XmlNode | null, name: string): string | null {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? value : null;
}

/**
 * The prefix (with its colon) the document binds to a namespace URI on its root element, e.g.
 * "content:" for http://purl.org/rss/1.0/modules/content/; `fallback` when not declared there.
 */
export function prefixFor(root: XmlNode, uri: string, fallback: string): string {
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('@_xmlns:') && value === uri) return `${key.slice('@_xmlns:'.length)}:`;
  }
  return fallback;
}
