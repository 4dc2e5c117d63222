import { createSubscriber } from 'svelte/reactivity';
import { positionsFor } from '../catalog/article';
import type { Catalog } from '../catalog/catalog';
import type { ListMarks } from '../list/masks';
import type { ListResult } from '../list/query';
import type { Article } from '../model/article';
import { headMatches, readHeadRecord, type HeadRecord } from '../model/head';
import { buildHead } from './buildHead';
import type { Library } from './library.svelte';
import type { Reading } from './reading.svelte';

/** Where the keeper stores the head (null clears it): the database's head table in the app. */
export type SaveHead = (head: HeadRecord | null) => Promise<void> | void;

/** What the keeper reads of the app's state; the library and the reading state fit it. */
export interface HeadSources {
  readonly loaded: boolean;
  readonly listing: boolean;
  readonly error: string | null;
  readonly catalog: Catalog;
  readonly readKeys: ReadonlySet<string>;
  readonly savedKeys: ReadonlySet<string>;
  readonly storedBodies: ReadonlySet<string>;
  readonly started: readonly { key: string; progress: number }[];
  readonly sourceTitle: string | null;
  /** Display text of articles by catalogue position. */
  articles(catalog: Catalog, positions: readonly number[]): Promise<Article[]>;
  /** The default list (its first page is the head's) for a catalogue and marks. */
  defaultList(catalog: Catalog, marks: ListMarks): ListResult;
}

/** What the keeper reads, from the library and the reading state; `sourceId` names the feed the header shows. */
export function headSourcesOf(library: Library, reading: Pick<Reading, 'started'>, sourceId: string): HeadSources {
  return {
    get loaded() { return library.loaded; },
    get listing() { return library.listing; },
    get error() { return library.error; },
    get catalog() { return library.catalog; },
    get readKeys() { return library.readKeys; },
    get savedKeys() { return library.savedKeys; },
    get storedBodies() { return library.storedBodies; },
    get started() { return reading.started; },
    get sourceTitle() { return library.source(sourceId)?.title ?? null; },
    articles: (catalog, positions) => library.texts.load(catalog, positions),
    defaultList: (catalog, marks) => library.defaultList(catalog, marks),
  };
}

/** Coalesces a burst of changes (a sync streaming shards, several marks) into one write. */
const SETTLE_MS = 400;

/** What the default list's first page shows, as the keeper read it. */
interface HeadSnapshot {
  catalog: Catalog;
  read: ReadonlySet<string>;
  saved: ReadonlySet<string>;
  stored: ReadonlySet<string>;
  started: HeadSources['started'];
  sourceTitle: string | null;
}

/** Where the keeper reads the head stored by an earlier start, to write only a different one. */
export type LoadHead = () => Promise<unknown>;

/**
 * Keeps the head record current: `observe()` reads what the default list's first page shows (so a
 * caller's effect re-runs when any of it changes), then, once changes settle, reads the page's text
 * and stores the head, off the interaction that changed it. Without the pause when the stored head
 * no longer fits: at the first head of a start, and after a sync changed the stored chunks (the start
 * refuses a head made from other chunks), so a reader who leaves right after a sync still finds it
 * next time. Marks settle first: a head with an old mark still fits.
 */
