/** What a download would fetch, and what it skips because a current copy is stored. */
export interface DownloadPlan<T extends PlanItem> {
  queue: T[];
  /** Articles that have a body (link-only ones are not counted anywhere). */
  articles: number;
  /** Bodies already stored with the current hash: skipped. */
  alreadyStored: number;
  bytesToFetch: number;
  bytesTotal: number;
}

/** What planning needs of an item. */
export interface PlanItem {
  key: string;
  bytes: number;
}

/** Plans over body items; `isStored` says whether an item's current copy is already on the device. */
export function planItems<T extends PlanItem>(items: readonly T[], isStored: (item: T) => boolean): DownloadPlan<T> {
  const plan: DownloadPlan<T> = { queue: [], articles: 0, alreadyStored: 0, bytesToFetch: 0, bytesTotal: 0 };
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    plan.articles += 1;
    plan.bytesTotal += item.bytes;
    if (isStored(item)) {
      plan.alreadyStored += 1;
      continue;
    }
    plan.queue.push(item);
    plan.bytesToFetch += item.bytes;
  }
  return plan;
}
