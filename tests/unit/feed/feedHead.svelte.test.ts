import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutFeed, writeFeed } from '../../../cli/feedFiles';
import { folderHead, headFileText, writeFolderHead } from '../../../cli/feedHead';
import type { FeedArticle } from '../../../src/lib/feed/folder';
import { readShard } from '../../../src/lib/feed/shard';
import { syncFolder } from '../../../src/lib/ingest/folder';
import { FOLDER_HEAD_MAX_BYTES, readHeadRecord, type HeadRecord } from '../../../src/lib/model/head';
import { BUNDLED_SOURCE_ID } from '../../../src/lib/model/source';
import type { BodySource } from '../../../src/lib/queries/body';
import { HeadKeeper, headSourcesOf } from '../../../src/lib/state/headKeeper';
import { Library } from '../../../src/lib/state/library.svelte';
import { Reading } from '../../../src/lib/state/reading.svelte';
import { FOLDER_URL, folderInfo, serveFolder } from '../helpers/searchFeed';
import { openTestDb } from '../helpers/testDb';
import { until } from '../helpers/until';

/** Fourteen posts over two months and one undated: more than a page, topics past four, no author, a cut summary. */
function entries() {
  const topics = ['rust', 'go', 'wasm', 'css', 'html', 'vector-databases'];
  return Array.from({ length: 15 }, (_, i) => {
    const article: Omit<FeedArticle, 'body'> = {
      id: `p${i}`, slug: `p${i}`, url: `https://blog.test/p${i}/`, title: `Post ${i}`,
      date: i === 14 ? null : `2026-0${i < 7 ? 3 : 2}-${String(20 - i).padStart(2, '0')}T08:00:00+02:00`,
      topics: topics.slice(i % 3, i % 3 + 2 + (i % 5)), author: i % 2 ? null : 'Bo',
      summary: `What post ${i} says`, summaryTruncated: i === 1, words: 100 + i, readingMinutes: 1 + (i % 4),
    };
    return { article, bodyHtml: `<p>Body ${i}</p>` };
  });
}

const info = { ...folderInfo, title: 'Field Notes', topics: [{ slug: 'vector-databases', name: 'Vector Databases', count: 3 }, { slug: 'css', name: 'CSS', count: 5 }] };


const noBodies: BodySource = { current: async () => null, load: () => Promise.reject(new Error('no bodies here')) };

/** The head the app itself keeps after its first sync of the folder, as the bundled source. */
async function appHead(feed: ReturnType<typeof layoutFeed>): Promise<HeadRecord> {
  const db = openTestDb();
  let saved: HeadRecord | null = null;
  const library = new Library(db);
  const reading = new Reading(db, noBodies);
  const keeper = new HeadKeeper(
    headSourcesOf(library, reading, BUNDLED_SOURCE_ID),
    '/',
    (record) => {
      saved = record;
    },
  );
  const stop = $effect.root(() => {
    $effect(() => {
      keeper.observe();
      return () => keeper.stop();
    });
  });
  try {
    await syncFolder(db, { id: BUNDLED_SOURCE_ID, kind: 'folio', feedUrl: FOLDER_URL }, serveFolder(feed).env);
    const stored = () => readHeadRecord(saved);
    await until(() => stored()?.sourceTitle === 'Field Notes' && stored()?.total === 15);
    return stored() as HeadRecord;
  } finally {
    stop();
  }
}

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('a feed folder’s head.json', () => {
  it('is the head record the app keeps after syncing the folder, for a reader with no marks', async () => {
    const feed = layoutFeed(entries(), info);
    dir = mkdtempSync(path.join(os.tmpdir(), 'folio-head-'));
    writeFeed(dir, feed);
    expect(writeFolderHead(dir)).toMatch(/^head\.json \d+\.\d KB$/);
    const written = readHeadRecord(JSON.parse(readFileSync(path.join(dir, 'head.json'), 'utf8')));
    expect(written?.cards).toHaveLength(10);
    expect(written?.cards.some((card) => card.moreTopics.length > 0)).toBe(true);
    expect(written).toEqual(await appHead(feed));
  });

  it('is not written past the size a reader accepts, and a previous one is removed', () => {
    const feed = layoutFeed(entries(), info);
    dir = mkdtempSync(path.join(os.tmpdir(), 'folio-head-'));
    writeFeed(dir, feed);
    const head = folderHead(feed.manifest, feed.manifest.shards.map((ref) => ({ shard: readShard(JSON.parse(String(feed.files.get(ref.href))), ref), hash: ref.hash }))) as HeadRecord;
    expect('text' in headFileText(head)).toBe(true);
    const huge = { ...head, cards: head.cards.map((card) => ({ ...card, summary: 'x'.repeat(FOLDER_HEAD_MAX_BYTES / 8) })) };
    expect(headFileText(huge)).toEqual({ reason: expect.stringMatching(/over the 65536 a reader accepts/) });
    expect(headFileText(null)).toEqual({ reason: 'the feed has no articles' });

    writeFileSync(path.join(dir, 'head.json'), 'stale');
    const empty = layoutFeed([], info);
    writeFeed(dir, empty);
    expect(writeFolderHead(dir)).toBe('no head.json: the feed has no articles');
    expect(existsSync(path.join(dir, 'head.json'))).toBe(false);
  });
});
