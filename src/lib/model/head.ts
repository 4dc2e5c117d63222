/**
 * The head record: the default list's first page as it renders, kept so the next start paints it
 * before the database, the catalogue and their code have loaded. Strings are stored formatted, so
 * painting them needs no code beyond the view itself.
 */

export const HEAD_FORMAT = 1;

/**
 * A feed folder's optional `head.json`: its default list's first page as the head record of a
 * reader with no marks, painted on a first visit. Larger than this, it is neither written nor read.
 */
export const FOLDER_HEAD_FILE = 'head.json';
export const FOLDER_HEAD_MAX_BYTES = 64 * 1024;

export interface HeadTopic {
  href: string;
  /** As shown: "#DistributedSystems". */
  label: string;
}

export interface HeadCard {
  key: string;
  href: string;
  title: string;
  summary: string;
  /** The card's meta line: "April 3, 2026 · 11 min · 2256 words · author". */
  meta: string;
  topics: HeadTopic[];
  /** Topics past the ones shown: their count and names. */
  moreTopics: string[];
  read: boolean;
  saved: boolean;
  offline: boolean;
}

export interface HeadContinue {
  href: string;
  title: string;
  percent: number;
}

export interface HeadRecord {
  format: typeof HEAD_FORMAT;
  /** The bundled source's title, as the header shows it. */
  sourceTitle: string | null;
  total: number;
  pageCount: number;
  /** Unread articles in the default list: the "Mark all" line shows when there are any. */
  unread: number;
  continueReading: HeadContinue[];
  cards: HeadCard[];
  /**
   * Every stored catalogue chunk key, sorted. Keys carry content hashes: the head is shown only while
   * the database holds exactly these chunks, so a sync, a removed source or a cleared database
   * (which all change them) can never paint stale cards.
   */
  chunks: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isTopic(v: unknown): v is HeadTopic {
  return isObject(v) && isString(v.href) && isString(v.label);
}

function isCard(v: unknown): v is HeadCard {
  return (
    isObject(v) && isString(v.key) && isString(v.href) && isString(v.title) && isString(v.summary) && isString(v.meta) &&
    Array.isArray(v.topics) && v.topics.every(isTopic) && strings(v.moreTopics) &&
    typeof v.read === 'boolean' && typeof v.saved === 'boolean' && typeof v.offline === 'boolean'
  );
}

function isContinue(v: unknown): v is HeadContinue {
  return isObject(v) && isString(v.href) && isString(v.title) && typeof v.percent === 'number';
}

/** A head record read back from storage, or null when it is missing, damaged or of another format. */
export function readHeadRecord(value: unknown): HeadRecord | null {
  if (!isObject(value) || value.format !== HEAD_FORMAT) return null;
  const { sourceTitle, total, pageCount, unread, continueReading, cards, chunks } = value;
  if (sourceTitle !== null && !isString(sourceTitle)) return null;
  if (!isCount(total) || !isCount(pageCount) || !isCount(unread)) return null;
  if (!Array.isArray(continueReading) || !continueReading.every(isContinue)) return null;
  if (!Array.isArray(cards) || cards.length === 0 || !cards.every(isCard) || !strings(chunks)) return null;
  return value as unknown as HeadRecord;
}

/** Whether the head still shows what is stored: the database holds exactly the chunks it was made from. */
export function headMatches(head: HeadRecord, storedChunks: readonly string[]): boolean {
  if (storedChunks.length !== head.chunks.length) return false;
  const stored = [...storedChunks].sort();
  return head.chunks.every((key, i) => key === stored[i]);
}

/** A path on this site ("/read/…", "/?topic=…"), never another origin or scheme. */
const isLocalPath = (href: string): boolean => href.startsWith('/') && !href.startsWith('//') && !href.includes('\\');

/**
 * A feed folder's head (`head.json`, made for the base "/") moved under the app's base; null when it
 * is not one a folder can hold: links off the site, or marks (read, saved, stored, started) that
 * only a reader's own head can have.
 */
export function folderHeadAt(head: HeadRecord, base: string): HeadRecord | null {
  const hrefs = head.cards.flatMap((card) => [card.href, ...card.topics.map((t) => t.href)]);
  if (head.continueReading.length > 0 || !hrefs.every(isLocalPath)) return null;
  if (head.cards.some((card) => card.read || card.saved || card.offline)) return null;
  const at = (href: string): string => `${base}${href.slice(1)}`;
  return {
    ...head,
    cards: head.cards.map((card) => ({ ...card, href: at(card.href), topics: card.topics.map((t) => ({ ...t, href: at(t.href) })) })),
  };
}
