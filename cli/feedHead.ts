/**
 * A feed folder's `head.json`: the default list's first page as the app's own head record holds it
 * for a reader with no marks, so a first visit paints it before the app has synced. Built from the
 * folder as written, with the app's code: its chunks, catalogue, list query and head record.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { articlesFrom } from '../src/lib/catalog/article';
import { buildCatalog } from '../src/lib/catalog/catalog';
import { COLUMN_SHARD_VERSION, SHARD_FORMAT, type FeedManifest, type FeedShard } from '../src/lib/feed/folder';
import { parseManifest } from '../src/lib/feed/validate';
import { DEFAULT_PARAMS } from '../src/lib/list/params';
import { NO_MARKS } from '../src/lib/list/masks';
import { queryList } from '../src/lib/list/query';
import { FOLDER_HEAD_FILE, FOLDER_HEAD_MAX_BYTES, type HeadRecord } from '../src/lib/model/head';
import { BUNDLED_SOURCE_ID } from '../src/lib/model/source';
import { buildChunk, fromFeedArticle } from '../src/lib/store/chunks';
import { buildHead } from '../src/lib/state/buildHead';
import { readOwnShard } from './ownShards';

/** A shard as a sync stores it: with the hash the manifest gives it. */
export interface HeadShard {
  shard: FeedShard;
  hash: string;
}

/**
 * The head record the app would keep after syncing this folder as its bundled source, with nothing
 * read, saved or stored; null when the folder has no articles. Links are built for the base "/":
 * the reader moves them under its own base.
 */
export function folderHead(manifest: FeedManifest, shards: readonly HeadShard[]): HeadRecord | null {
  const built = shards.map(({ shard, hash }) =>
    buildChunk(BUNDLED_SOURCE_ID, shard.key, hash, shard.articles.map((a) => fromFeedArticle(a, manifest.author))),
  );
  const blocks = new Map(built.flatMap((b) => b.blocks).map((block) => [block.key, block]));
  const topicNames = new Map(manifest.topics.map((t) => [t.slug, t.name]));
  const catalog = buildCatalog(
    built.map((b) => b.chunk),
    [{ id: BUNDLED_SOURCE_ID, topicNames }],
  );
  const result = queryList(catalog, DEFAULT_PARAMS, NO_MARKS);
  const articles = articlesFrom(catalog, result.positions, (key, row) => blocks.get(key)?.rows[row]);
  if (!articles) return null;
  const { read, saved, stored } = NO_MARKS;
  return buildHead({ base: '/', catalog, result, articles, read, saved, stored, sourceTitle: manifest.title, started: [] });
}

/** The folder's head as the file's text, or null with the reason it has none. */
export function headFileText(head: HeadRecord | null): { text: string } | { reason: string } {
  if (!head) return { reason: 'the feed has no articles' };
  const text = JSON.stringify(head);
  const bytes = Buffer.byteLength(text);
  if (bytes > FOLDER_HEAD_MAX_BYTES) return { reason: `its first page is ${bytes} bytes, over the ${FOLDER_HEAD_MAX_BYTES} a reader accepts` };
  return { text };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** The head file of a folder whose manifest is `manifest` and whose shard files are under `root`. */
export function folderHeadFile(manifest: FeedManifest, root: string): { text: string } | { reason: string } {
  const shards = manifest.shards.map((ref): HeadShard => {
    const articles = readOwnShard(readFileSync(path.join(root, ref.href)), ref.href, ref.hash);
    return { shard: { format: SHARD_FORMAT, version: COLUMN_SHARD_VERSION, key: ref.key, articles }, hash: ref.hash };
  });
  return headFileText(folderHead(manifest, shards));
}

/** Puts the head file into `folder`, or removes a previous one when there is none. Returns a line for the build's summary. */
export function placeHeadFile(folder: string, file: { text: string } | { reason: string }): string {
  const target = path.join(folder, FOLDER_HEAD_FILE);
  if ('reason' in file) {
    rmSync(target, { force: true });
    return `no ${FOLDER_HEAD_FILE}: ${file.reason}`;
  }
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, file.text);
  renameSync(temp, target);
  return `${FOLDER_HEAD_FILE} ${(Buffer.byteLength(file.text) / 1024).toFixed(1)} KB`;
}

/** Writes `head.json` into a built feed folder, from its manifest and shards as written. Returns a line for the build's summary. */
export function writeFolderHead(folder: string): string {
  const manifest = parseManifest(readJson(path.join(folder, 'manifest.json')));
  return placeHeadFile(folder, folderHeadFile(manifest, folder));
}
