/**
 * Normalisation shared by the feed builder (CLI) and the app. Pure and browser-safe: no Node imports.
 * Where Hugo has a rule (tag slugs, word count, reading time, auto summary) it is reproduced, so a
 * feed built from a Hugo blog shows the same figures as the blog itself.
 */
import { decodeHTML } from 'entities';
import { MAX_ID_CHARS } from './limits';
import { stripInvisible } from './text';

/**
 * Hugo-style tag slug: lower-cased, whitespace and other punctuation collapsed to single hyphens,
 * hyphens trimmed. Unicode letters, digits and marks are kept, and so are `+`, `#`, `.` and `_`
 * (as Hugo keeps them), so "C++", "C#" and "C" stay distinct topics: "c++", "c#", "c".
 * Invisible and bidi characters are dropped and the name is NFKC-normalised first, so "ru\u200Bst",
 * "rust\uFE0F" and full-width "ｒｕｓｔ" are all "rust".
 * Callers must URL-encode a slug (encodeURIComponent) before putting it in a URL.
 */
export function slugifyTopic(name: string): string {
  return trimChars(
    stripInvisible(name)
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}+#._]+/gu, '-'),
    '-.',
  );
}

/** Trims the given characters from both ends in linear time: an end-anchored regex backtracks quadratically on long runs. */
function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text.charAt(start))) start++;
  while (end > start && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A date as its author wrote it: the instant, and the offset it was written in. */
export interface DateParts {
  /** ISO 8601 UTC: the sortable instant. */
  date: string;
  /** Minutes east of UTC of the date as written ("-05:00" → -300); 0 for "Z" or no zone. */
  offset: number;
}

/**
 * A front-matter date as an ISO 8601 UTC string, or null. Accepts Date objects, "YYYY-MM-DD",
 * "YYYY-MM-DDThh:mm[:ss[.fff]]" with or without a zone ("Z", "+02:00", "+0200", "+02").
 * A date-time without a zone is taken as UTC (Hugo's default `timeZone`), a date-only value as
 * midnight UTC. Go's zero date (year 1) and empty or unparseable values give null.
 */
export function parseDate(value: unknown): string | null {
  return parseDateParts(value)?.date ?? null;
}

/**
 * parseDate, keeping the offset the date was written in, as Hugo does to show the author's calendar
 * day. A date without a zone is read in `timeZone` (an IANA name, Hugo's `timeZone` setting) when
 * one is given, else in UTC.
 */
export function parseDateParts(value: unknown, timeZone: string | null = null): DateParts | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) || value.getUTCFullYear() <= 1 ? null : { date: value.toISOString(), offset: 0 };
  }
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year <= 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Math.round(Number(`0.${frac || '0'}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  const offset = zone === undefined ? (timeZone === null ? 0 : zoneOffsetAt(wall, timeZone)) : zoneOffsetMinutes(zone);
  const date = new Date(wall - offset * 60_000);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps them literal.
  if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return { date: date.toISOString(), offset };
}

/**
 * The offset of `timeZone` for a wall-clock time (given as if it were UTC), in minutes east of UTC.
 * An unknown zone name counts as UTC. Near a DST change the offset just before the wall time is used.
 */
export function zoneOffsetAt(wallMs: number, timeZone: string): number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    return 0;
  }
  // Two rounds: the offset at the wall time read as UTC, then at the instant that offset gives.
  let offset = offsetOf(format, wallMs);
  offset = offsetOf(format, wallMs - offset * 60_000);
  return offset;
}

function offsetOf(format: Intl.DateTimeFormat, instant: number): number {
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

function daysInMonth(year: number, month: number): number {
  // The Gregorian calendar repeats every 400 years; this also keeps Date.UTC away from years 0-99.
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** Hugo's word count: whitespace-separated fields of the plain text. */
export function countWords(plainText: string): number {
  // A scan, not /\S+/g: the builder counts every body's words, and the match array was most of it.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < plainText.length; i++) {
    const space = isSpace(plainText.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Hugo's reading time: (words + 212) / 213 in integer division, i.e. ceil(words / 213). */
export function readingMinutes(words: number): number {
  return Math.floor((Math.max(0, Math.floor(words)) + 212) / 213);
}

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

export interface Summary {
  /** Plain text. */
  summary: string;
  /** True when the summary is a cut of a longer body. */
  truncated: boolean;
}

const MORE_DIVIDER = '<!--more-->';

/**
 * Hugo (≥ 0.134) summary of rendered HTML. With a `<!--more-->` divider, everything before it.
 * Otherwise the auto summary: walk the HTML segment by segment (each runs up to the next `</p>`),
 * counting words as Hugo does, and cut after the `</p>` of the segment where the running count
 * reaches `numWords`; when it never does, the whole content, not truncated.
 */
export function summarize(html: string, numWords = 70): Summary {
  const divider = html.indexOf(MORE_DIVIDER);
  if (divider >= 0) {
    const rest = htmlToPlainText(html.slice(divider + MORE_DIVIDER.length));
    return { summary: htmlToPlainText(html.slice(0, divider)), truncated: rest !== '' };
  }
  let count = 0;
  for (let j = 0; j < html.length; ) {
    const close = html.indexOf('</p>', j);
    if (close === -1) break;
    count += countSegmentWords(html.slice(j, close), numWords - count);
    if (count >= numWords) {
      const end = close + 4;
      return { summary: htmlToPlainText(html.slice(0, end)), truncated: /\S/.test(html.slice(end)) };
    }
    j = close + 3;
  }
  return { summary: htmlToPlainText(html), truncated: false };
}

/**
 * Words of one segment the way Hugo's ExtractSummaryFromHTML counts them, quirks included: a token
 * ends at whitespace, the segment's last character is never part of a token, and tokens that look
 * like a bare tag ("<p>", "</em") or an attribute ('href="…') count nothing. Stops at `limit`.
 */
function countSegmentWords(segment: string, limit: number): number {
  let count = 0;
  let start = 0;
  for (let i = 0; i < segment.length; i++) {
    const last = i === segment.length - 1;
    if (!last && !isSpace(segment.charCodeAt(i))) continue;
    count += countToken(segment.slice(start, i).trim());
    start = i;
    if (count >= limit) break;
  }
  return count;
}

/** Whether a UTF-16 unit is one of JavaScript's \\s. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code > 0x7f && /\s/.test(String.fromCharCode(code)));
}

const HTML_TAG_TOKEN = /^<\/?[A-Za-z]+>?$/;
const HTML_ATTRIBUTE_TOKEN = /^[A-Za-z]+=["']/;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

function countToken(token: string): number {
  if (token === '' || token === '>' || HTML_TAG_TOKEN.test(token) || HTML_ATTRIBUTE_TOKEN.test(token)) return 0;
  const text = token.replace(/<[^>]*(?:>|$)/g, '');
  if (text === '') return 0;
  // CJK characters count one word each, as in Hugo; the rest of the token counts once.
  const cjk = text.match(CJK)?.length ?? 0;
  if (cjk === 0) return 1;
  return cjk + (text.replace(CJK, '').trim() === '' ? 0 : 1);
}

/**
 * An article id from a file stem or slug: lower-case ASCII, file- and URL-safe ([a-z0-9._-]),
 * accents folded ("café" → "cafe"), other characters as single hyphens, no "..", nothing leading or
 * trailing but letters and digits, at most MAX_ID_CHARS long. Empty input gives "untitled".
 */
export function makeArticleId(fileStem: string): string {
  const id = trimChars(
    fileStem
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/\.{2,}/g, '.'),
    '._-',
  );
  // Cut after trimming: a long run of separators must not push the whole name past the cut.
  const cut = trimChars(id.slice(0, MAX_ID_CHARS), '._-');
  return cut === '' ? 'untitled' : cut;
}
