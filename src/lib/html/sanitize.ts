import DOMPurify from 'dompurify';

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
 * for the table of contents (prefixed, so feed ids can't clash with the app's own).
 */
export function prepareBody(html: string, articleUrl: string): PreparedBody {
  const fragment = DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'ping'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  const toc: TocEntry[] = [];
  const used = new Set<string>();

  for (const heading of fragment.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
    const level = Number(heading.tagName[1]);
    const base = `h-${heading.id || slugify(heading.textContent ?? '') || 'section'}`;
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    heading.id = id;
    if (level >= 2 && level <= 4) toc.push({ id, text: (heading.textContent ?? '').trim(), level });
  }

  for (const link of fragment.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      link.setAttribute('href', `#h-${href.slice(1)}`);
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

function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/g, '-');
}
