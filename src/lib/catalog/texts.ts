import type { FolioDb } from '../db/FolioDb';
import type { TextBlockRecord } from '../db/records';
import { articlesFrom, blocksFor, type Article } from './article';
import type { Catalog } from './catalog';

/** Blocks kept in memory: ~20k articles' text, a few MB. */
const CACHE_BLOCKS = 400;

/**
 * Reads articles' display text a block at a time and keeps recent blocks, so paging back and
 * forth or reopening a list never waits on IndexedDB twice. Block keys carry the chunk's content
 * hash, so a cached block is never stale.
 */
export class TextReader {
  readonly #db: FolioDb;
  readonly #cache = new Map<string, TextBlockRecord>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  /** The articles, when every block they need is already in memory. */
  peek(catalog: Catalog, positions: readonly number[]): Article[] | null {
    return articlesFrom(catalog, positions, (block) => this.#cache.get(block));
  }

  async load(catalog: Catalog, positions: readonly number[]): Promise<Article[]> {
    const missing = blocksFor(catalog, positions).filter((block) => !this.#cache.has(block));
    if (missing.length > 0) {
      const blocks = await this.#db.texts.bulkGet(missing);
      for (const block of blocks) if (block) this.#remember(block);
    }
    // A block deleted by a sync since the catalogue was read: those articles are skipped.
    return articlesFrom(catalog, positions, (block) => this.#cache.get(block)) ?? this.#partial(catalog, positions);
  }

  #partial(catalog: Catalog, positions: readonly number[]): Article[] {
    return positions.flatMap((p) => articlesFrom(catalog, [p], (block) => this.#cache.get(block)) ?? []);
  }

  #remember(block: TextBlockRecord): void {
    this.#cache.delete(block.key);
    this.#cache.set(block.key, block);
    if (this.#cache.size > CACHE_BLOCKS) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }
}
