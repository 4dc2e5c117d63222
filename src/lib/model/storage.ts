/** What the browser says about this origin's storage. */
export interface StorageEstimateResult {
  usage: number;
  quota: number;
  available: number;
}

/** Whether the browser may evict Folio's data, as far as Folio knows. */
export type Persistence = 'checking' | 'granted' | 'not-granted' | 'denied' | 'unsupported';
