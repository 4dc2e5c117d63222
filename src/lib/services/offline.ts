import { db } from '../db';
import { createOfflineBackend } from '../offline/backend';

/** Offline downloads and removals on the app's database, for the offline state (components never import the db). */
export const offlineBackend = createOfflineBackend(db);
