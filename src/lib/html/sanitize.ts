import DOMPurify from 'dompurify';
import type { PreparedBody, TocEntry } from '../model/body';
import { dropOwnContents } from './ownContents';
import { ALLOWED, GLOBAL_ATTRIBUTES, URL_SCHEMES } from './policy';

const FORBID_TAGS = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link', 'svg', 'math'];

/** Attributes the worker adds to what the feed gave. */
const ADDED = new Set(['target', 'rel', 'loading', 'decoding', 'referrerpolicy', 'tabindex']);

/**
 * The page's second check of a stored body. The ingest worker has already bounded and sanitised
 * it (`clean.ts`), so the check only verifies, in an inert template, that every element and
 * attribute is one the worker's policy allows; a full DOMPurify pass over thousands of elements
 * would cost the page hundreds of milliseconds. Should the check ever fail (a sanitiser bug),
 * DOMPurify cleans the body before it is shown.
 */
export function recheckBody(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return passes(template) ? html : purify(html);
}

function passes(template: HTMLTemplateElement): boolean {
  for (const element of template.content.querySelectorAll('*')) {
    if (!allowedElement(element)) return false;
  }
  return true;
}

/** A stored body as the reader shows it: parsed, checked, and ready to be put in the page. */
export interface ReadableBody {
  /** The text, parsed in an inert template: the page imports its nodes rather than parsing it again. */
  content: DocumentFragment;
  toc: TocEntry[];
  cut: boolean;
}

/**
 * A stored body as the reader shows it: checked again (above), and without the post's own "Table of
 * Contents" section, since the reader shows its own list beside the text. Parsed once, in a template.
 */
export function readableBody(body: PreparedBody): ReadableBody {
  const template = document.createElement('template');
  template.innerHTML = body.html;
  if (!passes(template)) template.innerHTML = purify(body.html);
  const content = template.content;
  if (!dropOwnContents(content)) return { content, toc: body.toc, cut: body.cut };
  const left = new Set([...content.querySelectorAll('[id]')].map((element) => element.id));
  return { content, toc: body.toc.filter((entry) => left.has(entry.id)), cut: body.cut };
}

function allowedElement(element: Element): boolean {
  const allowed = ALLOWED[element.localName];
  // The worker's own wrapper around tables.
  if (allowed === undefined && !(element.localName === 'div' && element.className === 'table-scroll')) return false;
  if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') return false;
  for (const { name, value } of element.attributes) {
    if (!GLOBAL_ATTRIBUTES.has(name) && !ADDED.has(name) && !name.startsWith('aria-') && !allowed?.includes(name)) return false;
    const schemes = URL_SCHEMES[name];
    const inlineImage = element.localName === 'img' && name === 'src' && value.startsWith('data:image/');
    if (schemes !== undefined && !value.startsWith('#') && !inlineImage && !schemes.some((scheme) => value.startsWith(scheme))) return false;
  }
  return true;
}

function purify(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'ping'],
    ADD_ATTR: [...ADDED],
    ALLOW_DATA_ATTR: false,
  });
}
