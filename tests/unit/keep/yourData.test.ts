import { describe, expect, it } from 'vitest';
import { sourceIdFor } from '../../../src/lib/ingest/sources';
import { encodeBackup } from '../../../src/lib/model/backup';
import { readSettings, type ReaderSettings } from '../../../src/lib/model/settings';
import { BUNDLED_SOURCE_ID, type Source, type SourceRef } from '../../../src/lib/model/source';
import type { SyncResult } from '../../../src/lib/model/sync';
import { YourData } from '../../../src/lib/state/yourData';
import { openTestDb } from '../helpers/testDb';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const BUNDLED: SourceRef = { id: BUNDLED_SOURCE_ID, kind: 'folio', feedUrl: 'https://folio.example/feed/' };
const OTHER = 'https://blog.example.org/feed/';

class MemorySettings {
  current: ReaderSettings = readSettings(null);
  set(change: Partial<ReaderSettings>): void {
    this.current = readSettings({ ...this.current, ...change });
  }
}

/** What the scheduler would do, minus the network: each add is recorded and succeeds. */
function scheduler(refs: readonly SourceRef[]) {
  const added: string[] = [];
  const addUrl = async (url: string): Promise<SyncResult> => {
    added.push(url);
    return { sourceId: sourceIdFor(url), added: 1, removed: 0, refreshed: 0, shardsFetched: 1, articleCount: 1, syncedAt: NOW };
  };
  return { bundled: BUNDLED, refs, addUrl, added };
}

const backup = encodeBackup(
  {
    sources: [
      { address: BUNDLED.feedUrl, kind: 'folio', title: 'Bundled' },
      { address: OTHER, kind: 'folio', title: 'Other' },
    ],
    marks: [{ source: BUNDLED.feedUrl, id: 'a-post', saved: { value: true, at: NOW - 1000 } }],
    settings: { textSize: 'large' },
  },
  NOW,
);

describe('importing a backup', () => {
  it('adds only the sources this device neither has nor is syncing, and keys marks by source', async () => {
    const db = openTestDb();
    // A first visit after the browser cleared everything: the bundled feed syncs but is not stored yet.
    const sync = scheduler([BUNDLED]);
    const settings = new MemorySettings();
    const outcome = await new YourData(db, { sources: [] }, settings, sync).importBackup(backup);
    expect(sync.added).toEqual([`${OTHER}manifest.json`]);
    expect(outcome).toEqual({ marks: 1, sourcesAdded: [sourceIdFor(`${OTHER}manifest.json`)], sourcesFailed: [] });
    expect(await db.readerState.get(`${BUNDLED_SOURCE_ID}/a-post`)).toMatchObject({ savedAt: NOW - 1000 });
    expect(settings.current.textSize).toBe('large');
  });

  it('adds nothing a second time once every source is stored', async () => {
    const db = openTestDb();
    const stored = [BUNDLED, { id: sourceIdFor(`${OTHER}manifest.json`), kind: 'folio', feedUrl: OTHER }] as Source[];
    const sync = scheduler([BUNDLED]);
    const outcome = await new YourData(db, { sources: stored }, new MemorySettings(), sync).importBackup(backup);
    expect(sync.added).toEqual([]);
    expect(outcome.sourcesAdded).toEqual([]);
  });
});

describe('importing OPML', () => {
  it('counts a feed being synced as present, by its folder or its manifest', async () => {
    const db = openTestDb();
    const sync = scheduler([BUNDLED, { id: 's-x', kind: 'folio', feedUrl: OTHER }]);
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline type="rss" text="Other" xmlUrl="${OTHER}manifest.json"/>
      <outline type="rss" text="New" xmlUrl="https://new.example/atom.xml"/>
    </body></opml>`;
    const outcome = await new YourData(db, { sources: [] }, new MemorySettings(), sync).importOpml(opml);
    expect(outcome.present).toBe(1);
    expect(sync.added).toEqual(['https://new.example/atom.xml']);
  });
});
