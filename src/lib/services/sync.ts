import { db } from '../store/appDb';
import { MAX_FEED_BYTES } from '../feed/formats/limits';
import { SyncClient } from '../ingest/client';
import { SyncError } from '../model/error';
import type { SyncResult } from '../model/sync';

/** The one sync worker connection: every sync, import and removal goes through it. */
export const syncClient = new SyncClient(db);

export function addFeedUrl(url: string): Promise<SyncResult> {
  return syncClient.addUrl(url);
}

/** Reads a picked or dropped file (offline too) and imports it; a file over the limit is refused unread. */
export async function addFeedFile(file: File): Promise<SyncResult> {
  if (file.size > MAX_FEED_BYTES) {
    throw new SyncError('too-large', `${file.name} is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB, the most Folio reads from one feed.`);
  }
  return syncClient.addFile(file.name, await file.text());
}

export function removeFeedSource(sourceId: string): Promise<number> {
  return syncClient.remove(sourceId);
}
