import { createSubscriber } from 'svelte/reactivity';
import {
  EMPTY_KNOWN, missingSources, readKnownSources, withAdded, withoutSource, withStored, writeKnownSources,
  type KnownSource, type KnownSources,
} from '../model/knownSources';
import type { Source } from '../model/source';

export const KNOWN_SOURCES_KEY = 'folio.sources';

type WebStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What the browser dropped, as found when the stored sources were first read without them. */
export interface ClearedReport {
  /** Sources with an address: Folio is fetching them again. */
  refetching: KnownSource[];
  /** File sources: only the reader can add them again. */
  lost: KnownSource[];
}

/** localStorage, which merely reading can throw on (blocked site data). */
function browserStorage(): WebStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The reader's sources as Folio last saw them stored, kept in localStorage, which survives when the
 * browser drops IndexedDB. The library reports every list of stored sources it reads; a known
 * source missing from one means the browser cleared Folio's database (nothing else removes a
 * source without forgetting it first), and the sync scheduler fetches it again.
 */
export class SourceMemory {
  #known = $state.raw<KnownSources>(EMPTY_KNOWN);
  #cleared = $state.raw<ClearedReport | null>(null);
  #observed = $state(false);
  readonly #storage: WebStorage | null;
  readonly #subscribe = createSubscriber((update) => {
    const onStorage = (event: StorageEvent): void => {
      if (event.key !== KNOWN_SOURCES_KEY) return;
      this.#known = this.#read();
      update();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  });

  constructor(storage: WebStorage | null = browserStorage()) {
    this.#storage = storage;
    this.#known = this.#read();
  }

  /** The sources Folio knows the reader has, stored or not. */
  get sources(): readonly KnownSource[] {
    this.#subscribe();
    return this.#known.sources;
  }

  get cleared(): ClearedReport | null {
    return this.#cleared;
  }

  /** True once the stored sources have been compared with the known ones. */
  get observed(): boolean {
    return this.#observed;
  }

  /** Called with every list of stored sources the library reads. */
  observe(stored: readonly Source[]): void {
    // Read afresh: another tab may have removed a source since this one last looked.
    const known = this.#read();
    const missing = missingSources(known, stored);
    if (missing.length > 0 && this.#cleared === null) {
      this.#cleared = { refetching: missing.filter((s) => s.kind !== 'file'), lost: missing.filter((s) => s.kind === 'file') };
    }
    this.#save(withStored(known, stored) ?? known);
    this.#observed = true;
  }

  /** Before a source's rows are removed, so no tab takes its absence for the browser's doing. */
  forget(id: string): void {
    this.#save(withoutSource(this.#read(), id));
  }

  /** The reader added a source, perhaps one removed before. */
  added(id: string): void {
    this.#save(withAdded(this.#read(), id));
  }

  /** The reader has read the report: lost files are forgotten; the rest come back by syncing. */
  dismiss(): void {
    const lost = new Set(this.#cleared?.lost.map((s) => s.id));
    const known = this.#read();
    this.#save({ ...known, sources: known.sources.filter((s) => !lost.has(s.id)) });
    this.#cleared = null;
  }

  #read(): KnownSources {
    try {
      return readKnownSources(this.#storage?.getItem(KNOWN_SOURCES_KEY) ?? null);
    } catch {
      return this.#known;
    }
  }

  #save(known: KnownSources): void {
    this.#known = known;
    const text = writeKnownSources(known);
    try {
      // The library reports often while a sync streams in: write, and wake other tabs, only on a change.
      if (this.#storage?.getItem(KNOWN_SOURCES_KEY) !== text) this.#storage?.setItem(KNOWN_SOURCES_KEY, text);
    } catch {
      // Blocked or full storage: this visit still knows; the next may not.
    }
  }
}
