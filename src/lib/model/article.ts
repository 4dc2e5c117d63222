/** The display fields of one article, as its feed gives them. */
export interface ArticleText {
  id: string;
  slug: string;
  url: string;
  title: string;
  author: string | null;
  /** Plain text. */
  summary: string;
  summaryTruncated: boolean;
  words: number;
  readingMinutes: number;
  bodyHref: string | null;
  bodyHash: string | null;
}

/** One article as views show it: catalogue metadata joined with its display text. */
export interface Article extends ArticleText {
  /** `${sourceId}/${id}`: unique across sources. */
  key: string;
  sourceId: string;
  /** Epoch ms (UTC), or null when the feed has no usable date. */
  date: number | null;
  /** Minutes east of UTC the author wrote the date in; the day shown is that of date + offset. */
  dateOffset: number;
  topics: string[];
  bodyBytes: number;
}

/** An article's key: its id is unique only within its source. */
export const articleKey = (sourceId: string, id: string): string => `${sourceId}/${id}`;

/** A key's source and id, as `articleKey` joined them: the source id ends at the first slash. */
export function splitArticleKey(key: string): [sourceId: string, id: string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** Marks a body that arrived inside the feed document: there is no file to fetch it from. */
export const INLINE_BODY = 'inline:';

export const isInlineBody = (href: string | null): boolean => href !== null && href.startsWith(INLINE_BODY);
