import type { Persistence, StorageEstimateResult } from '../model/storage';

/** How much the browser lets Folio store, and whether it may evict it. */
export class StorageStatus {
  estimate = $state.raw<StorageEstimateResult | null>(null);
  persistence = $state<Persistence>('checking');
  asking = $state(false);

  async refresh(): Promise<void> {
    const { persistenceState, storageEstimate } = await import('../offline/estimate');
    const [estimate, persistence] = await Promise.all([storageEstimate(), persistenceState()]);
    this.estimate = estimate;
    // A refusal stays on screen until the browser actually grants it.
    if (!(this.persistence === 'denied' && persistence === 'not-granted')) this.persistence = persistence;
  }

  async persist(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    const { requestPersistence, storageEstimate } = await import('../offline/estimate');
    try {
      const answer = await requestPersistence();
      this.persistence = answer === 'granted' ? 'granted' : answer === 'unsupported' ? 'unsupported' : 'denied';
    } finally {
      this.asking = false;
    }
    this.estimate = await storageEstimate();
  }
}
