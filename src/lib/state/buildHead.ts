/**
 * The head record itself: the default list's first page as it renders, built from the catalogue and
 * the reader's marks. The app's head keeper stores it; the feed builder writes a folder's head.json.
 */
import { topicName, type Catalog } from '../catalog/catalog';
import { hashtag } from '../display/hashtag';
import { cardSummary, metaLine } from '../display/meta';
import { DEFAULT_PARAMS } from '../list/params';
import type { ListResult } from '../list/query';
import type { Article } from '../model/article';
import { HEAD_FORMAT, type HeadCard, type HeadContinue, type HeadRecord } from '../model/head';
import { articleHref, topicHref } from '../router/routes';

/** Topics a card shows before "+N", as `TopicLinks` does on a card. */
const CARD_TOPICS = 4;

export interface HeadInput {
  base: string;
  catalog: Catalog;
  /** The default list (`DEFAULT_PARAMS`), page 1. */
  result: ListResult;
  /** The page's articles, in list order. */
  articles: readonly Article[];
  read: ReadonlySet<string>;
  saved: ReadonlySet<string>;
  stored: ReadonlySet<string>;
  sourceTitle: string | null;
  /** "Continue reading", as it renders: articles with how far the reader got (0–1). */
  started: readonly { article: Article; progress: number }[];
}

function card(input: HeadInput, article: Article): HeadCard {
  const name = (slug: string) => topicName(input.catalog, slug);
  return {
    key: article.key,
    href: articleHref(input.base, article.key, DEFAULT_PARAMS),
    title: article.title,
    summary: cardSummary(article),
    meta: metaLine(article),
    topics: article.topics.slice(0, CARD_TOPICS).map((slug) => ({ href: topicHref(input.base, slug), label: hashtag(name(slug)) })),
    moreTopics: article.topics.slice(CARD_TOPICS).map(name),
    read: input.read.has(article.key),
    saved: input.saved.has(article.key),
    offline: input.stored.has(article.key),
  };
}

/** The head record for the default list's first page, or null when there is nothing to show. */
export function buildHead(input: HeadInput): HeadRecord | null {
  const { result, articles } = input;
  if (result.total === 0 || articles.length === 0) return null;
  const continueReading: HeadContinue[] = input.started.map(({ article, progress }) => ({
    href: articleHref(input.base, article.key, DEFAULT_PARAMS),
    title: article.title,
    percent: Math.round(progress * 100),
  }));
  return {
    format: HEAD_FORMAT,
    sourceTitle: input.sourceTitle,
    total: result.total,
    pageCount: result.pageCount,
    unread: result.unread,
    continueReading,
    cards: articles.map((article) => card(input, article)),
    chunks: input.catalog.chunks.map((chunk) => chunk.key).sort(),
  };
}
