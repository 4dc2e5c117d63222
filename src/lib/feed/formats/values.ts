/**
 * Value normalisation the feed formats need beyond the shared helpers in ../normalize (which this
 * module builds on and does not repeat): RFC 822 dates, titles, plain text to HTML, links, people.
 */
import { MAX_TITLE_CHARS } from '../limits';
import { parseDateParts, type DateParts } from '../dates';
import { cleanText, decodeEntities, htmlToPlainText, replaceTags } from '../htmlText';

export { MAX_TITLE_CHARS };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 822 / 2822 zone names, as minutes east of UTC. Military letters other than Z mean "unknown": UTC. */
const ZONES: Record<string, number> = {
  ut: 0, gmt: 0, utc: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

// [Day,] D Mon YYYY HH:MM[:SS] [zone]; day names and month names may be long; a 2-digit year is allowed.
const RFC822_RE =
  /^(?:[a-z]+\s*,?\s*)?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*([a-z]+|[+-]\d{2}:?\d{2})?$/i;

/**
 * A feed date as ISO 8601 UTC, or null: RFC 822 (RSS) with named zones (GMT, UT, EST…PDT, Z) or
 * ±hhmm, Go's "2006-01-02 15:04:05 -0700 MST", and everything ../dates's parseDate takes (ISO 8601 with or without a zone — none means
 * UTC —, date-only). Go's zero date ("0001-01-01…", "Mon, 01 Jan 0001 …"), empty and unparseable → null.
 */
export function parseFeedDate(value: string | null | undefined): string | null {
  return parseFeedDateParts(value)?.date ?? null;
}

/** parseFeedDate, keeping the offset the date was written in (a named zone gives its offset). */
export function parseFeedDateParts(value: string | null | undefined): DateParts | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '' || text.length > 100) return null;
  // Go's time.String() form, "2006-01-02 15:04:05 -0700 MST": the offset decides, the zone name is dropped.
  const iso = parseDateParts(text.replace(/^(\d{4}-.*\d)\s+([+-]\d{4})\s+[A-Z]{1,5}$/, '$1 $2'));
  if (iso !== null) return iso;
  const m = RFC822_RE.exec(text);
  if (!m) return null;
  const [, d, mon = '', y = '', h = '0', mi = '0', s = '0', zone = 'Z'] = m;
  const month = MONTHS.indexOf(mon.slice(0, 3).toLowerCase()) + 1;
  let year = Number(y);
  if (y.length === 2) year += year < 50 ? 2000 : 1900;
  const offset = zoneMinutes(zone);
  if (month === 0 || offset === null) return null;
  const pad = (n: string | number, width = 2) => String(n).padStart(width, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return parseDateParts(
    `${pad(year, 4)}-${pad(month)}-${pad(d ?? '')}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  );
}

function zoneMinutes(zone: string): number | null {
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  if (/^[a-ik-y]$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** Collapses runs of whitespace to single spaces and trims; drops control characters (see cleanText). */
export function collapseSpace(text: string): string {
  return cleanText(text);
}

/** Elements that never have a closing tag. */
const VOID_ELEMENTS = new Set(['br', 'wbr', 'img', 'hr']);

/**
 * A title as plain text. Feed titles are treated as HTML in every format: RSS titles are routinely
 * entity-escaped twice, and generators do the same in Atom and JSON, so entities are decoded and
 * markup is dropped: "Tom &amp; Jerry &#8217;s" → "Tom & Jerry ’s", "<b>x</b>" → "x". But a tag
 * that is never closed is not markup in a title, it is the subject of a post about HTML, so it stays
 * as text: "The <dialog> element" keeps its "<dialog>" (in every format; "<br>" and other void
 * elements are still markup). Titles longer than `max` characters are cut at a word.
 */
export function plainTitle(raw: string | null | undefined, max = MAX_TITLE_CHARS): string {
  if (raw == null) return '';
  // Only the head can show: a 19 MB title costs no more than a long one. (64 × max leaves room for markup.)
  const html = raw.slice(0, 64 * max);
  const closed = new Set<string>();
  replaceTags(html, (tag, name, closing) => {
    if (closing) closed.add(name);
    return tag;
  });
  const escaped = replaceTags(html, (tag, name, closing) =>
    closing || closed.has(name) || VOID_ELEMENTS.has(name) ? tag : `&lt;${tag.slice(1)}`,
  );
  return clipText(htmlToPlainText(escaped), max);
}

/** `text` cut to at most `max` characters, at the last space before that when there is one, with "…". */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const URL_ATTRIBUTES = /(\s)(href|src|poster|cite|background)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Relative links and media in an HTML body made absolute against `base` (href, src, poster, cite,
 * background): a body is shown far from the site it came from, where "/img/a.png" would point at the
 * reader itself. In-page anchors ("#notes"), values with a scheme (https:, mailto:, data:…) and
 * values that do not resolve are left as they are: the reader's sanitiser decides about those.
 */
export function absoluteUrls(html: string, base: string | null): string {
  if (base === null) return html;
  return replaceTags(html, (tag, _name, closing) =>
    closing
      ? tag
      : tag.replace(URL_ATTRIBUTES, (whole, space: string, name: string, equals: string, dq?: string, sq?: string, bare?: string) => {
          const value = dq ?? sq ?? bare ?? '';
          const trimmed = value.trim();
          if (trimmed === '' || trimmed.startsWith('#') || HAS_SCHEME.test(trimmed)) return whole;
          let absolute: string;
          try {
            absolute = new URL(decodeEntities(trimmed), base).href;
          } catch {
            return whole;
          }
          return `${space}${name}${equals}"${absolute.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
        }),
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plain text as HTML paragraphs, escaped. Paragraphs are separated by blank lines, or by every line
 * break when `linePerParagraph` (Hugo's `.Plain`); other line breaks become `<br>`. Empty → null.
 */
export function textToHtml(text: string, linePerParagraph = false): string | null {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(linePerParagraph ? /\n+/ : /\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return null;
  return paragraphs.map((p) => `<p>${p.split('\n').map((line) => escapeHtml(line.trim())).join('<br>')}</p>`).join('\n');
}

/** `ref` resolved against `base` (if any); null unless the result is an absolute http(s) URL. */
export function resolveUrl(ref: string | null | undefined, base: string | null): string | null {
  if (ref == null) return null;
  const trimmed = ref.trim();
  if (trimmed === '') return null;
  try {
    const url = base === null ? new URL(trimmed) : new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A base URL for resolving: `ref` against `base`, keeping any scheme (xml:base may be anything). */
export function resolveBase(ref: string | null | undefined, base: string | null): string | null {
  if (ref == null || ref.trim() === '') return base;
  try {
    return (base === null ? new URL(ref.trim()) : new URL(ref.trim(), base)).href;
  } catch {
    return base;
  }
}

/**
 * A person's display name from RSS/Atom conventions: "jane@example.org (Jane Doe)" → "Jane Doe",
 * "Jane Doe <jane@example.org>" → "Jane Doe"; otherwise the text itself. Empty → null.
 */
export function personName(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = collapseSpace(decodeEntities(raw.slice(0, 1000)));
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  const angle = /^(.+?)\s*<[^<>@\s]+@[^<>\s]+>$/.exec(text);
  const name = collapseSpace(paren?.[1] ?? angle?.[1] ?? text).replace(/^"(.*)"$/, '$1');
  return name === '' ? null : name;
}

/** The first `count` words of a plain text, with an ellipsis when there were more. */
export function firstWords(text: string, count: number): string {
  const words = text.match(/\S+/g) ?? [];
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')}…`;
}
