/** The stored text of search hits: title and summary from the text blocks, body from stored copies. */
import { htmlToPlainText } from '../feed/htmlText';
import { articleKey, type ArticleText } from '../model/article';
import type { FolioDb } from '../store/FolioDb';
import { blockKey } from '../store/keys';

/** Chunks whose block size is kept: a hit names its row, so this is all its text's place needs. */
const CACHE_CHUNKS = 256;

export class HitTexts {
  readonly #db: FolioDb;
  /** Chunk key → rows per text block. Chunk keys carry the hash: never stale. */
  readonly #blockSizes = new Map<string, number>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  /** Display text of the article at `row` of `chunk`, or null when `id` is no longer stored there. */
  async text(chunk: string, row: number, id: string): Promise<ArticleText | null> {
    let size = this.#blockSizes.get(chunk);
    if (size === undefined) {
      const record = await this.#db.catalog.get(chunk);
      if (!record) return null;
      if (this.#blockSizes.size >= CACHE_CHUNKS) this.#blockSizes.clear();
      this.#blockSizes.set(chunk, (size = record.blockSize));
    }
    const text = (await this.#db.texts.get(blockKey(chunk, Math.floor(row / size))))?.rows[row % size];
    return text?.id === id ? text : null;
  }

  /** Plain text of the stored bodies of many articles, in order: null where the device has none. */
  async bodies(keys: readonly string[]): Promise<(string | null)[]> {
    const stored = await this.#db.bodies.bulkGet([...keys]);
    return stored.map((body) => (body ? htmlToPlainText(body.html) : null));
  }

  /** Plain text of the stored body, or null when the device has none. */
  async body(sourceId: string, id: string): Promise<string | null> {
    return (await this.bodies([articleKey(sourceId, id)]))[0] ?? null;
  }
}
