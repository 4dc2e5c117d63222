/**
 * The hostile inputs of `npm run stress`, generated on demand (never stored in the repository).
 * A case is served three ways where it applies: a feed document by URL, the same bytes as a file,
 * and a Folio feed folder whose manifest points at the hostile shard or body.
 */

/** How the hostile server answers a request for a case's bytes. */
export type Delivery =
  | { kind: 'bytes'; contentType: string; make: () => Buffer }
  /** No length given: the body streams out in chunks, `total` bytes in all (Infinity: never ends). */
  | { kind: 'stream'; contentType: string; head: string; chunk: string; tail: string; total: number }
  /** One byte a second, forever. */
  | { kind: 'trickle'; contentType: string }
  /** Each answer redirects to the next address, forever. */
  | { kind: 'redirect-loop' };

export interface StressCase {
  name: string;
  /** What the feed document (and file) holds. */
  document: Delivery;
  /** The shard file of the feed-folder variant; null when the case has no folder form. */
  shard: Delivery | null;
  /** The body file the folder's first article points at, when the case is about bodies. */
  body?: () => Buffer;
  /** False for server behaviours, which no file can reproduce. */
  asFile: boolean;
  /** After a successful add, open the first article (the case is about its body). */
  openArticle: boolean;
}

const JSON_TYPE = 'application/feed+json';
const MB = 1024 * 1024;
const DATE = '2026-01-15T10:00:00Z';

function jsonFeed(items: object[]): Buffer {
  return Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Stress feed', home_page_url: 'https://stress.example/', items }));
}

function feedItem(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, url: `https://stress.example/${id}/`, title: `Post ${id}`, date_published: DATE, content_html: '<p>Hello.</p>', ...extra };
}

function folderArticle(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, slug: id, url: `https://stress.example/${id}/`, title: `Post ${id}`, date: DATE, topics: ['notes'], author: null,
    summary: `About ${id}.`, summaryTruncated: false, words: 100, readingMinutes: 1,
    body: { href: `bodies/${id}.h.html`, hash: 'h', bytes: 100 }, ...extra,
  };
}

function shardOf(articles: object[]): Buffer {
  return Buffer.from(JSON.stringify({ format: 'folio-feed-shard', version: 1, key: '2026-01', articles }));
}

const bytes = (make: () => Buffer, contentType = JSON_TYPE): Delivery => ({ kind: 'bytes', contentType, make });

const deepBody = (): string => '<div>'.repeat(10_000) + 'deep' + '</div>'.repeat(10_000);
const manyParagraphs = (): string => '<p>A short paragraph.</p>'.repeat(200_000);

/** Tiny JSON Feed items after a head; a stream of them runs past any limit. */
const TINY_HEAD = '{"version":"https://jsonfeed.org/version/1.1","title":"Tiny items","items":[{"id":0}';
const tinyItems = (count: number): Buffer => {
  const parts: string[] = [TINY_HEAD];
  for (let i = 1; i < count; i++) parts.push(`,{"id":${i}}`);
  parts.push(']}');
  return Buffer.from(parts.join(''));
};

export const CASES: StressCase[] = [
  {
    name: '19 MB single title',
    document: bytes(() => jsonFeed([feedItem('huge', { title: 'A'.repeat(19 * MB) }), feedItem('plain')])),
    shard: bytes(() => shardOf([folderArticle('huge', { title: 'A'.repeat(19 * MB) }), folderArticle('plain')])),
    asFile: true,
    openArticle: false,
  },
  {
    name: '100,000 topics on one article',
    document: bytes(() => jsonFeed([feedItem('tags', { tags: Array.from({ length: 100_000 }, (_, i) => `topic ${i}`) })])),
    shard: bytes(() => shardOf([folderArticle('tags', { topics: Array.from({ length: 100_000 }, (_, i) => `topic-${i}`) })])),
    asFile: true,
    openArticle: false,
  },
  {
    name: 'body nested 10,000 elements deep',
    document: bytes(() => jsonFeed([feedItem('deep', { content_html: deepBody() })])),
    shard: bytes(() => shardOf([folderArticle('deep')])),
    body: () => Buffer.from(deepBody()),
    asFile: true,
    openArticle: true,
  },
  {
    name: 'body of 200,000 paragraphs',
    document: bytes(() => jsonFeed([feedItem('long', { content_html: manyParagraphs() })])),
    shard: bytes(() => shardOf([folderArticle('long')])),
    body: () => Buffer.from(manyParagraphs()),
    asFile: true,
    openArticle: true,
  },
  {
    name: 'feed of 1,000,000 tiny items',
    document: bytes(() => tinyItems(1_000_000)),
    // A folder shard of a million minimal articles is ~150 MB: it streams until the limit cuts it.
    shard: { kind: 'stream', contentType: 'application/json', head: '{"format":"folio-feed-shard","version":1,"key":"2026-01","articles":[', chunk: JSON.stringify(folderArticle('tiny')).concat(','), tail: ']}', total: 1_000_000 * 230 },
    asFile: true,
    openArticle: false,
  },
  {
    name: '60 MB feed',
    document: bytes(() => jsonFeed([feedItem('big', { content_html: `<p>${'x'.repeat(60 * MB)}</p>` })])),
    shard: bytes(() => shardOf([folderArticle('big', { summary: 'x'.repeat(60 * MB) })])),
    asFile: true,
    openArticle: false,
  },
  {
    name: 'server sends one byte a second',
    document: { kind: 'trickle', contentType: JSON_TYPE },
    shard: { kind: 'trickle', contentType: 'application/json' },
    asFile: false,
    openArticle: false,
  },
  {
    name: 'endless response',
    document: { kind: 'stream', contentType: JSON_TYPE, head: TINY_HEAD, chunk: ',{"id":1}'.repeat(1000), tail: '', total: Infinity },
    shard: { kind: 'stream', contentType: 'application/json', head: '{"format":"folio-feed-shard","version":1,"key":"2026-01","articles":[', chunk: JSON.stringify(folderArticle('x')).concat(','), tail: '', total: Infinity },
    asFile: false,
    openArticle: false,
  },
  {
    name: 'redirect loop',
    document: { kind: 'redirect-loop' },
    shard: { kind: 'redirect-loop' },
    asFile: false,
    openArticle: false,
  },
];

/** The manifest of a case's feed folder: one shard, served by the hostile server. */
export function manifestFor(shardHref: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'folio-feed', version: 1, title: 'Stress folder', description: '', homepage: 'https://stress.example/', language: 'en',
      author: null, generatedAt: DATE, articleCount: 1, topics: [], shards: [{ key: '2026-01', href: shardHref, hash: 'stress', count: 1 }],
    }),
  );
}

export const caseSlug = (c: StressCase): string => c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
