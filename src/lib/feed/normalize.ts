/**
 * Normalisation shared by the feed builder (CLI) and the app. Pure and browser-safe: no Node imports.
 * Where Hugo has a rule (tag slugs, word count, reading time, auto summary) it is reproduced, so a
 * feed built from a Hugo blog shows the same figures as the blog itself. Dates are in dates.ts, HTML
 * to text in htmlText.ts.
 */
import { htmlToPlainText } from './htmlText';
import { MAX_ID_CHARS } from './limits';
import { stripInvisible, trimChars } from './text';

/**
 * Hugo-style tag slug: lower-cased, whitespace and other punctuation collapsed to single hyphens,
 * hyphens trimmed. Unicode letters, digits and marks are kept, and so are `+`, `#`, `.` and `_`
 * (as Hugo keeps them), so "C++", "C#" and "C" stay distinct topics: "c++", "c#", "c".
 * Invisible and bidi characters are dropped and the name is NFKC-normalised first, so "ru\u200Bst",
 * "rust\uFE0F" and full-width "ｒｕｓｔ" are all "rust".
 * Callers must URL-encode a slug (encodeURIComponent) before putting it in a URL.
 */
export function slugifyTopic(name: string): string {
  if (isSlugAlready(name)) return name;
  return trimChars(
    stripInvisible(name)
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}+#._]+/gu, '-'),
    '-.',
  );
}

/**
 * Whether slugifyTopic would give `name` back as it is: lower-case ASCII letters, digits, `+`, `#`,
 * `_`, `.` and single hyphens, with no hyphen or dot at either end. A feed folder's topics are
 * slugs already (its builder wrote them), and a shard's own memo misses most of them: at 10k, NFKC
 * and the regex were about a tenth of reading the shards.
 */
function isSlugAlready(name: string): boolean {
  const last = name.length - 1;
  if (last < 0) return false;
  let afterHyphen = true;
  for (let i = 0; i <= last; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 35 || c === 95) afterHyphen = false;
    else if (c === 46 && i > 0 && i < last) afterHyphen = false;
    else if (c !== 45 || afterHyphen || i === last) return false;
    else afterHyphen = true;
  }
  return true;
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
