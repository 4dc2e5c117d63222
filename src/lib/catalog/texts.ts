import type { FolioDb } from '../store/FolioDb';
import type { TextBlockRecord } from '../store/records';
import type { Article, ArticleText } from '../model/article';
import { articlesFrom, blocksFor, textLocation } from './article';
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
 * Rows of articles a list has shown, kept after their blocks leave: about 1 KB each where a block
 * is 150 KB. Typing a query shows a page for each of its prefixes, a block per hit, and those fill
 * the block cache; the query typed again (or Back to it) then waited about 70 ms on IndexedDB at
 * 100k to show the rows it had just shown.
 */
const ROWS_KEPT = 1_000;
const rowKey = (block: string, row: number): string => `${block} ${row}`;

/**
 * Reads articles' display text a block at a time and keeps recent blocks, so paging back and
 * forth or reopening a list never waits on IndexedDB twice. Block keys carry the chunk's content
 * hash, so a cached block is never stale.
 */
export class TextReader {
  readonly #db: FolioDb;
  readonly #cache = new Map<string, TextBlockRecord>();
  /** Shown rows by `rowKey`, the most recently shown last. */
  readonly #rows = new Map<string, ArticleText>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  /** The articles, when the text of each is already in memory. */
  peek(catalog: Catalog, positions: readonly number[]): Article[] | null {
    return articlesFrom(catalog, positions, this.#textOf((block) => this.#cache.get(block)));
  }

  async load(catalog: Catalog, positions: readonly number[]): Promise<Article[]> {
    const read = await this.#read(this.#blocksToRead(catalog, withReadAhead(catalog, positions)));
    const textOf = this.#textOf((key) => read.get(key) ?? this.#cache.get(key));
    // A block deleted by a sync since the catalogue was read: those articles are left out.
    return articlesFrom(catalog, positions, textOf) ?? positions.flatMap((p) => articlesFrom(catalog, [p], textOf) ?? []);
  }

  /**
   * Reads the blocks of these articles' text into the cache, with no read-ahead and no articles
   * built: a search's best hits, so that the list then finds them with `peek`.
   */
  async warm(catalog: Catalog, positions: readonly number[]): Promise<void> {
    await this.#read(this.#blocksToRead(catalog, positions));
  }

  /** A row from its block, else from the rows shown before; each row returned counts as shown. */
  #textOf(blockOf: (key: string) => TextBlockRecord | undefined): (block: string, row: number) => ArticleText | undefined {
    return (block, row) => {
      const key = rowKey(block, row);
      const text = blockOf(block)?.rows[row] ?? this.#rows.get(key);
      if (text) {
        this.#rows.delete(key);
        this.#rows.set(key, text);
        if (this.#rows.size > ROWS_KEPT) this.#rows.delete(this.#rows.keys().next().value as string);
      }
      return text;
    };
  }

  /** The blocks of these articles, less those only wanted for rows shown before (cached ones stay: `#read` marks them used). */
  #blocksToRead(catalog: Catalog, positions: readonly number[]): string[] {
    return blocksFor(catalog, positions.filter((p) => {
      const at = textLocation(catalog, p);
      return at !== null && (this.#cache.has(at.block) || !this.#rows.has(rowKey(at.block, at.row)));
    }));
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
