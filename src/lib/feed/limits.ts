/**
 * Every size limit of the feed layer, in one place so the README can state them. They apply to all
 * formats alike: RSS, Atom, JSON Feed, Hugo index, Hugo folders and Folio feed folders. Anything past
 * a limit is cut or ignored, never a crash and never a slow path: every check is linear.
 */

/** The largest feed document Folio reads (20 MiB): real feeds are far smaller; a bigger one is refused unread. */
export const MAX_FEED_BYTES = 20 * 1024 * 1024;
/** Titles are cut at a word to this many characters. */
export const MAX_TITLE_CHARS = 300;
/** Summaries are cut to this many characters (a Hugo summary of a long paragraph fits). */
export const MAX_SUMMARY_CHARS = 2000;
/** A feed's own description is cut to this many characters. */
export const MAX_DESCRIPTION_CHARS = 1000;
/** Author names are cut to this many characters. */
export const MAX_NAME_CHARS = 200;
/**
 * Articles read from one feed document (RSS, Atom, JSON Feed, Hugo index); later items are skipped
 * with a warning. Real feeds list tens to a few thousand; a feed folder, whose shards are each
 * bounded by MAX_FEED_BYTES, has no such cap.
 */
export const MAX_ARTICLES_PER_FEED = 100_000;
/** Topics of one article past this many are ignored. */
export const MAX_TOPICS_PER_ARTICLE = 50;
/** A topic's name (and so its slug) is cut to this many characters before slugging. */
export const MAX_TOPIC_CHARS = 200;
/** Article ids and slugs: at most this many characters of [a-z0-9._-]. */
export const MAX_ID_CHARS = 200;
/** Warnings kept per feed; past this they are only counted. */
export const MAX_WARNINGS = 200;
/** Pages of a paginated index (`next`) the CLI follows, within MAX_FEED_BYTES in total. */
export const MAX_FEED_PAGES = 50;
