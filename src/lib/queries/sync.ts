import { queryOptions } from '@tanstack/svelte-query';
import type { IngestClient } from '../ingest/client';
import { AppError } from '../model/error';
import type { SeenRevision, SourceRef } from '../model/source';
import type { SyncResult } from '../model/sync';

export const SYNC_STALE_MS = 5 * 60_000;

/** A source's id is derived from its address, so the id alone names its sync. */
export const syncQueryKey = (sourceId: string) => ['sync', sourceId] as const;

/** What the page tells each sync as it starts. */
export interface SyncHints {
  /** What the page last read stored of the source. */
  seen?: (sourceId: string) => SeenRevision | undefined;
  /**
   * The article the reader is opening, if any: its text then goes before the search index's body
   * parts, and its source's first sync stores the shard it is likely in first.
   */
  opening?: () => OpeningArticle | null;
}

export interface OpeningArticle {
  sourceId: string;
  id: string;
}

/**
 * One source's sync is a query: it runs on start, on reconnect, and on focus once stale. Lists
 * read Dexie, not its data. Each source has its own, so a slow feed holds up no other.
 */
export function syncQueryOptions(client: Pick<IngestClient, 'sync'>, ref: SourceRef, hints: SyncHints = {}) {
  return queryOptions({
    queryKey: syncQueryKey(ref.id),
    queryFn: (): Promise<SyncResult> => {
      const known = hints.seen?.(ref.id);
      const opening = hints.opening?.() ?? null;
      return client.sync({
        ...ref,
        ...(known ? { seen: known } : {}),
        ...(opening ? { textFirst: true } : {}),
        ...(opening?.sourceId === ref.id ? { article: opening.id } : {}),
      });
    },
    staleTime: SYNC_STALE_MS,
    networkMode: 'online',
  });
}

export interface SourceFailure {
  sourceId: string;
  message: string;
}

/** What one source's query is doing, as the summary needs it. */
export interface SourceSyncState {
  sourceId: string;
  fetching: boolean;
  data: SyncResult | undefined;
  error: Error | null;
}

export interface SyncSummary {
  fetching: boolean;
  /** New articles across sources in their last sync (a first sync counts none: it is all new). */
  added: number;
  failures: SourceFailure[];
  /** Set only when every source failed: one failing source is not a failed sync. */
  error: AppError | null;
  /** When each source's last finished sync stored it: the list has caught up once it shows these. */
  syncedAt: ReadonlyMap<string, number>;
}

/**
 * True while the list still shows an older state than the last finished sync stored: the worker is
 * done, but the page has not yet read and drawn what it wrote. Sources no longer listed are ignored.
 */
export function listBehind(summary: Pick<SyncSummary, 'syncedAt'>, shown: (sourceId: string) => number | null | undefined): boolean {
  for (const [sourceId, syncedAt] of summary.syncedAt) {
    const lastShown = shown(sourceId);
    if (lastShown !== undefined && (lastShown ?? 0) < syncedAt) return true;
  }
  return false;
}

export type SyncStatusState = 'offline' | 'syncing' | 'error' | 'never' | 'synced' | 'opening';

/**
 * What the sync status says. `lastSyncedAt` is the bundled source's as stored: undefined before
 * the store has been read, when the status has nothing true to say yet ("opening").
 */
export function syncStatusState(status: { online: boolean; syncing: boolean; failed: boolean; lastSyncedAt: number | null | undefined }): SyncStatusState {
  if (!status.online) return 'offline';
  if (status.syncing) return 'syncing';
  if (status.failed) return 'error';
  if (status.lastSyncedAt === undefined) return 'opening';
  return status.lastSyncedAt === null ? 'never' : 'synced';
}

export function summarizeSync(states: readonly SourceSyncState[]): SyncSummary {
  const failures = states.flatMap((s) => (s.error ? [{ sourceId: s.sourceId, message: s.error.message }] : []));
  const first = states.find((s) => s.error)?.error ?? null;
  const everyFailed = states.length > 0 && failures.length === states.length;
  return {
    fetching: states.some((s) => s.fetching),
    added: states.reduce((n, s) => n + (s.data && s.data.added < s.data.articleCount ? s.data.added : 0), 0),
    failures,
    error: everyFailed && first ? (first instanceof AppError ? first : new AppError('unknown', first.message)) : null,
    syncedAt: new Map(states.flatMap((s) => (s.data ? [[s.sourceId, s.data.syncedAt] as const] : []))),
  };
}
