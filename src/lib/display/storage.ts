import type { Persistence, StorageEstimateResult } from '../model/storage';
import { formatBytes } from './bytes';

/** "12.3 MB used of 1.2 GB (1%)", or why there is nothing to show. */
export function usageSummary(estimate: StorageEstimateResult | null): string {
  if (estimate === null) return 'This browser does not say how much storage Folio uses.';
  if (estimate.quota <= 0) return `${formatBytes(estimate.usage)} used.`;
  const share = (estimate.usage / estimate.quota) * 100;
  // Under 1 % shows as "<1%" rather than a misleading "0%".
  const percent = estimate.usage > 0 && share < 1 ? '<1%' : `${Math.round(share)}%`;
  return `${formatBytes(estimate.usage)} used of ${formatBytes(estimate.quota)} (${percent})`;
}

/** Whether a download of `bytes` fits in the free space; null when the browser cannot tell. */
export function fitsInFreeSpace(bytes: number, estimate: StorageEstimateResult | null): boolean | null {
  if (estimate === null || estimate.quota <= 0) return null;
  return bytes <= estimate.available;
}

/** One sentence on what persistence means for the reader's stored articles. */
export function persistenceMessage(state: Persistence): string {
  switch (state) {
    case 'checking':
      return 'Checking whether your articles are protected…';
    case 'granted':
      return 'Granted: the browser will not delete your stored articles to free space.';
    case 'not-granted':
      return 'Not granted yet: when space runs low, the browser may delete stored articles.';
    case 'denied':
      return 'The browser declined for now. It often agrees once Folio is installed or used more; stored articles may be deleted if space runs low.';
    case 'unsupported':
      return 'This browser cannot protect stored articles from being deleted when space runs low.';
  }
}
