/**
 * Shared by every format parser: what an item carries (an ArticleDraft), and the app's rules for its
 * parts (dates, summaries, ids, feed titles, warnings). ArticleSet (articleSet.ts) applies them.
 */
import { MAX_DESCRIPTION_CHARS, MAX_WARNINGS } from '../limits';
import type { DateParts } from '../dates';
import { makeArticleId, summarize, type Summary } from '../normalize';
import { parseFeedDateParts, plainTitle } from './values';
import { hash48 } from '../hash';

export interface ArticleDraft {
  /** The item's own identifier (RSS guid, Atom id, JSON Feed id), as written. */
  id: string | null;
  /** Absolute http(s) link to the post, already resolved; null when the item has none. */
  url: string | null;
  /** The link as written, when it may be relative (for telling list pages by their path). */
  link?: string | null;
  /** As found: HTML or text (see plainTitle). */
  title: string | null;
  /** ISO 8601 UTC or null. */
  date: string | null;
  /** Minutes east of UTC the date was written in. */
  dateOffset?: number;
  /** `term` gives the slug, `label` (else `term`) the display name. */
  topics: { term: string; label?: string | null }[];
  author: string | null;
  /** The feed's own summary of the item, as HTML or as plain text. */
  summary: { html: string } | { text: string } | null;
  bodyHtml: string | null;
  /**
   * The base URL an xml:base in scope gives the item's content, or null when none does (relative
   * URLs in the body then resolve against the item's link, else the feed's own address).
   */
  base?: string | null;
}

/** Summaries aim at about SUMMARY_WORDS words; a Hugo-style paragraph summary longer than MAX is cut. */
export const SUMMARY_WORDS = 70;
const MAX_SUMMARY_WORDS = 120;

/** Collects warnings; after MAX_WARNINGS it only counts them, so a feed of 100k broken items stays cheap. */
export class Warnings {
  private readonly list: string[] = [];
  private dropped = 0;
  /** About the whole feed: kept whatever came before. */
  private readonly first: string[] = [];

  add(message: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(message);
    else this.dropped++;
  }

  /** A warning that must not be lost among the per-item ones; listed first. */
  addFirst(message: string): void {
    this.first.push(message);
  }

  toArray(): string[] {
    const all = [...this.first, ...this.list];
    return this.dropped === 0 ? all : [...all, `…and ${this.dropped} more warnings.`];
  }
}

/** parseFeedDate, with a warning for a date that is there but unreadable (Go's zero date is just "no date"). */
export function readDate(raw: string | null, where: string, warnings: Warnings): DateParts | null {
  const date = parseFeedDateParts(raw);
  if (date === null && raw !== null && raw.trim() !== '' && !/\b0001\b/.test(raw)) {
    warnings.add(`${where}: unreadable date ${JSON.stringify(raw)}; left undated.`);
  }
  return date;
}

/**
 * Summary of an HTML fragment, about 70 words: Hugo's auto summary (whole paragraphs up to the one
 * where the 70th word falls, or everything before `<!--more-->`); when that runs past 120 words
 * (one huge paragraph, or text without `</p>`), the plain text is cut after the 70th word, or at
 * the end of the sentence if one ends within the next 20 words.
 */
export function cutSummary(html: string): Summary {
  const hugo = summarize(html, SUMMARY_WORDS);
  const words = hugo.summary.match(/\S+/g) ?? [];
  if (words.length <= MAX_SUMMARY_WORDS) return hugo;
  let end = SUMMARY_WORDS;
  for (let i = SUMMARY_WORDS - 1; i < SUMMARY_WORDS + 20 && i < words.length; i++) {
    if (/[.!?…]["'”’)\]]*$/.test(words[i] ?? '')) {
      end = i + 1;
      break;
    }
  }
  return { summary: words.slice(0, end).join(' '), truncated: true };
}

/**
 * A Folio article id ([a-z0-9._-]) for an item, deterministic across fetches. The rule:
 *   raw   = the item's guid / id, else its link (see ArticleSet.add);
 *   slug  = the last meaningful segment of the link's path (else of the raw id, split at / : , ? = &),
 *           without a .html/.php/… extension and skipping "index", through makeArticleId (lower-case
 *           ASCII, accents folded), at most 48 characters; empty when nothing readable is left;
 *   hash  = 12 hex digits (48 bits) of a hash of the exact raw id;
 *   id    = "<slug>-<hash>", or "<hash>" when the slug is empty.
 * The hash keeps ids unique and stable however the slug comes out; the slug keeps them readable.
 */
export function articleIdFor(rawId: string, url: string | null): string {
  const slug = readableSlug(url ?? rawId);
  const hash = hash48(rawId);
  return slug === '' ? hash : `${slug}-${hash}`;
}

/** The readable part of an article's id (see articleIdFor): the link's last path segment, slugged; may be empty. */
export function readableSlug(ref: string): string {
  let path = ref;
  try {
    const url = new URL(ref);
    path = url.pathname + url.search;
  } catch {
    // Not a URL (a tag: URI, a number…): slug its own text.
  }
  const segments = path
    .split(/[/:,?=&#]+/)
    .map((s) => safeDecode(s).replace(/\.(?:html?|php|aspx?|xml|json|md)$/i, ''))
    .filter((s) => s.trim() !== '' && s.toLowerCase() !== 'index');
  // (Capped: nothing longer survives into the slug, and makeArticleId is slow on huge input.)
  const last = (segments.at(-1) ?? '').slice(0, 200);
  const slug = makeArticleId(last);
  if (slug === 'untitled' && last.toLowerCase() !== 'untitled') return '';
  if (slug.length <= 48) return slug;
  const cut = slug.slice(0, 48);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 16 ? cut.slice(0, hyphen) : cut).replace(/[._-]+$/, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A feed's description (RSS description, Atom subtitle, JSON Feed description) as plain text, or "". */
export function feedDescription(raw: string | null): string {
  return plainTitle(raw, MAX_DESCRIPTION_CHARS);
}

/** The feed's title as plain text; when it has none, the host name of its home page or address. */
export function feedTitle(
  raw: string | null,
  homepage: string | null,
  feedUrl: string | null,
  warnings: Warnings,
  warn = true,
): string {
  const title = plainTitle(raw);
  if (title !== '') return title;
  const fallback = hostOf(homepage) ?? hostOf(feedUrl) ?? 'Untitled feed';
  if (warn) warnings.add(`The feed has no title; showing it as "${fallback}".`);
  return fallback;
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
