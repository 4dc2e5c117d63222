/**
 * Text blocks store their rows packed: each row's strings end to end in one string, and the numbers
 * in typed arrays. IndexedDB clones a value on every put (and Chromium clones it back to read its
 * index keys), and 50 objects of eleven fields a block made those clones most of a 100k first sync's
 * write time; one string and a few arrays clone at memory speed. Blocks stored as objects before
 * are read as they are.
 */
import type { ArticleText } from '../model/article';
import type { PackedTexts, TextBlockRecord } from './records';

/** The strings of a row, in the order they are packed. */
const STRINGS = ['id', 'slug', 'url', 'title', 'author', 'summary', 'bodyHref', 'bodyHash'] as const;
const PER_ROW = STRINGS.length;

/** Flags per row: which nullable strings are null, and whether the summary was cut. */
const AUTHOR_NULL = 1;
const BODY_HREF_NULL = 2;
const BODY_HASH_NULL = 4;
const SUMMARY_TRUNCATED = 8;

export function packTexts(rows: readonly ArticleText[]): PackedTexts {
  const parts: string[] = [];
  const ends = new Uint32Array(rows.length * PER_ROW);
  const words = new Float64Array(rows.length);
  const readingMinutes = new Float64Array(rows.length);
  const flags = new Uint8Array(rows.length);
  let length = 0;
  rows.forEach((row, i) => {
    for (const [s, field] of STRINGS.entries()) {
      const value = row[field] ?? '';
      parts.push(value);
      length += value.length;
      ends[i * PER_ROW + s] = length;
    }
    words[i] = row.words;
    readingMinutes[i] = row.readingMinutes;
    flags[i] =
      (row.author === null ? AUTHOR_NULL : 0) |
      (row.bodyHref === null ? BODY_HREF_NULL : 0) |
      (row.bodyHash === null ? BODY_HASH_NULL : 0) |
      (row.summaryTruncated ? SUMMARY_TRUNCATED : 0);
  });
  return { text: parts.join(''), ends, words, readingMinutes, flags };
}

/** Row `row` of a block, or undefined past its end. */
export function textAt(block: TextBlockRecord, row: number): ArticleText | undefined {
  if (!('packed' in block)) return block.rows[row];
  const { text, ends, words, readingMinutes, flags } = block.packed;
  if (!(row >= 0 && row < flags.length)) return undefined;
  const at = row * PER_ROW;
  const field = (s: number): string => text.slice(s + at === 0 ? 0 : (ends[at + s - 1] as number), ends[at + s] as number);
  const flag = flags[row] as number;
  return {
    id: field(0),
    slug: field(1),
    url: field(2),
    title: field(3),
    author: flag & AUTHOR_NULL ? null : field(4),
    summary: field(5),
    summaryTruncated: (flag & SUMMARY_TRUNCATED) !== 0,
    words: words[row] as number,
    readingMinutes: readingMinutes[row] as number,
    bodyHref: flag & BODY_HREF_NULL ? null : field(6),
    bodyHash: flag & BODY_HASH_NULL ? null : field(7),
  };
}
