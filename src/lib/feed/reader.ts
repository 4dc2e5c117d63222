/**
 * Reads a feed folder's JSON field by field: each check names the file and the JSON path of what is
 * wrong (a FeedFormatError), and text is made fit to show as it is read.
 */
import { FeedFormatError } from './folderError';
import { clipText } from './formats/values';
import { cleanText } from './htmlText';
import type { TopicSlugMemo } from './topics';

export type Obj = Record<string, unknown>;

/** How many URL starts a file remembers: a feed's links mostly share its site's. */
const MAX_WEB_PREFIXES = 4;

/**
 * The parsed URL's scheme and host as the parser writes them, with the "/" after, when `text` begins
 * with exactly that. Past that "/" nothing can make the parser fail, so any text with the same start
 * is a web URL too. ("https:///a.com/" or "HTTPS://A.com/" begin otherwise, and are parsed each time.)
 */
function parsedPrefix(text: string, url: URL): string | null {
  const prefix = `${url.protocol}//${url.host}/`;
  return text.startsWith(prefix) ? prefix : null;
}

export class Reader {
  /** The file's topic slugs, made once each. */
  readonly topicSlugs: TopicSlugMemo = new Map();
  /** Starts of web URLs that parsed, to the end of their host: a shard's links mostly share one. */
  readonly #webPrefixes: string[] = [];

  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new FeedFormatError(this.file, path, problem);
  }

  object(value: unknown, path: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Obj;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'expected an array');
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'expected a string');
    return value;
  }

  nullableString(value: unknown, path: string): string | null {
    return value === null || value === undefined ? null : this.string(value, path);
  }

  count(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(path, 'expected a whole number ≥ 0');
    return value;
  }

  literal<T>(value: unknown, expected: T, path: string): T {
    if (value !== expected) this.fail(path, `expected ${JSON.stringify(expected)}`);
    return expected;
  }

  oneOf<T>(value: unknown, allowed: readonly T[], path: string): T {
    const found = allowed.find((a) => a === value);
    if (found === undefined) this.fail(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return found as T;
  }

  /**
   * A link the app will put in an href: an absolute http(s) URL, or `empty` for anything else. A
   * "javascript:" or "data:" link from a hostile feed folder must never reach the page, so it is
   * dropped here, where every feed enters the app, rather than failing the whole feed.
   */
  webUrl<T extends string | null>(value: unknown, path: string, empty: T): string | T {
    const text = this.nullableString(value, path);
    if (text === null) return empty;
    if (this.#webPrefixes.some((prefix) => text.startsWith(prefix))) return text;
    try {
      const url = new URL(text);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return empty;
      const prefix = parsedPrefix(text, url);
      if (prefix !== null && this.#webPrefixes.length < MAX_WEB_PREFIXES) this.#webPrefixes.push(prefix);
      return text;
    } catch {
      return empty;
    }
  }

  /** Display text: invisible characters dropped, whitespace collapsed, cut at `max`. */
  text(value: unknown, path: string, max: number): string {
    return displayText(this.string(value, path), max).text;
  }

  /** As `text`, null when absent or empty. */
  optText(value: unknown, path: string, max: number): string | null {
    const text = this.nullableString(value, path);
    return text === null ? null : displayText(text, max).text || null;
  }

  stringArray(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }
}

/**
 * `raw` fit to show, cut at `max` characters, and whether it was cut. Only the first 4 × max
 * characters are cleaned: a 19 MB title costs no more than a long one.
 */
export function displayText(raw: string, max: number): { text: string; cut: boolean } {
  const head = raw.slice(0, 4 * max);
  const clean = cleanText(head);
  return { text: clipText(clean, max), cut: clean.length > max || (head.length < raw.length && /\S/.test(raw.slice(head.length))) };
}
