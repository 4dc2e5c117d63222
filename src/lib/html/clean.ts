import type { PreparedBody, TocEntry } from '../model/body';
import { walkHtml, type TreeHandler } from './tree';
import { ALLOWED, DROPPED_WITH_CONTENT, GLOBAL_ATTRIBUTES, MAX_BODY_CHARS, MAX_BODY_DEPTH, MAX_BODY_ELEMENTS, MAX_TOC_TEXT, SAME_WHEN_NESTED, URL_SCHEMES, VOID } from './policy';

/** The prefix of every id, name and in-page link that comes from a feed. */
export const ID_PREFIX = 'h-';

/** How an element of the source was handled, so its end tag is handled alike. */
type Open =
  | { kind: 'kept'; name: string; close: string; depth: number; heading: Heading | null }
  | { kind: 'unwrapped' }
  | { kind: 'dropped' };

interface Heading {
  part: number;
  level: number;
  attributes: string;
  explicitId: string | null;
  text: string;
}

/**
 * Bounds and sanitises feed HTML without a DOM, in the ingest worker, before it is stored:
 * allowed elements and attributes only, text escaped, nesting past MAX_BODY_DEPTH flattened, as is
 * inline formatting nested in itself,
 * the body cut (and marked as cut) past MAX_BODY_ELEMENTS elements or MAX_BODY_CHARS characters.
 * Links to other sites open in a new tab without opener or referrer, images load lazily without
 * a referrer, and every id, name and in-page link gets the same prefix, so feed content never
 * takes the id of one of the app's own elements while footnotes and the contents still land.
 */
export function cleanBody(html: string, articleUrl: string): PreparedBody {
  const writer = new BodyWriter(articleUrl);
  walkHtml(html, writer);
  return writer.finish();
}

class BodyWriter implements TreeHandler {
  readonly #articleUrl: string;
  readonly #parts: string[] = [];
  readonly #stack: Open[] = [];
  readonly #headings: Heading[] = [];
  readonly #used = new Set<string>();
  readonly #toc: TocEntry[] = [];
  /** How many of each kept element are open. */
  readonly #open = new Map<string, number>();
  #chars = 0;
  #elements = 0;
  #depth = 0;
  #dropping = 0;
  cut = false;

  get done(): boolean {
    return this.cut;
  }

  constructor(articleUrl: string) {
    this.#articleUrl = articleUrl;
  }

