/** The widest offset a date may be written in: ISO 8601 and Go allow ±18 hours. */
export const MAX_OFFSET_MINUTES = 18 * 60;

/** A date's offset in whole minutes, within ±18 hours; anything unusable counts as UTC (0). */
export function clampOffset(minutes: number): number {
  if (!Number.isFinite(minutes)) return 0;
  return Math.max(-MAX_OFFSET_MINUTES, Math.min(MAX_OFFSET_MINUTES, Math.round(minutes)));
}
