import { FolioDb } from './FolioDb';

export { FolioDb, DB_NAME } from './FolioDb';
export type * from './records';

/** The app's one database connection. Tests make their own FolioDb with a unique name. */
export const db = new FolioDb();
