// Spelled out rather than asked of Intl.DateTimeFormat: the first formatter a page makes loads the
// browser's locale data, a long task on a slow phone's first paint, for text that is always en-US.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "April 3, 2026" for the UTC day of an instant. */
function utcDay(ms: number): string {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/**
 * "April 3, 2026": the calendar day the author wrote, as Hugo shows it. `offsetMinutes` is the
 * offset the date was written in, so "2026-01-10T23:30:00-05:00" is January 10 for every reader,
 * whatever their own time zone.
 */
export function formatDay(epochMs: number, offsetMinutes = 0): string {
  return utcDay(epochMs + offsetMinutes * 60_000);
}

/** "March 9, 2026" for a "YYYY-MM-DD" day, as date filters carry it; the text itself when unreadable. */
export function formatIsoDay(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(ms) ? utcDay(ms) : day;
}

export function monthName(month: number): string {
  return MONTHS[(((month - 1) % 12) + 12) % 12] as string;
}

/** "YYYY-MM-DD" of the first and last day of a month, for archive links. */
export function monthBounds(year: number, month: number): { from: string; to: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function timeAgo(thenMs: number, nowMs: number): string {
  const minutes = Math.floor((nowMs - thenMs) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
