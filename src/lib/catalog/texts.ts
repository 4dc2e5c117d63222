import type { FolioDb } from '../store/FolioDb';
import type { TextBlockRecord } from '../store/records';
import type { Article } from '../model/article';
import { articlesFrom, blocksFor } from './article';
import type { Catalog } from './catalog';

/** Articles after the last one asked for whose blocks come along in the same read. */
const READ_AHEAD = 50;

/**
 * The positions asked for plus the next few in list order: the next page, or a larger page size,
 * then finds its text already in memory. One read of a few more blocks costs about the same.
 */
function withReadAhead(catalog: Catalog, positions: readonly number[]): number[] {
  if (positions.length === 0 || positions.length > READ_AHEAD * 4) return [...positions];
  const last = Math.max(...positions);
  const ahead: number[] = [];
  for (let p = last + 1; p < Math.min(catalog.size, last + 1 + READ_AHEAD); p++) ahead.push(p);
  return [...positions, ...ahead];
}

/**
 * Blocks kept in memory, the most recently used: about 1,600 articles' text at 100k, some 5 MB
 * (a block's rows took about 150 KB of heap in a snapshot). Search results spread over a block
 * each, so any bound fills after a few searches: 400 blocks held about 40 MB after twenty of them,
 * 96 blocks 14 MB. 32 still hold the last three pages of results, or 150 pages of the dated list.
 */
const CACHE_BLOCKS = 32;
/** Blocks per database read, so a large read does not hold one huge transaction. */
const READ_SLICE = 200;

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
    const read = await this.#read(blocksFor(catalog, withReadAhead(catalog, positions)));
    const blockOf = (key: string) => read.get(key) ?? this.#cache.get(key);
    // A block deleted by a sync since the catalogue was read: those articles are left out.
    return articlesFrom(catalog, positions, blockOf) ?? positions.flatMap((p) => articlesFrom(catalog, [p], blockOf) ?? []);
  }

  /**
   * Reads the blocks of these articles' text into the cache, with no read-ahead and no articles
   * built: a search's best hits, so that the list then finds them with `peek`.
   */
  async warm(catalog: Catalog, positions: readonly number[]): Promise<void> {
    await this.#read(blocksFor(catalog, positions));
  }

  /** The wanted blocks, read where not cached; all are remembered as the most recently used. */
  async #read(wanted: readonly string[]): Promise<Map<string, TextBlockRecord>> {
    // Held here as well as in the cache: a large read (a whole download queue) outgrows the cache.
    const read = new Map<string, TextBlockRecord>();
    for (const key of wanted) {
      const cached = this.#cache.get(key);
      if (cached) this.#remember(cached);
    }
    const missing = wanted.filter((block) => !this.#cache.has(block));
    for (let i = 0; i < missing.length; i += READ_SLICE) {
      const blocks = await this.#db.texts.bulkGet(missing.slice(i, i + READ_SLICE));
      for (const block of blocks) {
        if (!block) continue;
        read.set(block.key, block);
        this.#remember(block);
      }
    }
    return read;
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
