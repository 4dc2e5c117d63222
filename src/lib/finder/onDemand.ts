/**
 * Body parts the device does not store are fetched while online, the first time a search could
 * use them, and kept in memory only: what is stored stays the reader's choice (the offline page).
 */
import type { FolioDb } from '../store/FolioDb';
import { readAllSources } from '../store/sources';
import type { LoadedIndex } from './loadedIndex';

/** Parts fetched at once: a few, so queries in the meantime are not starved of the network. */
const PARALLEL = 3;

/** Files a fetched part in the index; the worker does it between searches (see SearchQueue.between). */
export type AttachBody = (key: string, chunk: string, bytes: Uint8Array) => boolean | Promise<boolean>;

/**
 * Fetches every missing body part it can; returns how many joined the index. Each fetch first awaits
 * `ready`: the worker holds them while the reader types (SearchQueue.quiet).
 */
export async function fetchMissingBodies(
  segments: LoadedIndex,
  db: FolioDb,
  fetcher: typeof fetch,
  attach: AttachBody = (key, chunk, bytes) => segments.attachBody(key, chunk, bytes),
  ready: () => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  const feedUrls = new Map((await readAllSources(db)).map((s) => [s.id, s.feedUrl]));
  const queue = segments.missingBodies();
  let attached = 0;
  const worker = async (): Promise<void> => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const feedUrl = feedUrls.get(part.sourceId);
      if (!feedUrl) continue;
      try {
        await ready();
        // When the worker asked, by its own clock: the network may start the request later.
        performance.mark('folio:part-asked');
        const response = await fetcher(new URL(part.href, feedUrl).href);
        if (!response.ok) continue;
        const bytes = new Uint8Array(await response.arrayBuffer());
        // The manifest gave its size: anything else is not the file it listed.
        if (bytes.length === part.bytes && (await attach(part.key, part.chunk, bytes))) attached++;
      } catch {
        // Offline again or a bad file: the search goes on with titles and summaries.
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return attached;
}
