/**
 * Characters that change how text looks without being seen: bidi controls, zero-width characters,
 * variation selectors, tag characters. A feed can use them to make "ru\u200Bst" look like "rust" or
 * to flip the order of a title, so they are dropped from every title, author, summary and topic.
 * Pure, no imports (normalize.ts and htmlText.ts build on it).
 */

// Bidi controls: U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069. Invisible: U+00AD (soft hyphen),
// U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, variation selectors U+FE00–U+FE0F,
// tag characters U+E0000–U+E007F and variation selectors U+E0100–U+E01EF.
// eslint-disable-next-line no-misleading-character-class -- matching variation selectors one by one is the point
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

/**
 * `text` without bidi controls and invisible characters. This also drops the zero-width joiner, so
 * an emoji family shows as its members and "❤️" as "❤": a small price for text that reads as it looks.
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

const LATIN = /\p{Script=Latin}/u;
// Scripts with letters that look like Latin ones (а/a, е/e, о/o, р/p, с/c, у/y; Greek ο/o, ν/v…).
const LOOK_ALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;

/** Whether one word of `text` mixes Latin letters with letters of a look-alike script ("rуst", Cyrillic у). */
export function hasMixedScripts(text: string): boolean {
  // Each word is tested on its own: "Rust на русском" is two honest words, not a confusable one.
  for (const word of text.split(/[\s\-_/.,;:]+/)) {
    if (LATIN.test(word) && LOOK_ALIKE.test(word)) return true;
  }
  return false;
}

/** Trims the given characters from both ends in linear time: an end-anchored regex backtracks quadratically on long runs. */
export function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text.charAt(start))) start++;
  while (end > start && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
