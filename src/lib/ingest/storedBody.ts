/** Reading a stored body: what the page does without the worker, so it loads no parser. */
import { BODY_SANITIZER_VERSION, type PreparedBody } from '../model/body';
import type { Article } from '../model/article';
import type { FolioDb } from '../store/FolioDb';
import { readBody } from '../store/bodies';
import type { BodyRecord } from '../store/records';

export type BodyResult =
  | ({ state: 'stored'; stale: boolean } & PreparedBody)
  | { state: 'link-only' }
  | { state: 'not-downloaded'; reason: string };

/** What it takes to find, fetch and store one article's text; plain data, so it can go to the worker. */
export type BodyRequest = Pick<Article, 'key' | 'bodyHref' | 'bodyHash' | 'url'> & { feedUrl: string };

/** A stored copy made by the current sanitiser; older releases stored the feed's HTML as it came. */
export const isSanitized = (stored: BodyRecord): boolean => stored.sanitizer === BODY_SANITIZER_VERSION;

export const storedResult = (stored: BodyRecord, stale: boolean): BodyResult => ({
  state: 'stored',
  html: stored.html,
  toc: stored.toc ?? [],
  cut: stored.cut ?? false,
  stale,
});

/** The answer that needs no network and no parsing: no body at all, or a current sanitised copy. Null otherwise. */
export function answerWithoutNetwork(request: BodyRequest, stored: BodyRecord | undefined): BodyResult | null {
  if (request.bodyHref === null || request.bodyHash === null) return { state: 'link-only' };
  if (stored && stored.hash === request.bodyHash && isSanitized(stored)) return storedResult(stored, false);
  return null;
}

/** The stored copy, when it is current: the reader shows it without waiting for the worker. */
export async function currentCopy(db: FolioDb, request: BodyRequest): Promise<BodyResult | null> {
  return answerWithoutNetwork(request, request.bodyHref === null ? undefined : await readBody(db, request.key));
}
