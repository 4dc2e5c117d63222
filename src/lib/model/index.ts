/** The shapes views work with. Components take types from here, never from the database layer. */
export type { Article } from '../catalog/article';
export type { SourceRecord as Source } from '../store/records';
