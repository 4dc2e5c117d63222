import { createSubscriber } from 'svelte/reactivity';
import type { Catalog } from '../catalog/catalog';
import type { DownloadScope } from '../list/scope';
import type { DownloadProgress } from '../model/download';
import type { OfflineBackend } from '../offline/backend';
import { downloadCandidates, estimateScope, storedInScope, type Candidate } from '../offline/candidates';
import type { JobStore } from '../offline/job';
import { toAppError } from '../ingest/errors';
import { planItems, type DownloadPlan } from '../offline/plan';

/** What the offline state reads from the rest of the app. */
export interface OfflineInputs {
  catalog(): Catalog;
  /** Keys of the bodies on the device, as the library last saw them. */
  storedKeys(): ReadonlySet<string>;
  /** Saved articles: their copies stay unless the reader asks otherwise. */
  savedKeys(): ReadonlySet<string>;
  /** Source id → feed address, for every source whose bodies can be fetched. */
  feedUrls(): Record<string, string>;
  online(): boolean;
}

export interface OfflineOptions {
  backend: OfflineBackend;
  inputs: OfflineInputs;
  jobs: JobStore;
  /** Where "online" events come from (window in the app); listened to only while the phase is read. */
  events?: EventTarget | null;
  /** Called after a download or removal settles, e.g. to refresh the storage figures. */
  onSettled?: () => void;
  concurrency?: number;
  now?: () => number;
}

export type OfflinePhase =
  | 'idle'
  | 'planning'
  | 'running'
  | 'cancelling'
  | 'complete'
  | 'cancelled'
  /** The network dropped: the job is kept and resumes when the browser is back online. */
  | 'paused'
  | 'failed'
  /** A job from an earlier visit never finished: offered for resuming. */
  | 'interrupted';

