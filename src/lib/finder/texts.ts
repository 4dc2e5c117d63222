/** The stored text of search hits: title and summary from the text blocks, body from stored copies. */
import { htmlToPlainText } from '../feed/htmlText';
import { articleKey, type ArticleText } from '../model/article';
import type { FolioDb } from '../store/FolioDb';
import { blockKey } from '../store/keys';

/**
 * Chunks whose id → position maps are kept: a page of hits spans about ten. At 64 (53,000 ids of
 * 100 bytes at 100k) they were the largest thing in the search worker after the index.
 */
const CACHE_CHUNKS = 16;

export class HitTexts {
  readonly #db: FolioDb;
  /** Chunk key → article id → position in the chunk. Chunk keys carry the hash: never stale. */
  readonly #positions = new Map<string, { at: Map<string, number>; blockSize: number }>();

  constructor(db: FolioDb) {
    this.#db = db;
  }

  #remember(chunk: string, record: { ids: readonly string[]; blockSize: number }): void {
    if (this.#positions.size >= CACHE_CHUNKS) this.#positions.delete(this.#positions.keys().next().value as string);
    this.#positions.set(chunk, { at: new Map(record.ids.map((id, i) => [id, i])), blockSize: record.blockSize });
  }

  /** Display text of an article of `chunk`, or null when it is no longer stored there. */
  async text(chunk: string, id: string): Promise<ArticleText | null> {
    return (await this.texts([{ chunk, id }]))[0] ?? null;
  }

  /**
   * Display texts of many articles at once, in order (null where not stored there): one read of
   * each chunk record missing from the cache and one of all their text blocks, not three per article.
   */
  async texts(wanted: readonly { chunk: string; id: string }[]): Promise<(ArticleText | null)[]> {
    const chunks = [...new Set(wanted.map((w) => w.chunk))].filter((chunk) => !this.#positions.has(chunk));
    const records = await this.#db.catalog.bulkGet(chunks);
    records.forEach((record) => record && this.#remember(record.key, record));
    const places = wanted.map(({ chunk, id }) => {
      const positions = this.#positions.get(chunk);
      const position = positions?.at.get(id);
      return positions && position !== undefined ? { key: blockKey(chunk, Math.floor(position / positions.blockSize)), row: position % positions.blockSize } : null;
    });
    const blockKeys = [...new Set(places.flatMap((place) => (place ? [place.key] : [])))];
    const blocks = new Map((await this.#db.texts.bulkGet(blockKeys)).map((block, i) => [blockKeys[i] as string, block]));
    return places.map((place, i) => {
      const row = place ? blocks.get(place.key)?.rows[place.row] : undefined;
      return row?.id === wanted[i]?.id ? (row ?? null) : null;
    });
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
