/**
 * Text → index terms. Pure: runs in a Web Worker and in Node.
 *
 * Words are runs of letters, digits and marks (apostrophes inside a word are dropped, so "it's" is
 * "its"); `.`, `_`, `-` and other punctuation split, so "node.js" gives "node" and "js". Runs in
 * scripts written without spaces (Han, kana, Thai…) go through Intl.Segmenter; the others are already
 * words. Intl.Segmenter on all text was measured about 10 times slower than this regex, and it is
 * very slow on long strings, so it only sees the runs that need it.
 */

export interface Token {
  /** The folded term. */
  term: string;
  /** UTF-16 offsets of the word in the original text. */
  start: number;
  end: number;
}

export interface TokenizeOptions {
  /** Light English plural stemming (see `stem`). Off by default: measured on the judged queries. */
  stem?: boolean;
}

const RUN = /[\p{L}\p{N}\p{M}'\u2019]+/gu;
const PLAIN = /^[a-z0-9]+$/;
const NEEDS_SEGMENTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const APOSTROPHES = /['\u2019]/g;
const COMBINING = /[\u0300-\u036f]/g;
/** Longer "words" are base64, hashes or minified code: never searched for, and they bloat the dictionary. */
export const MAX_TERM_LENGTH = 40;

let segmenter: Intl.Segmenter | null = null;

/**
 * Case folded, compatibility-normalised (NFKC), Latin/Greek/Cyrillic diacritics removed. Only the
 * combining diacritics block is stripped: stripping every mark would turn Japanese ガ into カ.
 */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  return lower.normalize('NFKC').toLowerCase().normalize('NFKD').replace(COMBINING, '').normalize('NFC');
}

/**
 * Light English stemmer for plurals only ("caches" → "cache", "queries" → "query"), the one
 * suffix family that rarely changes meaning. Words under 4 letters and non-ASCII words are kept.
 */
export function stem(term: string): string {
  if (term.length < 4 || !PLAIN.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses') || term.endsWith('us') || term.endsWith('ss') || term.endsWith('is')) {
    return term.endsWith('sses') ? term.slice(0, -2) : term;
  }
  if (term.endsWith('s')) return term.slice(0, -1);
  return term;
}

function push(out: Token[], raw: string, start: number, options: TokenizeOptions): void {
  const bare = raw.replace(APOSTROPHES, '');
  if (bare.length === 0) return;
  let term = fold(bare);
  if (term.length === 0 || term.length > MAX_TERM_LENGTH) return;
  if (options.stem) term = stem(term);
  out.push({ term, start, end: start + raw.length });
}

function segmentRun(out: Token[], run: string, offset: number, options: TokenizeOptions): void {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const s of segmenter.segment(run)) {
    if (s.isWordLike) push(out, s.segment, offset + s.index, options);
  }
}

/** Every word of `text` with its offsets, in order. */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const out: Token[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const run = m[0];
    if (NEEDS_SEGMENTER.test(run)) segmentRun(out, run, m.index, options);
    else push(out, run, m.index, options);
  }
  return out;
}

/** Per ASCII unit: 0 splits words, 1 is a letter or digit, 2 an apostrophe (RUN's ASCII part). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;
ASCII_WORD[39] = 2;
const WORD_CHAR = /[\p{L}\p{N}\p{M}'\u2019]/uy;

/** Whether the code point at `i` may be part of a RUN. */
function isWordChar(text: string, i: number): boolean {
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text);
}

/** UTF-16 units of the code point at `i`. */
function unitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/**
 * The scan behind forEachTerm and the builder's term counting: `plain(start, end)` for each plain
 * ASCII word (letters and digits, no apostrophe; its term is the text lower-cased, when it is not
 * over MAX_TERM_LENGTH), `other(run)` for every other RUN, whose terms runTerms gives. ASCII is
 * classified by table; the RUN regex and its match arrays were most of a body's time.
 */
export function scanRuns(text: string, plain: (start: number, end: number) => void, other: (run: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 ? ASCII_WORD[c] === 0 : !isWordChar(text, i)) {
      i += c < 128 ? 1 : unitsAt(text, i);
      continue;
    }
    const start = i;
    let isPlain = true;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        const kind = ASCII_WORD[d];
        if (kind === 0) break;
        if (kind === 2) isPlain = false;
        i++;
      } else {
        if (!isWordChar(text, i)) break;
        isPlain = false;
        i += unitsAt(text, i);
      }
    }
    if (isPlain) plain(start, i);
    else other(text.slice(start, i));
  }
}

/**
 * Just the terms, for indexing: calls `emit` for each one without building Token objects, since
 * the builder sees every word of every body. The same terms as tokenize.
 */
export function forEachTerm(text: string, emit: (term: string) => void, options: TokenizeOptions = {}): void {
  scanRuns(
    text,
    (start, end) => {
      if (end - start > MAX_TERM_LENGTH) return;
      const lower = text.slice(start, end).toLowerCase();
      emit(options.stem ? stem(lower) : lower);
    },
    (run) => runTerms(run, emit, options),
  );
}

/** The terms of one RUN that is not plain ASCII: folded, apostrophes dropped, segmented where the script needs it. */
export function runTerms(run: string, emit: (term: string) => void, options: TokenizeOptions): void {
  const tokens: Token[] = [];
  if (NEEDS_SEGMENTER.test(run)) segmentRun(tokens, run, 0, options);
  else push(tokens, run, 0, options);
  for (const t of tokens) emit(t.term);
}

/** The terms of a short text (a query word), in order. */
export function terms(text: string, options: TokenizeOptions = {}): string[] {
  return tokenize(text, options).map((t) => t.term);
}