export class HeadKeeper {
  readonly #from: HeadSources;
  readonly #base: string;
  readonly #save: SaveHead;
  /**
   * What was stored last, as JSON: an unchanged head is not written again. It starts as "none", so
   * a first visit's empty library writes nothing; a stale stored head is refused at start anyway.
   */
  #last = 'null';
  readonly #load: LoadHead;
  /** Whether `#last` is what is stored: read once, before the first write. */
  #known = false;
  /** The stored head, checked as a start checks it (null when none, or none a start would paint). */
  #lastHead: HeadRecord | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** What the pending write will store from. */
  #pending: HeadSnapshot | null = null;
  #run = 0;
  /** Whether the stored head no longer fits and the one the next start needs is not stored yet. */
  #catchingUp = false;
  #notify: (() => void) | null = null;
  readonly #subscribe = createSubscriber((update) => {
    this.#notify = update;
    return () => (this.#notify = null);
  });

  constructor(from: HeadSources, base: string, save: SaveHead, load: LoadHead = async () => null) {
    this.#from = from;
    this.#base = base;
    this.#save = save;
    this.#load = load;
  }

  /**
   * True from a change that leaves the stored head unfit for the next start (a sync's new chunks,
   * a start's first head) until the new head is stored: a sync is not done before its next start's
   * first paint is, so the sync state waits for it (a reader may close the app the moment it says
   * "Synced"). Marks never set it: a head with an old mark still fits.
   */
  get catchingUp(): boolean {
    this.#subscribe();
    return this.#catchingUp;
  }

  #setCatchingUp(value: boolean): void {
    if (this.#catchingUp === value) return;
    this.#catchingUp = value;
    this.#notify?.();
  }

  observe(): void {
    const from = this.#from;
    if (!from.loaded || from.error) return;
    const catalog = from.catalog;
    // An empty library (a cleared database, the last source removed) has no head.
    if (catalog.size === 0) return this.#cancel(() => void this.#store(null).finally(() => this.#setCatchingUp(false)));
    // A first sync still streaming in: its list is not the one the next start will find.
    if (from.listing) return;
    const snapshot = { catalog, read: from.readKeys, saved: from.savedKeys, stored: from.storedBodies, started: from.started, sourceTitle: from.sourceTitle };
    this.#cancel();
    this.#pending = snapshot;
    const fits = this.#known && this.#fits(catalog);
    if (!fits) this.#setCatchingUp(true);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#write(snapshot);
    }, fits ? SETTLE_MS : 0);
  }

  /**
   * The head this start painted, as read from the store: what is stored, so the catalogue it was
   * made from needs no write at once (nor the store's read of it before the first write).
   */
  seed(stored: HeadRecord): void {
    if (this.#known) return;
    this.#known = true;
    this.#last = JSON.stringify(stored);
    this.#lastHead = stored;
  }

  /** Whether the stored head was made from these chunks: a start would paint it. */
  #fits(catalog: Catalog): boolean {
    return this.#lastHead !== null && headMatches(this.#lastHead, catalog.chunks.map((chunk) => chunk.key));
  }

  /** Writes a pending head now, not after the pause: the page is being hidden, and may not come back. */
  flush(): void {
    const pending = this.#pending;
    if (this.#timer === null || pending === null) return;
    this.#cancel();
    void this.#write(pending);
  }

  /** Stops a pending write (the app is going away). */
  stop(): void {
    this.#cancel();
    this.#setCatchingUp(false);
  }

  #cancel(then?: () => void): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#run += 1;
    then?.();
  }

  async #write(s: HeadSnapshot): Promise<void> {
    const run = this.#run;
    try {
      const result = this.#from.defaultList(s.catalog, { stored: s.stored, read: s.read, saved: s.saved });
      const startedPositions = positionsFor(s.catalog, s.started.map((x) => x.key));
      const [articles, startedArticles, stored] = await Promise.all([
        this.#from.articles(s.catalog, result.positions),
        this.#from.articles(s.catalog, startedPositions),
        this.#known ? null : this.#load(),
      ]);
      if (run !== this.#run) return;
      if (!this.#known) {
        this.#last = JSON.stringify(stored);
        this.#lastHead = readHeadRecord(stored);
        this.#known = true;
      }
      const progress = new Map(s.started.map((x) => [x.key, x.progress]));
      const started = startedArticles.map((article) => ({ article, progress: progress.get(article.key) ?? 0 }));
      await this.#store(buildHead({ base: this.#base, catalog: s.catalog, result, articles, read: s.read, saved: s.saved, stored: s.stored, sourceTitle: s.sourceTitle, started }));
    } catch {
      // No head stored (storage full, a text not readable): the next start paints without one.
    } finally {
      // A later change has its own write, and says when that one is stored.
      if (run === this.#run) this.#setCatchingUp(false);
    }
  }

  async #store(head: HeadRecord | null): Promise<void> {
    const text = JSON.stringify(head);
    if (text === this.#last) return;
    this.#last = text;
    this.#lastHead = head;
    await this.#save(head);
  }
}
