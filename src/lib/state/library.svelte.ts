import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import { buildCatalogInSteps } from '../catalog/build';
import { EMPTY_CATALOG, topicName, type Catalog } from '../catalog/catalog';
import { positionOf } from '../catalog/positions';
import { patchCatalog } from '../catalog/patch';
import { TextReader } from '../catalog/texts';
import { neighbours, type Neighbours } from '../list/neighbours';
import { DEFAULT_PARAMS, type ListParams } from '../list/params';
import type { ListMarks } from '../list/masks';
import { ListQuery, type ListResult } from '../list/query';
import { hitSet, type SearchHits } from '../list/search';
import type { SeenRevision, Source } from '../model/source';
import type { FolioDb } from '../store/FolioDb';
import type { CatalogChunkRecord } from '../store/records';
import { countBySource, mergeChunkKeys, nextTask, patchLanded, rebuildPause, sameTopicNames, seenRevision, WakeablePause, type StoredState } from './libraryParts';

/** Whether a first sync is still storing a source's article list. */
const isStreaming = (sources: readonly Source[]): boolean => sources.length === 0 || sources.some((s) => s.lastSyncedAt === null);

/**
 * Everything stored, kept current by Dexie live queries while something reads it; views derive
 * what they show from it, and never reach into the catalogue's arrays themselves.
 */
export class Library {
  #catalog = $state.raw<Catalog>(EMPTY_CATALOG);
  #sources = $state.raw<readonly Source[]>([]);
  #storedSources = $state.raw<readonly Source[] | null>(null);
  #readKeys = $state.raw<ReadonlySet<string>>(new Set());
  #savedKeys = $state.raw<ReadonlySet<string>>(new Set());
  #storedBodies = $state.raw<ReadonlySet<string>>(new Set());
  #loaded = $state(false);
  #error = $state<string | null>(null);
  /** True while a source's first sync is still storing its article list. */
  readonly listing = $derived(isStreaming(this.sources));
  /** Articles and unread articles per source id, counted in one pass over the catalogue. */
  readonly articleCounts = $derived(countBySource(this.catalog, this.readKeys));
  /** What the device knows beyond the feed, as list filters and counts take it. */
  readonly marks: ListMarks = $derived({ stored: this.storedBodies, read: this.readKeys, saved: this.savedKeys });
  /** Display text of articles, read a block at a time; one cache for the whole app. */
  readonly texts: TextReader;

  readonly #db: FolioDb;
  readonly #onSources: (sources: readonly Source[]) => void;
  readonly #subscribe: () => void;
  readonly #lists = new ListQuery();
  #chunks: ReadonlyMap<string, CatalogChunkRecord> = new Map();
  #latest: StoredState | null = null;
  /** The newest state read, kept after #apply takes it. */
  #latestRead: StoredState | null = null;
  #applying = false;
  #lastBuildAt = -Infinity;
  #lastBuildMs = 0;
  /** The pause between rebuilds while a first sync streams in; a completed sync ends it early. */
  readonly #pause = new WakeablePause();

  /** `onSources` hears every list of stored sources read, so what the browser drops can be noticed. */
  constructor(db: FolioDb, onSources: (sources: readonly Source[]) => void = () => {}) {
    this.#db = db;
    this.#onSources = onSources;
    this.texts = new TextReader(db);
    this.#subscribe = createSubscriber(() => this.#watch());
  }

