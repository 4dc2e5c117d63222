/**
 * HTML fragments to plain text, and text made fit to show. Linear in the input, hostile input
 * included. Pure and browser-safe, shared by the feed builder (CLI) and the app.
 */
import { decodeHTML } from 'entities';
import { stripInvisible, trimChars } from './text';

/** Decodes HTML character references ("&amp;", "&#8217;", "&rarr;"). */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

const BLOCK_TAGS = new Set(
  ('address article aside blockquote br dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 ' +
    'header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul').split(' '),
);

/**
 * Plain text of an HTML fragment: comments, scripts and styles dropped, block-level tags turned into
 * spaces (so words of adjacent blocks don't glue), inline tags removed, entities decoded, whitespace
 * collapsed. Linear in the input, hostile input included: an unclosed comment, script or style drops
 * the rest of the text, and a "<" that no ">" follows stays text.
 */
export function htmlToPlainText(html: string): string {
  return cleanText(htmlText(html));
}

/**
 * The text of an HTML fragment as words are counted and indexed: htmlToPlainText's, with its
 * whitespace left as it is. Neither countWords nor the search tokeniser sees the difference, and
 * collapsing a body's line breaks was a fifth of turning it into text.
 */
export function htmlToWordText(html: string): string {
  const text = htmlText(html);
  return NEEDS_STRIPPING.test(text) ? stripJunk(text) : text;
}

function htmlText(html: string): string {
  const stripped = stripTags(
    html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' '),
  );
  return decodeHTML(stripped);
}

/**
 * One character cleanText could change: a control, invisible or bidi character, any UTF-16
 * surrogate (an astral character is checked the long way), or whitespace other than a space. A
 * character class alone, so the engine scans for it without backtracking.
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- control characters and variation selectors are what it looks for
const MAY_NEED_CLEANING = /[\u0000-\u001F\u007F-\u00A0\u00AD\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u206F\u3000\uFE00-\uFE0F\uFEFF\uD800-\uDFFF]/;

/** Whether cleanText would give `text` back as it is; most text is clean already. */
function isClean(text: string): boolean {
  return !MAY_NEED_CLEANING.test(text) && !text.includes('  ') && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32;
}

// Control characters other than whitespace, and UTF-16 halves without their other half.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const JUNK = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text fit to show: control characters dropped (a NUL or an escape in a title is garbage, and
 * invisible), bidi controls and invisible characters dropped (see stripInvisible), a lone UTF-16
 * surrogate (from a "\ud800" in JSON) replaced with U+FFFD, whitespace collapsed to single spaces and trimmed.
 */
export function cleanText(text: string): string {
  // One scan finds that, where the three replaces below would copy it three times.
  if (isClean(text)) return text;
  // Most text that is not clean only has line breaks or doubled spaces (every body does).
  const stripped = NEEDS_STRIPPING.test(text) ? stripJunk(text) : text;
  return stripped.replace(UNUSUAL_SPACE, ' ').trim();
}

function stripJunk(text: string): string {
  return stripInvisible(text).replace(JUNK, (c) => (c.length === 1 && c >= '\uD800' ? '\uFFFD' : ''));
}

/** What stripInvisible or JUNK would change: any of it, or any surrogate (an astral character is checked the long way). */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- control characters and variation selectors are what it looks for
const NEEDS_STRIPPING = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF\uD800-\uDFFF]/;

/** A run of whitespace other than one plain space: what collapsing to single spaces changes. */
const UNUSUAL_SPACE = / \s+|[^\S ]\s*/g;

const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/y;

/** Tags out, a block tag leaving a space. */
function stripTags(html: string): string {
  return replaceTags(html, (_tag, name) => (BLOCK_TAGS.has(name) ? ' ' : ''));
}

/**
 * Calls `replace` for every tag of an HTML fragment ("<name …>" or "</name …>", up to the next ">")
 * and puts what it returns in the tag's place; the text between tags is kept as it is. `name` is
 * lower-case. A "<" that is not followed by a name, or that no ">" follows, is text.
 *
 * A scan, not a regex: /<[a-z][^>]*>/ rescans to the end of the text for every "<x" that has no ">"
 * after it, which made 40 KB of "<a<a<a…" take half a second and 1 MB take minutes. Here the
 * position of the next ">" is found once and reused until the scan passes it, so the time is linear.
 */
export function replaceTags(html: string, replace: (tag: string, name: string, closing: boolean) => string): string {
  let out = '';
  let textStart = 0;
  let nextGt = -1;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', lt)) {
    if (nextGt < lt) {
      nextGt = html.indexOf('>', lt);
      if (nextGt < 0) break; // No ">" is left, so no tag either: the rest is text.
    }
    TAG_NAME.lastIndex = lt;
    const m = TAG_NAME.exec(html);
    if (m === null) {
      lt++;
      continue;
    }
    // As in /<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/, trailing hyphens are not part of the name. The name
    // never contains ">", so the scan moves past everything the name pattern read.
    const name = trimChars(m[2] ?? '', '-').toLowerCase();
    out += html.slice(textStart, lt) + replace(html.slice(lt, nextGt + 1), name, m[1] === '/');
    textStart = lt = nextGt + 1;
  }
  return out + html.slice(textStart);
}
