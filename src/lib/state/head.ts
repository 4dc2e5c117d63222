/** What the first paint needs of the head record: small, so it stays in the entry script. */
import { FOLDER_HEAD_FILE, FOLDER_HEAD_MAX_BYTES, folderHeadAt, headMatches, readHeadRecord, type HeadRecord } from '../model/head';
import { readStoredStart, type StoredStart } from '../store/storedChunks';

/** How long the start waits for the database check before it starts without the head. */
const CHECK_LIMIT_MS = 500;
/**
 * How long a first visit waits for the feed folder's head and the database check together before it
 * loads the app as well; the head, when it comes before the app, is still painted first.
 */
const FOLDER_LIMIT_MS = 1000;

const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** Whether a start at this address shows the default list, the one the head holds. */
export function isDefaultList(location: { pathname: string; search: string }, base: string): boolean {
  return (location.pathname === base || location.pathname === `${base}index.html`) && location.search === '';
}

/** The stored head, only when the database holds exactly the chunks it was made from. */
function ownHead(start: StoredStart): HeadRecord | null {
  const head = readHeadRecord(start.head);
  return head && headMatches(head, start.chunks) ? head : null;
}

/**
 * The head to paint at start: only when the database holds exactly the chunks it was made from,
 * so a removed source, a sync that changed the list or a cleared database never shows stale cards.
 */
export async function loadHead(stored: () => Promise<StoredStart | null> = () => readStoredStart()): Promise<HeadRecord | null> {
  // A database that is slow to open (another tab upgrading it) costs the head, never the start.
  const start = await Promise.race([stored(), after(CHECK_LIMIT_MS, null)]);
  return start && ownHead(start);
}

/** localStorage, or null where the browser refuses it. */
export function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The head to paint at start. A reader with a database of their own gets its head, when it matches
 * (`loadHead`). A first visit, with nothing of Folio's stored here (no settings, no sources, no
 * database), gets the bundled feed folder's `head.json`: `folderHead` is called before the database
 * check so the two run at once; when it is not in by the deadline, the visit gets its promise
 * (`LateHead`). Anyone else gets none.
 */
export async function startHead(
  storage: Storage | null,
  folderHead: () => Promise<HeadRecord | null>,
  stored: () => Promise<StoredStart | null> = () => readStoredStart(),
): Promise<StartHead | LateHead | null> {
  const returning = hasStoredState(storage);
  const folder = returning ? null : folderHead().catch(() => null);
  // One deadline for a first visit, which waits for the folder's head anyway: a database check slow
  // to answer on a busy machine then costs nothing more.
  const deadline = after(folder ? FOLDER_LIMIT_MS : CHECK_LIMIT_MS, 'late' as const);
  // No answer in time may mean a database slow to open: that is a reader with stored state.
  const start = await Promise.race([stored(), deadline]);
  if (start === 'late') return null;
  if (start !== null) {
    const own = ownHead(start);
    return own && { head: own, firstVisit: false };
  }
  if (!folder) return null;
  const head = await Promise.race([folder, deadline]);
  if (head === 'late') return { late: folder };
  return head && { head, firstVisit: true };
}

/** The head a start paints, and whether it is a first visit's: the library is empty until the first sync lands. */
export interface StartHead {
  head: HeadRecord;
  firstVisit: boolean;
}

/**
 * A first visit whose folder head was not in by the deadline (a slow network, a busy machine). The
 * app is not held back for it any longer, but the head may still come in before the app is ready.
 */
export interface LateHead {
  late: Promise<HeadRecord | null>;
}

/** Whether localStorage holds anything of Folio's: settings, remembered sources. */
function hasStoredState(storage: Storage | null): boolean {
  try {
    for (let i = 0; i < (storage?.length ?? 0); i++) if (storage?.key(i)?.startsWith('folio.')) return true;
    return false;
  } catch {
    return true;
  }
}

/** The body's text, or null past `limit` bytes: a folder's head is read no further than that. */
async function cappedText(response: Response, limit: number): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) return null;
  const reader = response.body?.getReader();
  if (!reader) return null;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      void reader.cancel();
      return null;
    }
    parts.push(read.value);
  }
  const bytes = new Uint8Array(size);
  parts.reduce((at, part) => (bytes.set(part, at), at + part.byteLength), 0);
  return new TextDecoder().decode(bytes);
}

/** A feed folder's head from its response, under the app's base; null when missing, too large or invalid. */
export async function readFolderHead(response: Response, base: string): Promise<HeadRecord | null> {
  if (!response.ok) return null;
  const text = await cappedText(response, FOLDER_HEAD_MAX_BYTES);
  if (text === null) return null;
  try {
    const head = readHeadRecord(JSON.parse(text));
    return head && folderHeadAt(head, base);
  } catch {
    return null;
  }
}

/** Fetches the bundled feed folder's head (`feed/head.json` beside the app). */
export async function fetchFolderHead(base: string, fetcher: typeof fetch = fetch): Promise<HeadRecord | null> {
  return readFolderHead(await fetcher(`${base}feed/${FOLDER_HEAD_FILE}`), base);
}