  open(name: string, attributes: ReadonlyMap<string, string>): void {
    if (this.cut || this.#dropping > 0 || DROPPED_WITH_CONTENT.has(name)) {
      if (!this.cut) this.#dropping += 1;
      this.#stack.push({ kind: 'dropped' });
      return;
    }
    const allowed = ALLOWED[name];
    // `main` would be a second main landmark on the page; deep nesting is flattened.
    const nestedInItself = SAME_WHEN_NESTED.has(name) && (this.#open.get(name) ?? 0) > 0;
    if (allowed === undefined || name === 'main' || nestedInItself || this.#depth >= MAX_BODY_DEPTH) {
      this.#stack.push({ kind: 'unwrapped' });
      return;
    }
    if (this.#elements >= MAX_BODY_ELEMENTS) {
      this.#stop();
      this.#stack.push({ kind: 'dropped' });
      return;
    }
    this.#elements += 1;
    const level = /^h[1-6]$/.test(name) ? Number(name[1]) : 0;
    const explicitId = level > 0 ? (attributes.get('id') ?? null) : null;
    const written = this.#attributes(name, allowed, attributes, level > 0);
    const tag = `<${name}${written}>`;
    let heading: Heading | null = null;
    if (level > 0) {
      heading = { part: this.#parts.length, level, attributes: written, explicitId, text: '' };
      this.#headings.push(heading);
    }
    // Wide tables scroll inside their own box; scrollable boxes are reachable by keyboard.
    const wrapped = name === 'table';
    this.#emit(wrapped ? `<div class="table-scroll" tabindex="0">${tag}` : tag);
    if (VOID.has(name)) {
      this.#stack.push({ kind: 'unwrapped' });
      return;
    }
    const depth = wrapped ? 2 : 1;
    this.#depth += depth;
    this.#open.set(name, (this.#open.get(name) ?? 0) + 1);
    this.#stack.push({ kind: 'kept', name, close: wrapped ? `</table></div>` : `</${name}>`, depth, heading });
  }

  close(): void {
    const open = this.#stack.pop();
    if (open === undefined || open.kind === 'unwrapped') return;
    if (open.kind === 'dropped') {
      if (this.#dropping > 0) this.#dropping -= 1;
      return;
    }
    this.#depth -= open.depth;
    this.#open.set(open.name, (this.#open.get(open.name) ?? 1) - 1);
    if (open.heading) this.#closeHeading(open.heading);
    // Past a limit, end tags are still written, so the stored HTML stays well formed.
    if (this.cut) this.#parts.push(open.close);
    else this.#emit(open.close);
  }

  text(text: string): void {
    if (this.cut || this.#dropping > 0) return;
    const room = MAX_BODY_CHARS - this.#chars;
    const escaped = escapeText(text.length > room ? text.slice(0, room) : text);
    for (const heading of this.#headings) if (heading.text.length < MAX_TOC_TEXT) heading.text += text.slice(0, MAX_TOC_TEXT);
    this.#emit(escaped);
    if (text.length > room) this.#stop();
  }

  /** The walk has closed every element by now, past a limit too, so the HTML is well formed. */
  finish(): PreparedBody {
    return { html: this.#parts.join(''), toc: this.#toc, cut: this.cut };
  }

  #stop(): void {
    this.cut = true;
  }

  #emit(html: string): void {
    this.#parts.push(html);
    this.#chars += html.length;
    if (this.#chars >= MAX_BODY_CHARS) this.#stop();
  }

  #closeHeading(heading: Heading): void {
    const index = this.#headings.indexOf(heading);
    if (index >= 0) this.#headings.splice(index, 1);
    const text = heading.text.replace(/\s+/g, ' ').trim().slice(0, MAX_TOC_TEXT);
    const id = this.#uniqueId(`${ID_PREFIX}${heading.explicitId || slugify(text) || 'section'}`);
    this.#parts[heading.part] = `<h${heading.level} id="${escapeAttribute(id)}"${heading.attributes}>`;
    if (heading.level >= 2 && heading.level <= 4) this.#toc.push({ id, text, level: heading.level });
  }

  #uniqueId(base: string): string {
    let id = base;
    for (let n = 1; this.#used.has(id); n++) id = `${base}-${n}`;
    this.#used.add(id);
    return id;
  }

  /** The kept attributes, written out; a heading's id is written when the heading closes. */
  #attributes(name: string, allowed: readonly string[], attributes: ReadonlyMap<string, string>, isHeading: boolean): string {
    let out = '';
    for (const [key, raw] of attributes) {
      if (!GLOBAL_ATTRIBUTES.has(key) && !allowed.includes(key) && !key.startsWith('aria-')) continue;
      if (key === 'id' && isHeading) continue;
      const value = this.#attributeValue(name, key, raw);
      if (value !== null) out += ` ${key}="${escapeAttribute(value)}"`;
    }
    const href = attributes.get('href');
    if (name === 'a' && href !== undefined && /^https?:/.test(this.#attributeValue('a', 'href', href) ?? '')) {
      out += ' target="_blank" rel="noopener noreferrer"';
    }
    if (name === 'img') out += `${attributes.has('alt') ? '' : ' alt=""'} loading="lazy" decoding="async" referrerpolicy="no-referrer"`;
    if (name === 'pre') out += ' tabindex="0"';
    return out;
  }

  #attributeValue(name: string, key: string, value: string): string | null {
    if (key === 'id') return this.#uniqueId(`${ID_PREFIX}${value}`);
    if (key === 'name') return `${ID_PREFIX}${value}`;
    if (key === 'href' && value.trim().startsWith('#')) return `#${ID_PREFIX}${value.trim().slice(1)}`;
    const schemes = URL_SCHEMES[key];
    if (schemes === undefined) return value;
    const url = resolveLink(value, this.#articleUrl);
    if (url === null) return null;
    if (schemes.includes(url.protocol)) return url.href;
    // Small inline images are common in feeds; an image cannot run script.
    if (name === 'img' && key === 'src' && url.protocol === 'data:' && /^data:image\//i.test(url.href)) return url.href;
    return null;
  }
}

/**
 * A body link made absolute: against the article's address when it is relative. An absolute link
 * must survive an article whose address is empty or invalid (a feed item without a link), where
 * `new URL(href, '')` would throw for it too. Null when the link cannot be resolved.
 */
function resolveLink(href: string, articleUrl: string): URL | null {
  try {
    return new URL(href);
  } catch {
    // Relative: resolved below.
  }
  try {
    return new URL(href, articleUrl);
  } catch {
    return null;
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/g, '-');
}
