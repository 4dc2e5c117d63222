/**
 * Where a post's excerpt starts: past the lead-in that is not prose. Many posts open with their own
 * contents list ("Table of Contents" and a list of in-page links) and a bare "Introduction" heading;
 * Hugo's summary flattens those into "Table of Contents Introduction What Is a WebSocket? 2.1 …".
 * Pure and linear in the length of the lead-in.
 */

/** Headings (or bold paragraphs) that title a contents list. */
const CONTENTS_TITLE = /^(?:table of contents|contents|toc|on this page|in this (?:article|post)|outline)\s*:?$/i;
const BLOCK = /^<(h[1-6]|ul|ol|nav|p|hr|div)\b[^>]*>/i;
/** Stop after this many skipped blocks: a lead-in is short, and this bounds the work on odd input. */
const MAX_SKIPPED = 12;
/** A lead-in block is small; a longer one is content, and the cap keeps every step linear. */
const MAX_BLOCK_CHARS = 20_000;

/**
 * `html` without its leading headings, contents lists (a list after a contents title, or a list of
 * in-page links only), `<nav>` blocks and rules, so an excerpt made from it starts at the first real
 * sentence. Returns `html` itself when nothing is left after the lead-in.
 */
export function skipLeadIn(html: string): string {
  let at = 0;
  let afterContentsTitle = false;
  for (let skipped = 0; skipped < MAX_SKIPPED; skipped++) {
    while (at < html.length && /\s/.test(html.charAt(at))) at++;
    const block = BLOCK.exec(html.slice(at, at + 300));
    if (!block) break;
    const tag = (block[1] ?? '').toLowerCase();
    if (tag === 'hr') {
      at += block[0].length;
      continue;
    }
    const end = closeOf(html, at, tag);
    if (end === -1 || end - at > MAX_BLOCK_CHARS) break;
    const inner = html.slice(at + block[0].length, end);
    const text = plain(inner);
    if (tag.startsWith('h')) afterContentsTitle = CONTENTS_TITLE.test(text);
    else if (tag === 'p' || tag === 'div') {
      // Only a bold "Table of Contents" line counts as a heading; any other paragraph is prose.
      if (!CONTENTS_TITLE.test(text)) break;
      afterContentsTitle = true;
    } else if (tag === 'ul' || tag === 'ol') {
      if (!afterContentsTitle && !isInPageLinks(inner)) break;
      afterContentsTitle = false;
    }
    at = end;
  }
  return at > 0 && hasText(html, at) ? html.slice(at) : html;
}

/** The index just past the element opened at `start`, counting nested lists and divs; -1 when unclosed. */
function closeOf(html: string, start: number, tag: string): number {
  if (tag !== 'ul' && tag !== 'ol' && tag !== 'div' && tag !== 'nav') {
    const close = html.toLowerCase().indexOf(`</${tag}>`, start);
    return close === -1 ? -1 : close + tag.length + 3;
  }
  const re = new RegExp(`<(/?)${tag === 'ol' || tag === 'ul' ? '(?:ul|ol)' : tag}\\b[^<>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}

/** A list whose every item is a link to a place in the page, with nothing but numbering around them. */
function isInPageLinks(listHtml: string): boolean {
  if (!/<a\s[^<>]*href=["']#/i.test(listHtml) || /<a\s[^<>]*href=["'](?!#)/i.test(listHtml)) return false;
  return /^[\s\d.)]*$/.test(plain(listHtml.replace(/<a\s[^<>]*>[\s\S]*?<\/a>/gi, ' ')));
}

function plain(html: string): string {
  return html
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `html` from `from` on has any text outside tags. */
function hasText(html: string, from: number): boolean {
  for (let i = from; i < html.length; i++) {
    const c = html.charAt(i);
    if (c === '<') {
      const close = html.indexOf('>', i);
      if (close === -1) return false;
      i = close;
    } else if (!/\s/.test(c)) return true;
  }
  return false;
}
