import { parseOpml, writeOpml } from '../feed/opml';
import { sourceIdFor } from '../ingest/sources';
import { backupFileName, encodeBackup, parseBackup, type BackupSource, type Mark } from '../model/backup';
import { mergeSettings } from '../model/backupMerge';
import { toBackupMark } from '../model/markConversion';
import type { Source } from '../model/source';
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
    private readonly settings: Settings,
    private readonly sync: Pick<SyncScheduler, 'addUrl' | 'bundled'>,
  ) {}

  async exportBackup(now: number = Date.now()): Promise<ExportFile> {
    // From the store, not the library: a source added a moment ago is in the file.
    const sources = await readAllSources(this.db);
    const byId = new Map(sources.map((s) => [s.id, s]));
    const marks = (await readAllMarks(this.db)).flatMap((m) => {
      const slash = m.key.indexOf('/');
      const source = byId.get(m.key.slice(0, slash));
      return source ? (toBackupMark(m, source.feedUrl, m.key.slice(slash + 1)) ?? []) : [];
    });
    const text = encodeBackup({ sources: sources.map(backupSource), marks, settings: this.settings.current }, now);
    return { name: backupFileName(now), text, type: 'application/json' };
  }

  /** Merges a backup in: sources it names are added, the newer mark wins, nothing is deleted. */
  async importBackup(text: string): Promise<ImportOutcome> {
    const backup = parseBackup(text);
    const outcome: ImportOutcome = { marks: 0, sourcesAdded: [], sourcesFailed: [] };
    const known = new Set(this.library.sources.map((s) => s.feedUrl));
    for (const source of backup.sources) {
      if (known.has(source.address) || source.kind === 'file') continue;
      await this.#add(source.kind === 'folio' ? new URL('manifest.json', source.address).href : source.address, outcome);
    }
    const keyed: KeyedMark[] = backup.marks.map((mark: Mark) => ({ key: `${this.#sourceId(mark.source)}/${mark.id}`, mark }));
    outcome.marks = await importMarks(this.db, keyed);
    this.settings.set(mergeSettings(this.settings.current, backup.settings));
    return outcome;
  }

  async exportOpml(now: number = Date.now()): Promise<ExportFile> {
    const feeds = (await readAllSources(this.db))
      .filter((s) => s.id !== this.sync.bundled.id && s.kind !== 'file')
      .map((s) => ({ title: s.title, xmlUrl: s.kind === 'feed' ? s.feedUrl : new URL('manifest.json', s.feedUrl).href, htmlUrl: s.homepage }));
    return { name: 'folio-feeds.opml', text: writeOpml({ title: 'Folio feeds', feeds }, now), type: 'text/x-opml' };
  }

  /** Adds every feed an OPML file lists that Folio does not have yet. */
  async importOpml(text: string): Promise<ImportOutcome & { skipped: number; present: number }> {
    const opml = parseOpml(text);
    const outcome = { marks: 0, sourcesAdded: [] as string[], sourcesFailed: [] as ImportOutcome['sourcesFailed'], skipped: opml.skipped, present: 0 };
    const known = new Set(this.library.sources.flatMap((s) => [s.feedUrl, new URL('manifest.json', s.feedUrl).href]));
    for (const feed of opml.feeds) {
      if (known.has(feed.xmlUrl)) outcome.present += 1;
      else await this.#add(feed.xmlUrl, outcome);
    }
    return outcome;
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

function backupSource(source: Source): BackupSource {
  return { address: source.feedUrl, kind: source.kind ?? 'folio', title: source.title };
}