/** Why planning stopped, in words: a storage failure (a full disk cannot even be read) is named as such. */
function stoppedBy(error: unknown): string {
  const kind = toAppError(error, 'the articles').kind;
  if (kind === 'storage' || kind === 'storage-full') {
    return 'The download stopped: Folio could not read or write its storage, which may be full or failing. Everything stored before is still here.';
  }
  return `The download stopped: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * "Make available offline": one download at a time, its progress, and its pending job, kept so a
 * reload or a dropped network can resume it. Resuming plans again, so stored bodies are skipped.
 */
export class OfflineDownloads {
  #phase = $state<OfflinePhase>('idle');
  scope = $state.raw<DownloadScope | null>(null);
  /** Bodies of this run stored so far, of `total` queued; link-only articles never count. */
  done = $state(0);
  total = $state(0);
  bytesDone = $state(0);
  bytesTotal = $state(0);
  /** Bodies the server did not have (e.g. 404). */
  failed = $state(0);
  /** Articles of the scope already stored before this run. */
  alreadyStored = $state(0);
  error = $state<string | null>(null);
  /** How many copies the last removal deleted. */
  removed = $state<number | null>(null);
  busy = $derived(this.phase === 'planning' || this.phase === 'running' || this.phase === 'cancelling');

  private readonly options: OfflineOptions;
  private controller: AbortController | null = null;
  private removing = false;
  // A paused download goes on by itself when the network is back, while anything shows its phase.
  readonly #subscribe = createSubscriber(() => {
    const events = this.options.events;
    const onOnline = (): void => {
      if (this.#phase === 'paused') void this.resume();
    };
    events?.addEventListener('online', onOnline);
    return () => events?.removeEventListener('online', onOnline);
  });

  constructor(options: OfflineOptions) {
    this.options = options;
    const pending = options.jobs.load();
    if (pending !== null) {
      this.scope = pending.scope;
      this.#phase = 'interrupted';
    }
  }

  get phase(): OfflinePhase {
    this.#subscribe();
    return this.#phase;
  }

  private set phase(phase: OfflinePhase) {
    this.#phase = phase;
  }

  /** The scope's size before a download, from what the library knows is stored. */
  estimate(scope: DownloadScope): DownloadPlan<Candidate> {
    return estimateScope(this.options.inputs.catalog(), scope, this.options.inputs.storedKeys());
  }

  /** The scope's stored copies that a removal takes: saved articles' only when asked to. */
  removable(scope: DownloadScope, includeSaved: boolean): string[] {
    const { catalog, storedKeys, savedKeys } = this.options.inputs;
    const saved = savedKeys();
    return storedInScope(catalog(), scope, storedKeys()).filter((key) => includeSaved || !saved.has(key));
  }

  /** Downloads every body of the scope not stored yet. Does nothing while another runs. */
  async start(scope: DownloadScope): Promise<void> {
    if (this.busy) return;
    const { backend, inputs, jobs } = this.options;
    this.scope = scope;
    this.removed = null;
    this.error = null;
    this.done = this.total = this.bytesDone = this.bytesTotal = this.failed = this.alreadyStored = 0;
    if (!inputs.online()) {
      // Nothing can come in; a job kept from an earlier visit stays resumable.
      this.phase = 'failed';
      this.error = 'You are offline. Connect to the network, then download again.';
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.phase = 'planning';
    jobs.save({ scope, startedAt: (this.options.now ?? Date.now)() });
    try {
      const stored = inputs.storedKeys();
      const feedUrls = inputs.feedUrls();
      const catalog = inputs.catalog();
      const candidates = downloadCandidates(catalog, scope).filter((c) => feedUrls[c.sourceId] !== undefined);
      const items = await backend.bodyRefs(catalog, candidates);
      // Only copies the library knows of need their hash read: a stale one is fetched again.
      const hashes = await backend.storedHashes(items.filter((item) => stored.has(item.key)).map((item) => item.key));
      const plan = planItems(items, (item) => hashes.get(item.key) === item.hash);
      this.alreadyStored = plan.alreadyStored;
      this.total = plan.queue.length;
      this.bytesTotal = plan.bytesToFetch;
      this.phase = controller.signal.aborted ? 'cancelling' : 'running';
      const outcome = await backend.download(plan.queue, {
        feedUrls,
        signal: controller.signal,
        concurrency: this.options.concurrency,
        onProgress: (progress) => this.report(progress),
      });
      if (outcome.status === 'complete' || outcome.status === 'cancelled') {
        jobs.clear();
        this.phase = outcome.status;
      } else {
        const kind = outcome.error?.kind;
        this.error = outcome.error?.message ?? 'The download stopped.';
        // A dropped or stalled network resumes by itself; anything else waits for the reader.
        this.phase = kind === 'offline' || kind === 'timeout' ? 'paused' : 'failed';
      }
    } catch (error) {
      this.phase = 'failed';
      this.error = stoppedBy(error);
    } finally {
      this.controller = null;
      this.options.onSettled?.();
    }
  }

  /** Resumes the pending job (interrupted, paused or failed). */
  resume(): Promise<void> {
    return this.scope === null ? Promise.resolve() : this.start(this.scope);
  }

  /** Starts nothing new; the bodies already on their way are still stored. */
  cancel(): void {
    if (this.controller === null || this.controller.signal.aborted) return;
    this.controller.abort();
    this.phase = 'cancelling';
  }

  /** Forgets a pending job without downloading. */
  discard(): void {
    if (this.busy) return;
    this.options.jobs.clear();
    this.scope = null;
    this.error = null;
    this.phase = 'idle';
  }

  /** Deletes the stored copies of the scope's articles; reading state and the list are kept. */
  async remove(scope: DownloadScope, includeSaved = false): Promise<void> {
    if (this.busy || this.removing) return;
    this.removing = true;
    const { backend } = this.options;
    try {
      this.removed = await backend.remove(this.removable(scope, includeSaved));
      this.error = null;
    } catch (error) {
      this.error = `The offline copies could not be removed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.removing = false;
      this.options.onSettled?.();
    }
  }

  private report(progress: DownloadProgress): void {
    this.done = progress.done;
    this.failed = progress.failed;
    this.bytesDone = progress.bytesDone;
  }
}
