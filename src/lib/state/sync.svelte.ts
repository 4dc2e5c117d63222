import { createQueries, type QueryClient } from '@tanstack/svelte-query';
import { MAX_FEED_BYTES } from '../feed/limits';
import type { IngestClient } from '../ingest/client';
import { AppError } from '../model/error';
import type { SourceRef } from '../model/source';
import type { SyncResult } from '../model/sync';
import { summarizeSync, syncQueryKey, syncQueryOptions, type OpeningArticle, type SyncSummary } from '../queries/sync';
import type { Library } from './library.svelte';
import type { SourceMemory } from './sourceMemory.svelte';

/** What the scheduler needs of the source memory; a scheduler without one knows only what is stored. */
export type KnownSourceList = Pick<SourceMemory, 'sources' | 'observed' | 'forget' | 'added'>;
const NO_MEMORY: KnownSourceList = { sources: [], observed: true, forget: () => {}, added: () => {} };

/** What the scheduler reads of the library: `seen` lets a sync ask for deltas while the worker reads the store. */
export type SyncLibrary = Pick<Library, 'sources' | 'loaded'> & Partial<Pick<Library, 'seen'>>;

/** What the scheduler asks of the ingest worker. */
export type IngestJobs = Pick<IngestClient, 'sync' | 'addUrl' | 'addFile' | 'remove'>;

/**
 * Keeps every source in sync: one query per source (files are never re-read), run in parallel by
 * the ingest worker, each under its own lock. Adding and removing sources go through here too.
 */
export class SyncScheduler {
  /**
   * The feed bundled with the app, then every source the reader added, in the order they were stored,
   * then those the browser dropped from storage, which syncing brings back (files cannot be re-read).
   */
  readonly refs: readonly SourceRef[] = $derived.by(() => {
    const stored = this.#library.sources;
    const ids = new Set([this.bundled.id, ...stored.map((s) => s.id)]);
    return [
      this.bundled,
      ...[...stored.filter((s) => s.id !== this.bundled.id), ...this.#memory.sources.filter((s) => !ids.has(s.id))]
        .filter((s) => s.kind !== 'file')
        .map(({ id, kind, feedUrl }) => ({ id, kind, feedUrl })),
    ];
  });
  /**
   * Nothing syncs before the memory has compared what is stored with what it knows (or the library
   * failed to read): a sync that wrote first would hide what the browser dropped.
   */
  readonly #active: readonly SourceRef[] = $derived.by(() => (this.#memory.observed || this.#library.loaded ? this.refs : []));
  readonly #summary: SyncSummary;
  readonly #client: IngestJobs;
  readonly #library: SyncLibrary;
  readonly #queryClient: QueryClient;
  readonly #memory: KnownSourceList;

  /** `opening`: the article the reader is opening as a sync starts, if any (SyncHints.opening). */
  constructor(
    readonly bundled: SourceRef,
    client: IngestJobs,
    library: SyncLibrary,
    queryClient: QueryClient,
    memory: KnownSourceList = NO_MEMORY,
    opening: () => OpeningArticle | null = () => null,
  ) {
    this.#memory = memory;
    this.#client = client;
    this.#library = library;
    this.#queryClient = queryClient;
    this.#summary = createQueries(
      () => ({
        queries: this.#active.map((ref) => syncQueryOptions(client, ref, { seen: (id) => library.seen?.(id), opening })),
        combine: (results) =>
          summarizeSync(results.map((r, i) => ({ sourceId: this.#active[i]?.id ?? '', fetching: r.isFetching, data: r.data, error: r.error }))),
      }),
      () => queryClient,
    );
  }

  get summary(): SyncSummary {
    return this.#summary;
  }

  /** Syncs every source again now. */
  retry(): Promise<void> {
    return this.#queryClient.refetchQueries({ queryKey: ['sync'] });
  }

  async addUrl(url: string): Promise<SyncResult> {
    return this.#added(await this.#client.addUrl(url));
  }

  /** Reads a picked or dropped file (offline too) and imports it; a file over the limit is refused unread. */
  async addFile(file: File): Promise<SyncResult> {
    if (file.size > MAX_FEED_BYTES) {
      throw new AppError('too-large', `${file.name} is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB, the most Folio reads from one feed.`);
    }
    // Bytes, not file.text(): that would read every file as UTF-8, whatever it declares.
    return this.#added(await this.#client.addFile(file.name, new Uint8Array(await file.arrayBuffer())));
  }

  remove(sourceId: string): Promise<number> {
    this.#memory.forget(sourceId);
    return this.#client.remove(sourceId).catch((error: unknown) => {
      // Still stored: known again, so the library records it at its next read.
      this.#memory.added(sourceId);
      throw error;
    });
  }

  /** A source just added is as fresh as a sync: its query starts out with the result, not a refetch. */
  #added(result: SyncResult): SyncResult {
    this.#memory.added(result.sourceId);
    this.#queryClient.setQueryData(syncQueryKey(result.sourceId), result);
    return result;
  }
}
