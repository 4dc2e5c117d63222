/** Thin wrappers over the Storage API: every one is safe where it is missing (old browsers, tests). */
import type { StorageEstimateResult } from '../model/storage';

function storageManager(): StorageManager | null {
  if (typeof navigator === 'undefined') return null;
  return navigator.storage ?? null;
}

/** Usage and quota for this origin, or null when the browser cannot tell. */
export async function storageEstimate(): Promise<StorageEstimateResult | null> {
  const storage = storageManager();
  if (typeof storage?.estimate !== 'function') return null;
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    return { usage, quota, available: Math.max(0, quota - usage) };
  } catch {
    return null;
  }
}

/** Asks the browser not to evict stored data under storage pressure. */
export async function requestPersistence(): Promise<'granted' | 'denied' | 'unsupported'> {
  const storage = storageManager();
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    // Some browsers reject instead of answering false (e.g. in private windows).
    return 'denied';
  }
}

/** Whether stored data is already protected from eviction; false when unknown. */
export async function isPersisted(): Promise<boolean> {
  const storage = storageManager();
  if (typeof storage?.persisted !== 'function') return false;
  try {
    return await storage.persisted();
  } catch {
    return false;
  }
}

/** Where persistence stands before asking: already granted, not (yet) granted, or not available at all. */
export async function persistenceState(): Promise<'granted' | 'not-granted' | 'unsupported'> {
  const storage = storageManager();
  if (typeof storage?.persist !== 'function' || typeof storage.persisted !== 'function') return 'unsupported';
  return (await isPersisted()) ? 'granted' : 'not-granted';
}
