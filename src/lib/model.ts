/** The shapes views work with. Components take types from here, never from the database layer. */
export type { ArticleRecord as Article, SourceRecord as Source } from './db/records';
