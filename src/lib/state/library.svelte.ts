import { liveQuery } from 'dexie';
import { buildCatalog, EMPTY_CATALOG, type Catalog } from '../catalog/catalog';
import type { FolioDb } from '../store/FolioDb';
import type { CatalogChunkRecord, SourceRecord } from '../store/records';

const REBUILD_PAUSE_MS = 300;

function sameTopicNames(a: readonly SourceRecord[], b: readonly SourceRecord[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((source, i) => source.id === b[i]?.id && JSON.stringify(source.topicNames) === JSON.stringify(b[i]?.topicNames));
}

/** Everything stored, kept current by Dexie live queries; views derive what they show from it. */
export class Library {
  catalog = $state.raw<Catalog>(EMPTY_CATALOG);
  sources = $state.raw<readonly SourceRecord[]>([]);
  readKeys = $state.raw<ReadonlySet<string>>(new Set());
  storedBodies = $state.raw<ReadonlySet<string>>(new Set());
  /** True while a source's first sync is still storing its article list. */
  listing = $derived(this.sources.length === 0 || this.sources.some((s) => s.lastSyncedAt === null));
  /** False until the first read from the database has finished. */
  loaded = $state(false);
  error = $state<string | null>(null);

  readonly #db: FolioDb;
  /** Chunks in memory by key; keys carry content hashes, so a changed chunk has a new key. */
  #chunks = new Map<string, CatalogChunkRecord>();
  #latest: { keys: string[]; sources: SourceRecord[] } | null = null;
  #applying = false;

  constructor(db: FolioDb) {
    this.#db = db;
    // Another tab opened a newer schema: Dexie closes this connection so the upgrade can proceed;
    // this page's code is the old version, so the reader is asked to reload into the new one.
    db.on('versionchange', () => {
      this.error = 'Folio was updated in another tab. Reload this page to go on reading.';
    });
    // Watch keys, not rows: a sync that adds one shard costs one chunk read, not a full reload.
    liveQuery(async () => {
      const [keys, sources] = await Promise.all([db.catalog.toCollection().primaryKeys(), db.sources.toArray()]);
      return { keys, sources };
    }).subscribe({
      next: (state) => {
        this.#latest = state;
        void this.#apply();
      },
      error: (error: unknown) => this.#fail(error),
    });
    liveQuery(() => db.readerState.where('readAt').above(0).primaryKeys()).subscribe({
      next: (keys) => (this.readKeys = new Set(keys)),
    });
    liveQuery(() => db.bodies.toCollection().primaryKeys()).subscribe({
      next: (keys) => (this.storedBodies = new Set(keys)),
    });
  }

  source(id: string): SourceRecord | undefined {
    return this.sources.find((s) => s.id === id);
  }

  /** Applies the newest notification; notifications that arrive meanwhile collapse into one. */
  async #apply(): Promise<void> {
    if (this.#applying) return;
    this.#applying = true;
    try {
      while (this.#latest) {
        const { keys, sources } = this.#latest;
        this.#latest = null;
        const missing = keys.filter((key) => !this.#chunks.has(key));
        const readStart = performance.now();
        const loaded = missing.length > 0 ? await this.#db.catalog.bulkGet(missing) : [];
        performance.measure('folio:catalog-read', { start: readStart });
        const fresh = new Map(missing.map((key, i) => [key, loaded[i]]));
        const next = new Map<string, CatalogChunkRecord>();
        for (const key of keys) {
          const chunk = this.#chunks.get(key) ?? fresh.get(key);
          if (chunk) next.set(key, chunk);
        }
        const unchanged = this.loaded && missing.length === 0 && next.size === this.#chunks.size && sameTopicNames(this.sources, sources);
        this.#chunks = next;
        if (!unchanged) {
          const buildStart = performance.now();
          this.catalog = buildCatalog([...next.values()], sources);
          performance.measure('folio:catalog-build', { start: buildStart });
        }
        this.sources = sources;
        this.loaded = true;
        // While a sync streams shards in, rebuild a few times a second rather than per shard.
        if (this.#latest && !unchanged) await new Promise((resolve) => setTimeout(resolve, REBUILD_PAUSE_MS));
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#applying = false;
    }
  }

  #fail(error: unknown): void {
    this.error = `Folio could not open its stored articles: ${error instanceof Error ? error.message : String(error)}`;
    this.loaded = true;
  }
}
