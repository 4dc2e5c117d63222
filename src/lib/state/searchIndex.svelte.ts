import type { IngestClient } from '../ingest/client';
import type { SearchBodiesResult } from '../ingest/searchBodies';
import type { FolioDb } from '../store/FolioDb';

/**
 * The offline page's offer of the search index's body parts that were left on the server (past
 * the size stored automatically): how large they are, and storing them when the reader asks.
 */
export class SearchIndexOffer {
  readonly #db: FolioDb;
  readonly #ingest: IngestClient;
  missing = $state.raw<{ parts: number; bytes: number } | null>(null);
  busy = $state(false);
  result = $state.raw<SearchBodiesResult | null>(null);
  error = $state<string | null>(null);

  constructor(db: FolioDb, ingest: IngestClient) {
    this.#db = db;
    this.#ingest = ingest;
  }

  async refresh(): Promise<void> {
    const { missingBodySize } = await import('../store/segmentSizes');
    this.missing = await missingBodySize(this.#db);
  }

  async download(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.result = null;
    try {
      this.result = await this.#ingest.storeSearchBodies();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }
}
