import Dexie, { type EntityTable } from 'dexie';
import type { ArticleRecord, BodyRecord, ReaderStateRecord, ShardRecord, SourceRecord } from './records';

export const DB_NAME = 'folio';

/**
 * Schema history. Append a new `version()` for every change, never edit an old one:
 * each version has a test that opens a database made by the previous one.
 */
export class FolioDb extends Dexie {
  sources!: EntityTable<SourceRecord, 'id'>;
  articles!: EntityTable<ArticleRecord, 'key'>;
  shards!: EntityTable<ShardRecord, 'key'>;
  bodies!: EntityTable<BodyRecord, 'key'>;
  readerState!: EntityTable<ReaderStateRecord, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      sources: 'id',
      articles: 'key, sourceId, date, *topics, shard',
      shards: 'key, sourceId',
      bodies: 'key',
      readerState: 'key, readAt, openedAt',
    });
  }
}
