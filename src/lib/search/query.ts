/**
 * The query language: words (all must match), the last one a prefix while the reader types,
 * "exact phrases", -excluded words and -"excluded phrases".
 */
import { terms as termsOf, type TokenizeOptions } from './tokenize';

export interface QueryTerm {
  /** Folded, as in the index. */
  term: string;
  /** Matches longer words too: the word the reader is still typing. */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Every doc must contain each of these (phrase words included). */
  required: QueryTerm[];
  /** A doc containing any of these is dropped. */
  excluded: string[];
  /** Word sequences that must appear in order; checked against text (see filterPhrases). */
  phrases: string[][];
  excludedPhrases: string[][];
}

const PART = /(-?)"([^"]*)("?)|(-?)(\S+)/g;

export function parseQuery(input: string, options: TokenizeOptions = {}): ParsedQuery {
  const q: ParsedQuery = { required: [], excluded: [], phrases: [], excludedPhrases: [] };
  // The last word is a prefix only while it is being typed: no space or closing quote after it.
  const typing = input.length > 0 && !/\s$/.test(input);
  let lastPlain = -1;
  PART.lastIndex = 0;
  for (let m = PART.exec(input); m !== null; m = PART.exec(input)) {
    if (m[2] !== undefined) {
      const words = termsOf(m[2], options);
      if (words.length === 0) continue;
      if (m[1] === '-') q.excludedPhrases.push(words);
      else {
        // An unclosed quote at the end is a phrase being typed: its last word is a prefix.
        const open = m[3] === '' && typing && PART.lastIndex === input.length;
        for (const [i, term] of words.entries()) q.required.push({ term, prefix: open && i === words.length - 1 });
        if (words.length > 1) q.phrases.push(words);
      }
      lastPlain = -1;
      continue;
    }
    const words = termsOf(m[5] ?? '', options);
    if (m[4] === '-' && words.length > 0) {
      q.excluded.push(...words);
      lastPlain = -1;
    } else {
      for (const term of words) q.required.push({ term, prefix: false });
      lastPlain = words.length > 0 ? q.required.length - 1 : lastPlain;
      if (words.length > 1) q.phrases.push(words);
    }
  }
  const last = q.required[lastPlain];
  if (typing && last && lastPlain === q.required.length - 1) last.prefix = true;
  return q;
}
