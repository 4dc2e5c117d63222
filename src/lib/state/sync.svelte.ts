import { createQueries, type QueryClient } from '@tanstack/svelte-query';
import { MAX_FEED_BYTES } from '../feed/limits';
import type { IngestClient } from '../ingest/client';
import { AppError } from '../model/error';
import type { SourceRef } from '../model/source';
import type { SyncResult } from '../model/sync';
import { summarizeSync, syncQueryKey, syncQueryOptions, type SyncSummary } from '../queries/sync';
import type { Library } from './library.svelte';

/** What the scheduler asks of the ingest worker. */
export type IngestJobs = Pick<IngestClient, 'sync' | 'addUrl' | 'addFile' | 'remove'>;

/**
 * Keeps every source in sync: one query per source (files are never re-read), run in parallel by
 * the ingest worker, each under its own lock. Adding and removing sources go through here too.
 */
export class SyncScheduler {
  /** The feed bundled with the app, then every source the reader added, in the order they were stored. */
  readonly refs: readonly SourceRef[] = $derived.by(() => [
    this.bundled,
    ...this.#library.sources.filter((s) => s.id !== this.bundled.id && s.kind !== 'file').map(({ id, kind, feedUrl }) => ({ id, kind, feedUrl })),
  ]);
  readonly #summary: SyncSummary;
  readonly #client: IngestJobs;
  readonly #library: Pick<Library, 'sources'>;
  readonly #queryClient: QueryClient;

  constructor(
    readonly bundled: SourceRef,
    client: IngestJobs,
    library: Pick<Library, 'sources'>,
    queryClient: QueryClient,
  ) {
    this.#client = client;
    this.#library = library;
    this.#queryClient = queryClient;
    this.#summary = createQueries(
      () => ({
        queries: this.refs.map((ref) => syncQueryOptions(client, ref)),
        combine: (results) =>
          summarizeSync(results.map((r, i) => ({ sourceId: this.refs[i]?.id ?? '', fetching: r.isFetching, data: r.data, error: r.error }))),
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
    return this.#client.remove(sourceId);
  }

  /** A source just added is as fresh as a sync: its query starts out with the result, not a refetch. */
  #added(result: SyncResult): SyncResult {
    this.#queryClient.setQueryData(syncQueryKey(result.sourceId), result);
    return result;
  }
}
