import { parseOpml } from '../feed/opml';
import { writeOpml } from '../feed/opmlWrite';
import { sourceIdFor } from '../ingest/sources';
import { splitArticleKey } from '../model/article';
import { backupFileName, encodeBackup, parseBackup, type BackupSource, type Mark } from '../model/backup';
import { mergeSettings } from '../model/backupMerge';
import { toBackupMark } from '../model/markConversion';
import type { Source, SourceKind } from '../model/source';
import type { FolioDb } from '../store/FolioDb';
import { importMarks, type KeyedMark } from '../store/importMarks';
import { readAllMarks } from '../store/readerState';
import { readAllSources } from '../store/sources';
import type { Library } from './library.svelte';
import type { Settings } from './settings.svelte';
import type { SyncScheduler } from './sync.svelte';

export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

export interface ImportOutcome {
  marks: number;
  sourcesAdded: string[];
  sourcesFailed: { address: string; message: string }[];
}

/** "Your data": the backup file and OPML, in both directions. Parsing refuses bad files whole. */
export class YourData {
  constructor(
    private readonly db: FolioDb,
    private readonly library: Pick<Library, 'sources'>,
    private readonly settings: Pick<Settings, 'current' | 'set'>,
    private readonly sync: Pick<SyncScheduler, 'addUrl' | 'bundled' | 'refs'>,
  ) {}

  async exportBackup(now: number = Date.now()): Promise<ExportFile> {
    // From the store, not the library: a source added a moment ago is in the file.
    const sources = await readAllSources(this.db);
    const byId = new Map(sources.map((s) => [s.id, s]));
    const marks = (await readAllMarks(this.db)).flatMap((m) => {
      const [sourceId, id] = splitArticleKey(m.key);
      const source = byId.get(sourceId);
      return source ? (toBackupMark(m, source.feedUrl, id) ?? []) : [];
    });
    const text = encodeBackup({ sources: sources.map(backupSource), marks, settings: this.settings.current }, now);
    return { name: backupFileName(now), text, type: 'application/json' };
  }

  /** Merges a backup in: sources it names are added, the newer mark wins, nothing is deleted. */
  async importBackup(text: string): Promise<ImportOutcome> {
    const backup = parseBackup(text);
    const outcome: ImportOutcome = { marks: 0, sourcesAdded: [], sourcesFailed: [] };
    const known = this.#knownAddresses();
    for (const source of backup.sources) {
      const address = addAddress(source.kind, source.address);
      if (!known.has(source.address) && address !== null) await this.#add(address, outcome);
    }
    const keyed: KeyedMark[] = backup.marks.map((mark: Mark) => ({ key: `${this.#sourceId(mark.source)}/${mark.id}`, mark }));
    outcome.marks = await importMarks(this.db, keyed);
    this.settings.set(mergeSettings(this.settings.current, backup.settings));
    return outcome;
  }

  async exportOpml(now: number = Date.now()): Promise<ExportFile> {
    const feeds = (await readAllSources(this.db))
      .filter((s) => s.id !== this.sync.bundled.id)
      .flatMap((s) => {
        const xmlUrl = addAddress(s.kind, s.feedUrl);
        return xmlUrl === null ? [] : [{ title: s.title, xmlUrl, htmlUrl: s.homepage }];
      });
    return { name: 'folio-feeds.opml', text: writeOpml({ title: 'Folio feeds', feeds }, now), type: 'text/x-opml' };
  }

  /** Adds every feed an OPML file lists that Folio does not have yet. */
  async importOpml(text: string): Promise<ImportOutcome & { skipped: number; present: number }> {
    const opml = parseOpml(text);
    const outcome = { marks: 0, sourcesAdded: [] as string[], sourcesFailed: [] as ImportOutcome['sourcesFailed'], skipped: opml.skipped, present: 0 };
    const known = this.#knownAddresses();
    for (const feed of opml.feeds) {
      if (known.has(feed.xmlUrl)) outcome.present += 1;
      else await this.#add(feed.xmlUrl, outcome);
    }
    return outcome;
  }

  /**
   * Sources this device has or is syncing now: the bundled feed, and those the browser dropped, may
   * not be stored yet (a first sync), and adding them again would fetch them all a second time.
   * Each by its stored address and by the one that adds it (a folder's manifest, as OPML names it).
   */
  #knownAddresses(): Set<string> {
    return new Set([...this.library.sources, ...this.sync.refs].flatMap((s) => [s.feedUrl, addAddress(s.kind, s.feedUrl) ?? s.feedUrl]));
  }

  async #add(address: string, outcome: ImportOutcome): Promise<void> {
    try {
      const result = await this.sync.addUrl(address);
      outcome.sourcesAdded.push(result.sourceId);
    } catch (error) {
      outcome.sourcesFailed.push({ address, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The id a source has, or will have once added: ids derive from addresses. */
  #sourceId(address: string): string {
    const existing = this.library.sources.find((s) => s.feedUrl === address);
    if (existing) return existing.id;
    return address === this.sync.bundled.feedUrl ? this.sync.bundled.id : sourceIdFor(address);
  }
}

/**
 * The address that adds a source by URL: a feed folder's manifest, a feed document itself. A file
 * has none (it is never re-read), nor may its name go through `new URL`.
 */
function addAddress(kind: SourceKind | undefined, feedUrl: string): string | null {
  if (kind === 'file') return null;
  return kind === 'feed' ? feedUrl : new URL('manifest.json', feedUrl).href;
}

function backupSource(source: Source): BackupSource {
  return { address: source.feedUrl, kind: source.kind ?? 'folio', title: source.title };
}
