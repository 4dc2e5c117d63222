import Dexie, { type EntityTable } from 'dexie';
import type { Source } from '../model/source';
import type { BodyRecord, CatalogChunkRecord, HeadRow, ReaderStateRecord, SegmentRecord, TextBlockRecord } from './records';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8 } from './schema';
import { upgradeReaderMarks } from './upgradeMarks';

export const DB_NAME = 'folio';

/**
 * Schema history. Append a new `version()` for every change, never edit an old one:
 * each version has a test that opens a database made by the previous one.
 */
export class FolioDb extends Dexie {
  sources!: EntityTable<Source, 'id'>;
  catalog!: EntityTable<CatalogChunkRecord, 'key'>;
  texts!: EntityTable<TextBlockRecord, 'key'>;
  bodies!: EntityTable<BodyRecord, 'key'>;
  readerState!: EntityTable<ReaderStateRecord, 'key'>;
  segments!: EntityTable<SegmentRecord, 'key'>;
  head!: EntityTable<HeadRow, 'id'>;

  constructor(name: string = DB_NAME) {
    // Live query results are shared, not deep-copied on every emission (a source's 1,936 topic
    // names were copied each time a shard landed); nothing in the app writes to a result.
    // Relaxed durability: a commit does not wait for the disk to flush. Power loss or an OS crash may
    // lose the last commits (a sync's come back with the next sync); a browser crash does not.
    super(name, { cache: 'immutable', chromeTransactionDurability: 'relaxed' });
    this.version(1).stores(SCHEMA_V1);
    // Upgrade code loads only when an old database needs it; waitFor keeps the transaction alive.
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => (await Dexie.waitFor(import('./upgrades'))).upgradeRowsToChunks(tx));
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeReaderMarks);
    // Starts empty: the next sync, or the search worker for stored shards, indexes what is stored.
    this.version(5).stores(SCHEMA_V5);
    // Catalogue chunks gain each date's offset, the day as its author wrote it.
    this.version(6)
      .stores(SCHEMA_V6)
      .upgrade(async (tx) => (await Dexie.waitFor(import('./upgrades'))).addDateOffsets(tx));
    // Starts empty: the app writes the head once its list has rendered.
    this.version(7).stores(SCHEMA_V7);
    // Sources' topic names become a Map, which IndexedDB reads back several times faster than an object.
    this.version(8)
      .stores(SCHEMA_V8)
      .upgrade(async (tx) => (await Dexie.waitFor(import('./upgrades'))).topicNamesToMaps(tx));
  }
}
