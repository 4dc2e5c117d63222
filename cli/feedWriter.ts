/**
 * Writes a feed folder's files as they are made, then commits them under a new manifest. A full
 * build is staged next to the folder and swapped in; a rebuild writes its few new files into the
 * folder (their names carry content hashes, so the current manifest never names them), replaces
 * the manifest, and then removes the files no manifest names any more.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedManifest } from '../src/lib/feed/folder';

/** The folders and file a build owns in its output folder; anything else there is kept. */
const DIRS = ['bodies', 'index', 'search', 'deltas'];
const OWNED = [...DIRS, 'manifest.json'];
/** Folders every build has; `deltas/` is missing from folders built before the change log. */
const REQUIRED_DIRS = ['bodies', 'index', 'search'];

export interface FeedWriter {
  /** Where files are written now: a body href resolves against it. */
  readonly root: string;
  /** Whether files stay where they were written when the feed is committed (a staged feed moves). */
  readonly inPlace: boolean;
  put(rel: string, bytes: Uint8Array): void;
  /** Removes a file written under the root this build (a duplicate post's body), if it is there. */
  discard(rel: string): void;
  /** Makes the feed current. `named` is every file the manifest and its shards refer to (in-place writers prune the rest). */
  commit(manifest: FeedManifest, named: ReadonlySet<string>): void;
  /** Drops what a staged writer left; safe after commit. */
  dispose(): void;
}

export const manifestBytes = (manifest: FeedManifest): string => JSON.stringify(manifest, null, 2) + '\n';

/** Stages the whole feed in a folder next to `out`, then swaps its owned entries in, manifest last. */
export function stagedWriter(out: string): FeedWriter {
  const target = path.resolve(out);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.building-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  for (const dir of DIRS) mkdirSync(path.join(temp, 'new', dir), { recursive: true });
  mkdirSync(path.join(temp, 'old'));
  const root = path.join(temp, 'new');
  return {
    root,
    inPlace: false,
    put: (rel, bytes) => writeFileSync(path.join(root, rel), bytes),
    discard: (rel) => rmSync(path.join(root, rel), { force: true }),
    commit: (manifest) => {
      writeFileSync(path.join(root, 'manifest.json'), manifestBytes(manifest));
      mkdirSync(target, { recursive: true });
      for (const name of OWNED) {
        const current = path.join(target, name);
        if (existsSync(current)) renameSync(current, path.join(temp, 'old', name));
        renameSync(path.join(root, name), current);
      }
    },
    dispose: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/** Writes new files straight into `out`, which already holds a build with every owned folder. */
export function inPlaceWriter(out: string): FeedWriter {
  const root = path.resolve(out);
  return {
    root,
    inPlace: true,
    put: (rel, bytes) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), bytes);
    },
    discard: (rel) => rmSync(path.join(root, rel), { force: true }),
    commit: (manifest, named) => {
      const file = path.join(root, 'manifest.json');
      writeFileSync(`${file}.${process.pid}.tmp`, manifestBytes(manifest));
      renameSync(`${file}.${process.pid}.tmp`, file);
      for (const dir of DIRS.filter((d) => existsSync(path.join(root, d)))) {
        for (const name of readdirSync(path.join(root, dir))) {
          if (!named.has(`${dir}/${name}`)) unlinkSync(path.join(root, dir, name));
        }
      }
    },
    dispose: () => {},
  };
}

/** The files under the owned folders of `out` ("bodies/x.html"…), or null when one is missing. */
export function ownedFiles(out: string): Set<string> | null {
  const files = new Set<string>();
  for (const dir of DIRS) {
    const full = path.join(out, dir);
    if (!existsSync(full)) {
      if (REQUIRED_DIRS.includes(dir)) return null;
      continue;
    }
    for (const name of readdirSync(full)) files.add(`${dir}/${name}`);
  }
  return files;
}
