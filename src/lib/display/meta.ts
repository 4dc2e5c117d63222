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
