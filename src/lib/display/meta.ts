import { formatDay } from './dates';

export interface MetaFields {
  date: number | null;
  /** Minutes east of UTC the date was written in. */
  dateOffset?: number;
  readingMinutes: number;
  words: number;
  author: string | null;
}

/** "April 3, 2026 · 11 min · 2256 words · martinuke0", leaving out what the feed lacks. */
export function metaLine(article: MetaFields): string {
  const parts: string[] = [];
  if (article.date !== null) parts.push(formatDay(article.date, article.dateOffset ?? 0));
  if (article.readingMinutes > 0) parts.push(`${article.readingMinutes} min`);
  if (article.words > 0) parts.push(`${article.words} words`);
  if (article.author) parts.push(article.author);
  return parts.join(' · ');
}

/**
 * Characters of a summary a card keeps. It shows three lines (line-clamp): the widest list column,
 * about 58 em of 0.98 rem text, holds some 140 characters of English a line. The rest was laid out
 * and never seen: at a median of 718 characters a summary, half the layout of a page of cards.
 */
export const CARD_SUMMARY_CHARS = 480;

/** A card's summary: cut after a word within `CARD_SUMMARY_CHARS`, with " …" when it goes on. */
export function cardSummary(article: { summary: string; summaryTruncated: boolean }): string {
  const { summary } = article;
  if (summary.length <= CARD_SUMMARY_CHARS) return summary + (article.summaryTruncated ? ' …' : '');
  let end = CARD_SUMMARY_CHARS;
  // Not between the halves of a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(summary.charAt(end - 1))) end -= 1;
  const space = summary.lastIndexOf(' ', end);
  // After a word where one ends near the cut; text without spaces (Chinese, Japanese) is cut as is.
  if (space > CARD_SUMMARY_CHARS - 60) end = space;
  return `${summary.slice(0, end).trimEnd()} …`;
}
