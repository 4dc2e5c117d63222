import { positionsFor } from '../../../src/lib/catalog/article';
import { buildCatalog, type Catalog } from '../../../src/lib/catalog/catalog';
import { TextReader } from '../../../src/lib/catalog/texts';
import type { Article } from '../../../src/lib/model/article';
import type { FolioDb } from '../../../src/lib/store/FolioDb';

/** The whole stored catalogue, read at once (the app keeps it current through Library instead). */
export async function readCatalog(db: FolioDb): Promise<Catalog> {
  const [chunks, sources] = await Promise.all([db.catalog.toArray(), db.sources.toArray()]);
  return buildCatalog(chunks, sources);
}

/** Stored articles by key, in the order asked; unknown keys are left out. All of them without keys. */
export async function readArticles(db: FolioDb, keys?: readonly string[]): Promise<Article[]> {
  const catalog = await readCatalog(db);
  const positions = keys ? positionsFor(catalog, keys) : Array.from({ length: catalog.size }, (_, p) => p);
  return new TextReader(db).load(catalog, positions);
}
