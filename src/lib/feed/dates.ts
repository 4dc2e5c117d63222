/**
 * Dates as feeds and front matter write them, read as Hugo reads them: the instant, and the offset
 * the author wrote it in. Pure and browser-safe, shared by the feed builder (CLI) and the app.
 */

/** The widest offset a date may be written in: ISO 8601 and Go allow ±18 hours. */
export const MAX_OFFSET_MINUTES = 18 * 60;

/** A date's offset in whole minutes, within ±18 hours; anything unusable counts as UTC (0). */
export function clampOffset(minutes: number): number {
  if (!Number.isFinite(minutes)) return 0;
  return Math.max(-MAX_OFFSET_MINUTES, Math.min(MAX_OFFSET_MINUTES, Math.round(minutes)));
}

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A date as its author wrote it: the instant, and the offset it was written in. */
export interface DateParts {
  /** ISO 8601 UTC: the sortable instant. */
  date: string;
  /** Minutes east of UTC of the date as written ("-05:00" → -300); 0 for "Z" or no zone. */
  offset: number;
}

/**
 * A front-matter date as an ISO 8601 UTC string, or null. Accepts Date objects, "YYYY-MM-DD",
 * "YYYY-MM-DDThh:mm[:ss[.fff]]" with or without a zone ("Z", "+02:00", "+0200", "+02").
 * A date-time without a zone is taken as UTC (Hugo's default `timeZone`), a date-only value as
 * midnight UTC. Go's zero date (year 1) and empty or unparseable values give null.
 */
export function parseDate(value: unknown): string | null {
  return parseDateParts(value)?.date ?? null;
}

/**
 * parseDate, keeping the offset the date was written in, as Hugo does to show the author's calendar
 * day. A date without a zone is read in `timeZone` (an IANA name, Hugo's `timeZone` setting) when
 * one is given, else in UTC.
 */
export function parseDateParts(value: unknown, timeZone: string | null = null): DateParts | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) || value.getUTCFullYear() <= 1 ? null : { date: value.toISOString(), offset: 0 };
  }
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year <= 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Math.round(Number(`0.${frac || '0'}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  const offset = zone === undefined ? (timeZone === null ? 0 : zoneOffsetAt(wall, timeZone)) : zoneOffsetMinutes(zone);
  const date = new Date(wall - offset * 60_000);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps them literal.
  if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return { date: date.toISOString(), offset };
}

/**
 * The offset of `timeZone` for a wall-clock time (given as if it were UTC), in minutes east of UTC.
 * An unknown zone name counts as UTC. Near a DST change the offset just before the wall time is used.
 */
export function zoneOffsetAt(wallMs: number, timeZone: string): number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    return 0;
  }
  // Two rounds: the offset at the wall time read as UTC, then at the instant that offset gives.
  let offset = offsetOf(format, wallMs);
  offset = offsetOf(format, wallMs - offset * 60_000);
  return offset;
}

function offsetOf(format: Intl.DateTimeFormat, instant: number): number {
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

function daysInMonth(year: number, month: number): number {
  // The Gregorian calendar repeats every 400 years; this also keeps Date.UTC away from years 0-99.
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
