import DOMPurify from 'dompurify';
import { dropOwnContents } from './ownContents';

export interface TocEntry {
  id: string;
  text: string;
  /** 2 for h2, 3 for h3, 4 for h4. */
  level: number;
}

export interface PreparedBody {
  html: string;
  toc: TocEntry[];
}

const FORBID_TAGS = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link'];

/**
 * Sanitises feed HTML and makes it safe to read: links to other sites open in a new tab
 * without opener or referrer, images load lazily without a referrer, and headings get ids
 * for the table of contents (the post's own contents section is left out). Every id and name from the feed, and every in-page link, gets the
 * same prefix, so feed content can never take the id of one of the app's own elements (DOM
 * clobbering: `main`, `app`) while footnotes and the contents still land where they point.
 */
export function prepareBody(html: string, articleUrl: string): PreparedBody {
  const fragment = DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'ping'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  // The reader shows its own contents: a post's own would be a second, longer list before the text.
  dropOwnContents(fragment);
  const toc: TocEntry[] = [];
  const used = new Set<string>();
  for (const named of fragment.querySelectorAll<HTMLElement>('[name]')) named.setAttribute('name', `${ID_PREFIX}${named.getAttribute('name')}`);
  for (const element of fragment.querySelectorAll<HTMLElement>('[id]:not(h1, h2, h3, h4, h5, h6)')) {
    element.id = uniqueId(`${ID_PREFIX}${element.id}`, used);
  }

  for (const heading of fragment.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
    const level = Number(heading.tagName[1]);
    const id = uniqueId(`${ID_PREFIX}${heading.id || slugify(heading.textContent ?? '') || 'section'}`, used);
    heading.id = id;
    if (level >= 2 && level <= 4) toc.push({ id, text: (heading.textContent ?? '').trim(), level });
  }

  for (const link of fragment.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      link.setAttribute('href', `#${ID_PREFIX}${href.slice(1)}`);
      continue;
    }
    const absolute = resolveLink(href, articleUrl);
    if (absolute === null) {
      link.removeAttribute('href');
      continue;
    }
    link.setAttribute('href', absolute.href);
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }

  for (const image of fragment.querySelectorAll<HTMLImageElement>('img')) {
    image.setAttribute('loading', 'lazy');
    image.setAttribute('decoding', 'async');
    image.setAttribute('referrerpolicy', 'no-referrer');
    if (!image.hasAttribute('alt')) image.setAttribute('alt', '');
  }

  // Wide tables scroll inside their own box instead of widening the page.
  for (const table of fragment.querySelectorAll('table')) {
    const wrapper = table.ownerDocument.createElement('div');
    wrapper.className = 'table-scroll';
    table.replaceWith(wrapper);
    wrapper.append(table);
  }
  // Scrollable boxes must be reachable by keyboard to scroll them.
  for (const box of fragment.querySelectorAll('pre, .table-scroll')) box.setAttribute('tabindex', '0');

  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return { html: container.innerHTML, toc };
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

/** The prefix of every id, name and in-page link that comes from a feed. */
const ID_PREFIX = 'h-';

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/g, '-');
}
