/** What a filtered list offers to narrow it further: topic counts and the year → month archive. */
import type { Catalog } from '../catalog/catalog';

export interface TopicCount {
  slug: string;
  count: number;
  /** How many of those the reader has not read. */
  unread: number;
}

export interface MonthCount {
  /** 1–12. */
  month: number;
  count: number;
}

export interface YearCount {
  year: number;
  count: number;
  months: MonthCount[];
}

/** Per topic, how many of the positions carry it and how many of those are unread; most used first. */
export function countTopics(catalog: Catalog, positions: Int32Array, read: Uint8Array): TopicCount[] {
  const counts = new Uint32Array(catalog.topicSlugs.length);
  const unread = new Uint32Array(catalog.topicSlugs.length);
  for (const p of positions) {
    const isUnread = read[p] === 1 ? 0 : 1;
    const end = catalog.topicStarts[p + 1] ?? 0;
    for (let j = catalog.topicStarts[p] ?? 0; j < end; j++) {
      const id = catalog.topicIds[j] ?? 0;
      counts[id] = (counts[id] ?? 0) + 1;
      unread[id] = (unread[id] ?? 0) + isUnread;
    }
  }
  const result: TopicCount[] = [];
  counts.forEach((count, id) => {
    if (count > 0) result.push({ slug: catalog.topicSlugs[id] ?? '', count, unread: unread[id] ?? 0 });
  });
  return result.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
}

/** The positions' dated articles by year and month, newest year first. */
export function buildArchive(catalog: Catalog, positions: Int32Array): YearCount[] {
  const perMonth = new Map<number, number>();
  for (const p of positions) {
    const month = catalog.months[p] ?? -1;
    if (month >= 0) perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  }
  const years = new Map<number, YearCount>();
  for (const [index, count] of [...perMonth.entries()].sort(([a], [b]) => b - a)) {
    const year = Math.floor(index / 12);
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { year, count: 0, months: [] }));
    entry.count += count;
    entry.months.push({ month: (index % 12) + 1, count });
  }
  return [...years.values()];
}