  get catalog(): Catalog {
    this.#subscribe();
    return this.#catalog;
  }
  get sources(): readonly Source[] {
    this.#subscribe();
    return this.#sources;
  }
  /**
   * The sources as last read from the store, ahead of the catalogue built with them (which takes
   * a second at 100,000 articles); null before the first read.
   */
  get storedSources(): readonly Source[] | null {
    this.#subscribe();
    return this.#storedSources;
  }
  get readKeys(): ReadonlySet<string> {
    this.#subscribe();
    return this.#readKeys;
  }
  get savedKeys(): ReadonlySet<string> {
    this.#subscribe();
    return this.#savedKeys;
  }
  /** Keys of the articles whose text is stored on this device. */
  get storedBodies(): ReadonlySet<string> {
    this.#subscribe();
    return this.#storedBodies;
  }
  /** False until the first read from the database has finished. */
  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }
  get error(): string | null {
    this.#subscribe();
    return this.#error;
  }

  /** What the store held of a synced source at the last read: its revision, and whether an overlay is stored. */
  seen(sourceId: string): SeenRevision | undefined {
    return this.#latestRead ? seenRevision(this.#latestRead, sourceId) : undefined;
  }

  source(id: string): Source | undefined {
    return this.sources.find((s) => s.id === id);
  }

  topicName(slug: string): string {
    return topicName(this.catalog, slug);
  }

  has(key: string): boolean {
    return positionOf(this.catalog, key) !== undefined;
  }

  /**
   * The list for these parameters; paging through one filter only slices its result. `hits`: the
   * search's answer while `params.q` is set.
   */
  query(params: ListParams, hits: SearchHits | null = null): ListResult {
    return this.#lists.run(this.catalog, params, this.marks, hits);
  }

  /** The default list for a catalogue and marks (what the head shows): the view's own result when it shows that list. */
  defaultList(catalog: Catalog, marks: ListMarks): ListResult {
    return this.#lists.run(catalog, DEFAULT_PARAMS, marks);
  }

  /** Reads the display text of a search's best `count` hits into memory; see TextReader.warm. */
  warmTexts(hits: SearchHits, count: number): Promise<void> {
    return this.texts.warm(this.catalog, Array.from(hitSet(this.catalog, hits).ranked.subarray(0, count)));
  }

  /** Every key of the filtered list, all pages, in list order. */
  listKeys(params: ListParams, hits: SearchHits | null = null): string[] {
    return this.#lists.keys(this.catalog, params, this.marks, hits);
  }

  neighbours(params: ListParams, key: string, hits: SearchHits | null = null): Neighbours {
    return neighbours(this.catalog, params, key, this.marks, hits);
  }

  /** Starts the live queries; the returned function stops them when nothing reads the library. */
  #watch(): () => void {
    const db = this.#db;
    // Another tab opened a newer schema: Dexie closes this connection so the upgrade can proceed;
    // this page's code is the old version, so the reader is asked to reload into the new one.
    const onVersionChange = (): void => {
      this.#error = 'Folio was updated in another tab. Reload this page to go on reading.';
    };
    db.on('versionchange', onVersionChange);
    // Watch keys, not rows: a sync that adds one shard costs one chunk read, not a full reload.
    const subscriptions = [
      liveQuery(async () => {
        const [keys, sources] = await Promise.all([db.catalog.toCollection().primaryKeys(), db.sources.toArray()]);
        return { keys, sources };
      }).subscribe({
        next: (state) => {
          this.#onSources(state.sources);
          this.#storedSources = state.sources;
          this.#latest = state;
          this.#latestRead = state;
          // The write that completes a sync shows at once, even mid-pause.
          if (!isStreaming(state.sources)) this.#pause.wake();
          void this.#apply();
        },
        error: (error: unknown) => this.#fail(error),
      }),
      liveQuery(() => db.readerState.where('readAt').above(0).primaryKeys()).subscribe({ next: (keys) => (this.#readKeys = new Set(keys)) }),
      liveQuery(() => db.readerState.where('savedAt').above(0).primaryKeys()).subscribe({ next: (keys) => (this.#savedKeys = new Set(keys)) }),
      liveQuery(() => db.bodies.toCollection().primaryKeys()).subscribe({ next: (keys) => (this.#storedBodies = new Set(keys)) }),
    ];
    return () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      db.on('versionchange').unsubscribe(onVersionChange);
    };
  }

  /**
   * Applies the newest notification; notifications that arrive meanwhile collapse into one. While a
   * sync streams shards in, the catalogue is rebuilt at most once a second (less often as builds
   * grow: rebuildPause) rather than per shard; the first articles into an empty library show at once.
   */
  async #apply(): Promise<void> {
    if (this.#applying) return;
    this.#applying = true;
    try {
      while (this.#latest) {
        // Only while a first sync streams in: the write that completes a sync shows at once.
        const wait = this.#lastBuildAt + rebuildPause(this.#lastBuildMs) - performance.now();
        if (isStreaming(this.#latest.sources) && wait > 0 && this.#catalog.size > 0) await this.#pause.for(wait);
        if (!this.#latest) break;
        const { keys } = this.#latest;
        let { sources } = this.#latest;
        this.#latest = null;
        const readStart = performance.now();
        const next = await mergeChunkKeys(this.#chunks, keys, (missing) => this.#db.catalog.bulkGet(missing));
        performance.measure('folio:catalog-read', { start: readStart });
        const unchanged = this.#loaded && !next.changed && sameTopicNames(this.#sources, sources);
        this.#chunks = next.chunks;
        if (!unchanged) {
          // Reading, each step of building, and showing the list take a task of their own: together
          // they would block input for a quarter of a second on a slow phone.
          await nextTask();
          const buildStart = performance.now();
          // A sync that replaced a few chunks patches the catalogue; a rebuild when that cannot be done.
          // A first sync rebuilds, its completing write too: patching its last shards in measured no
          // faster at 100k, and slower on the real blog, where most of the articles come in that write.
          const patched = this.#loaded && !isStreaming(this.#sources) ? patchCatalog(this.#catalog, next.removed, next.added, sources) : null;
          // No articles yet (a first sync has stored only the source): nothing to build.
          let catalog = patched ?? (next.chunks.size === 0 ? EMPTY_CATALOG : await buildCatalogInSteps([...next.chunks.values()], sources, nextTask));
          this.#lastBuildMs = performance.now() - buildStart;
          performance.measure(patched ? 'folio:catalog-patch' : 'folio:catalog-build', { start: buildStart });
          ({ catalog, sources } = await this.#withLanded(catalog, sources));
          await nextTask();
          this.#catalog = catalog;
          this.#lastBuildAt = performance.now();
        }
        this.#sources = sources;
        this.#loaded = true;
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#applying = false;
    }
  }

  /** A sync that landed during the build (as the app opens) is patched in first: the list paints once, with it. */
  async #withLanded(catalog: Catalog, sources: readonly Source[]): Promise<{ catalog: Catalog; sources: readonly Source[] }> {
    const latest = this.#latest;
    if (!latest || catalog.size === 0 || isStreaming(sources) || isStreaming(latest.sources)) return { catalog, sources };
    const landed = await patchLanded({ catalog, sources, chunks: this.#chunks }, latest, (missing) => this.#db.catalog.bulkGet(missing));
    // A newer state came during the read, or only a rebuild can take it: the loop does.
    if (!landed || this.#latest !== latest) return { catalog, sources };
    this.#latest = null;
    this.#chunks = landed.chunks;
    return landed;
  }

  #fail(error: unknown): void {
    this.#error = `Folio could not open its stored articles: ${error instanceof Error ? error.message : String(error)}`;
    this.#loaded = true;
  }
}
