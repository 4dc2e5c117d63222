import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/lib/model/source';
import { seenRevision } from '../../../src/lib/state/libraryParts';
import { chunkKey, OVERLAY_SHARD } from '../../../src/lib/store/keys';

const stored = (id: string, extra: Partial<Source>): Source => ({
  id, kind: 'folio', feedUrl: `https://${id}.test/feed/`, title: id, description: '', homepage: null, author: null,
  topicNames: new Map(), articleCount: 0, feedGeneratedAt: null, lastSyncedAt: 1, ...extra,
});

describe('seenRevision', () => {
  const keys = [chunkKey('blog', '2026-04', 'aa'), chunkKey('blog', OVERLAY_SHARD, 'r3'), chunkKey('news', '2026-04', 'bb')];
  const sources = [stored('blog', { revision: 3 }), stored('news', {}), stored('fresh', { lastSyncedAt: null, revision: 1 })];

  it('is the stored revision and whether the source has an overlay among the keys', () => {
    expect(seenRevision({ keys, sources }, 'blog')).toEqual({ revision: 3, overlay: true });
    // A folder synced before revisions is at revision 0, as the sync counts it.
    expect(seenRevision({ keys, sources }, 'news')).toEqual({ revision: 0, overlay: false });
  });

  it('says nothing of a source not stored, or whose first sync has not completed', () => {
    expect(seenRevision({ keys, sources }, 'gone')).toBeUndefined();
    expect(seenRevision({ keys, sources }, 'fresh')).toBeUndefined();
  });
});
