/** Words that name a filtered list: its heading, the article's back link, date chips. */
import { formatIsoDay, monthName } from '../../lib/display/dates';
import { hasFilters, type ListParams } from '../../lib/list/params';

const STATE_NAMES = { unread: 'Unread', read: 'Read', saved: 'Saved' } as const;

/** "March 2026", "2026", "March 9, 2026", "March 1, 2026 – April 3, 2026", "Since …", "Until …"; null when no date filter. */
export function describeDates(from: string | null, to: string | null): string | null {
  if (from && to) {
    if (from === to) return formatIsoDay(from);
    const [fy, fm, fd] = from.split('-').map(Number);
    const [ty, tm] = to.split('-').map(Number);
    const lastOfMonth = ty !== undefined && tm !== undefined ? new Date(Date.UTC(ty, tm, 0)).getUTCDate() : 0;
    const wholeMonths = fd === 1 && to.endsWith(`-${String(lastOfMonth).padStart(2, '0')}`);
    if (wholeMonths && fy === ty && fm === 1 && tm === 12) return String(fy);
    if (wholeMonths && fy === ty && fm === tm && fm !== undefined) return `${monthName(fm)} ${fy}`;
    return `${formatIsoDay(from)} – ${formatIsoDay(to)}`;
  }
  if (from) return `Since ${formatIsoDay(from)}`;
  if (to) return `Until ${formatIsoDay(to)}`;
  return null;
}

/**
 * "Kubernetes · March 2026", "Rust or Go", "Unread · Available offline"; "All articles" with no
 * filter. `nameOf` gives a topic's display name, `sourceName` a source's title.
 */
export function filterTitle(params: ListParams, nameOf: (slug: string) => string, sourceName: (id: string) => string): string {
  if (!hasFilters(params)) return 'All articles';
  const parts: string[] = [];
  if (params.topics.length > 0) parts.push(params.topics.map(nameOf).join(params.match === 'all' ? ' and ' : ' or '));
  const dates = describeDates(params.from, params.to);
  if (dates) parts.push(dates);
  if (params.source) parts.push(`From ${sourceName(params.source)}`);
  if (params.state !== 'all') parts.push(STATE_NAMES[params.state]);
  if (params.offline) parts.push('Available offline');
  return parts.join(' · ');
}
