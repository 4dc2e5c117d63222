import { liveQuery } from 'dexie';
import type { FolioDb } from '../db/FolioDb';
import type { SourceRecord } from '../db/records';
import { buildCatalog, EMPTY_CATALOG, type Catalog } from '../list/catalog';

/** Everything stored, kept current by Dexie live queries; views derive what they show from it. */
export class Library {
  catalog = $state.raw<Catalog>(EMPTY_CATALOG);
  sources = $state.raw<readonly SourceRecord[]>([]);
  readKeys = $state.raw<ReadonlySet<string>>(new Set());
  storedBodies = $state.raw<ReadonlySet<string>>(new Set());
  /** False until the first read from the database has finished. */
  loaded = $state(false);
  error = $state<string | null>(null);

  constructor(db: FolioDb) {
    liveQuery(async () => {
      const [rows, sources] = await Promise.all([db.articles.toArray(), db.sources.toArray()]);
      return { rows, sources };
    }).subscribe({
      next: ({ rows, sources }) => {
        const names = new Map<string, string>();
        for (const source of sources) for (const [slug, name] of Object.entries(source.topicNames)) if (!names.has(slug)) names.set(slug, name);
        this.catalog = buildCatalog(rows, names);
        this.sources = sources;
        this.loaded = true;
      },
      error: (error: unknown) => {
        this.error = `Folio could not open its stored articles: ${error instanceof Error ? error.message : String(error)}`;
        this.loaded = true;
      },
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
}
