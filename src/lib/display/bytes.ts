const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * Decimal units (base 1000, 1 KB = 1000 B), as browsers and operating systems show storage,
 * so the numbers match what the reader sees in their settings.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1000) return `${Number.isFinite(n) && n > 0 ? Math.round(n) : 0} B`;
  let value = n;
  let unit = 0;
  // Round before picking the unit so 999 960 B reads "1.0 MB", not "1000.0 KB".
  while (unit < UNITS.length - 1 && Number((value / 1000).toFixed(1)) >= 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
