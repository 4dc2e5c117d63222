/** What the first paint needs of the head record: small, so it stays in the entry script. */
import { headMatches, readHeadRecord, type HeadRecord } from '../model/head';
import { readStoredChunkKeys } from '../store/storedChunks';

/** localStorage, not IndexedDB: read synchronously, with no database to open or schema to version. */
export const HEAD_KEY = 'folio.head';

/** How long the start waits for the database check before it starts without the head. */
const CHECK_LIMIT_MS = 500;

/** Whether a start at this address shows the default list, the one the head holds. */
export function isDefaultList(location: { pathname: string; search: string }, base: string): boolean {
  return (location.pathname === base || location.pathname === `${base}index.html`) && location.search === '';
}

function storedHead(storage: Storage | null): HeadRecord | null {
  try {
    return readHeadRecord(JSON.parse(storage?.getItem(HEAD_KEY) ?? 'null'));
  } catch {
    return null;
  }
}

/**
 * The head to paint at start: only when the database holds exactly the chunks it was made from,
 * so a removed source, a sync that changed the list or a cleared database never shows stale cards.
 */
export async function loadHead(storage: Storage | null, storedChunks: () => Promise<string[] | null> = () => readStoredChunkKeys()): Promise<HeadRecord | null> {
  const head = storedHead(storage);
  if (!head) return null;
  // A database that is slow to open (another tab upgrading it) costs the head, never the start.
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), CHECK_LIMIT_MS));
  const chunks = await Promise.race([storedChunks(), late]);
  return chunks && headMatches(head, chunks) ? head : null;
}

/** localStorage, or null where the browser refuses it. */
export function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
