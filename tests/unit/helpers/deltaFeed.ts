import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { withDeltas } from '../../../cli/feedDeltas';
import { layoutFeed, writeFeed } from '../../../cli/feedFiles';
import type { FeedManifest } from '../../../src/lib/feed/folder';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { OVERLAY_SHARD } from '../../../src/lib/store/keys';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';
import { entry, FOLDER_URL, folderInfo } from './searchFeed';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A feed folder on disk, rebuilt as the CLI rebuilds it (with deltas), and served from there;
 * `manifest` may stand in for the one on disk, and `missing` paths answer 404.
 */
export function deltaFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-delta-feed-'));
  dirs.push(dir);
  const requests: string[] = [];
  const missing = new Set<string>();
  let manifest: FeedManifest | null = null;
  const fetcher: Fetch = async (input) => {
    const rel = String(input instanceof Request ? input.url : input).slice(FOLDER_URL.length);
    requests.push(rel);
    if (rel === 'manifest.json' && manifest) return new Response(JSON.stringify(manifest));
    const file = path.join(dir, rel);
    if (missing.has(rel) || !existsSync(file)) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(readFileSync(file)));
  };
  return {
    dir,
    requests,
    missing,
    env: { fetcher, online: true, now: Date.now },
    build(entries: ReturnType<typeof entry>[]): FeedManifest {
      const feed = withDeltas(dir, layoutFeed(entries, folderInfo));
      writeFeed(dir, feed);
      return feed.manifest;
    },
    serveManifest(next: FeedManifest | null): void {
      manifest = next;
    },
    /** The paths asked for since the last call, and forget them. */
    take(): string[] {
      return requests.splice(0);
    },
  };
}

/** The stored overlay chunks (a source has one at most). */
export const overlayOf = async (db: FolioDb) => (await db.catalog.toArray()).filter((c) => c.shardKey === OVERLAY_SHARD);
