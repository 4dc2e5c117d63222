/** A shard's search segment for the feed folder: its two parts as content-hashed files. */
import { createHash } from 'node:crypto';
import type { FeedArticle, FeedBodyRef, FeedSearchRef } from '../src/lib/feed/folder';
import { htmlToWordText } from '../src/lib/feed/htmlText';
import { buildSegment, type BuildOptions, type SearchDoc, type SegmentBytes } from '../src/lib/search/build';
import type { TokenizeOptions } from '../src/lib/search/tokenize';

/**
 * The builder cannot know the id a reader gives the feed; the reader relabels the parts it stores
 * (src/lib/store/segments.ts), so this placeholder never reaches a search.
 */
export const FOLDER_SOURCE = 'feed';

/** How a folder's segments tokenise: a body whose terms are counted as its post renders is counted with these. */
export const FOLDER_TOKENIZE: TokenizeOptions = {};

/** The build options of the folder's segment for shard `key`. */
export function folderSegmentOptions(key: string): BuildOptions {
  return { ...FOLDER_TOKENIZE, source: FOLDER_SOURCE, key };
}

function file(files: Map<string, Buffer>, dir: string, key: string, part: 'meta' | 'body', bytes: Uint8Array): FeedBodyRef {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hash = createHash('sha256').update(buffer).digest('hex').slice(0, 16);
  const href = `${dir}/${key}.${hash}.${part}`;
  files.set(href, buffer);
  return { href, hash, bytes: buffer.length };
}

/**
 * Indexes a shard's articles, in shard order, as the app indexes the rows it stores: title, topics,
 * author (else the feed's), summary, and the body's plain text.
 */
export function searchSegmentFiles(
  key: string,
  articles: readonly FeedArticle[],
  bodies: ReadonlyMap<string, string>,
  defaultAuthor: string | null,
  files: Map<string, Buffer>,
): FeedSearchRef {
  const segment = buildSegment(segmentDocs(articles, bodies, defaultAuthor), folderSegmentOptions(key));
  return segmentRef(key, segment, files);
}

/** The documents of a shard's segment, in shard order. */
export function segmentDocs(articles: readonly FeedArticle[], bodies: ReadonlyMap<string, string>, defaultAuthor: string | null): SearchDoc[] {
  return articles.map((a) => segmentDoc(a, bodies.get(a.id), defaultAuthor));
}

/** An article as its segment indexes it; `html` is its body, undefined when it has none. */
export function segmentDoc(a: FeedArticle, html: string | undefined, defaultAuthor: string | null): SearchDoc {
  return { id: a.id, title: a.title, topics: a.topics, author: a.author ?? defaultAuthor, summary: a.summary, body: html === undefined ? null : htmlToWordText(html) };
}

/** A built segment's parts as content-hashed files in `dir`, added to `files`. */
export function segmentRef(key: string, segment: SegmentBytes, files: Map<string, Buffer>, dir = 'search'): FeedSearchRef {
  return {
    meta: file(files, dir, key, 'meta', segment.meta),
    body: segment.body ? file(files, dir, key, 'body', segment.body) : null,
  };
}
