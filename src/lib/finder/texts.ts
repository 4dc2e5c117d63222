/** The stored text of search hits: title and summary from the text blocks, body from stored copies. */
import { htmlToPlainText } from '../feed/normalize';
import { articleKey, type ArticleText } from '../model/article';
import type { FolioDb } from '../store/FolioDb';
import { blockKey } from '../store/keys';

/** Chunks whose id → position maps are kept: a few hundred hits' worth. */
const CACHE_CHUNKS = 64;

export class HitTexts {
  readonly #db: FolioDb;
  /** Chunk key → article id → position in the chunk. Chunk keys carry the hash: never stale. */
  readonly #positions = new Map<string, { at: Map<string, number>; blockSize: number }>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  async #positionsOf(chunk: string): Promise<{ at: Map<string, number>; blockSize: number } | null> {
    let positions = this.#positions.get(chunk);
    if (positions) return positions;
    const record = await this.#db.catalog.get(chunk);
    if (!record) return null;
    positions = { at: new Map(record.ids.map((id, i) => [id, i])), blockSize: record.blockSize };
    if (this.#positions.size >= CACHE_CHUNKS) this.#positions.delete(this.#positions.keys().next().value as string);
    this.#positions.set(chunk, positions);
    return positions;
  }

  /** Display text of an article of `chunk`, or null when it is no longer stored there. */
  async text(chunk: string, id: string): Promise<ArticleText | null> {
    const positions = await this.#positionsOf(chunk);
    const position = positions?.at.get(id);
    if (!positions || position === undefined) return null;
    const block = await this.#db.texts.get(blockKey(chunk, Math.floor(position / positions.blockSize)));
    const row = block?.rows[position % positions.blockSize];
    return row?.id === id ? row : null;
  }

  /** Plain text of the stored body, or null when the device has none. */
  async body(sourceId: string, id: string): Promise<string | null> {
    const stored = await this.#db.bodies.get(articleKey(sourceId, id));
    return stored ? htmlToPlainText(stored.html) : null;
  }
}
