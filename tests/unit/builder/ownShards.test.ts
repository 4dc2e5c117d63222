import { describe, expect, it } from 'vitest';
import { hash16, shardFile } from '../../../cli/feedFiles';
import { readOwnShard } from '../../../cli/ownShards';
import { parseShard } from '../../../src/lib/feed/shard';
import { article } from '../helpers/fakeFeed';

const articles = [
  // Every derivable field as the columns derive it.
  article('plain', '2026-04-03T10:00:00Z', ['go', 'rust'], { url: 'https://blog.test/posts/plain/', readingMinutes: 2, body: { href: 'bodies/plain.h1.html', hash: 'h1', bytes: 20 } }),
  // Every one written out: a slug, URL, offset, reading time and body file the patterns do not give.
  article('odd', '2026-04-02T10:00:00+02:00', ['go'], {
    slug: 'odd-slug',
    url: 'https://elsewhere.test/odd',
    dateOffset: 120,
    readingMinutes: 9,
    author: 'Ada',
    summaryTruncated: true,
    body: { href: 'bodies/other.h2.html', hash: 'h2', bytes: 99 },
  }),
  article('link', null, [], { body: null, words: 0, readingMinutes: 0, author: 'Ada' }),
];

describe("the builder's own shards", () => {
  it('decode to the records the full reader gives', () => {
    const bytes = shardFile('2026-04', articles);
    const own = readOwnShard(bytes, 'index/2026-04.x.json', hash16(bytes));
    const full = parseShard(JSON.parse(bytes.toString('utf8')), 'index/2026-04.x.json').articles;
    expect(JSON.stringify(own)).toBe(JSON.stringify(full));
    expect(own[1]).toMatchObject({ slug: 'odd-slug', dateOffset: 120, readingMinutes: 9, summaryTruncated: true, body: { href: 'bodies/other.h2.html' } });
  });

  it('are read in full when their bytes are not the ones their hash names', () => {
    const edited = Buffer.from(shardFile('2026-04', articles).toString('utf8').replace('Title plain', 'Title\\u0000 plain'));
    const read = readOwnShard(edited, 'index/2026-04.x.json', hash16(shardFile('2026-04', articles)));
    // The full reader cleans the control character the decoder would have kept.
    expect(read[0]?.title).toBe(parseShard(JSON.parse(edited.toString('utf8')), 'x').articles[0]?.title);
    expect(read[0]?.title).not.toContain('\u0000');
  });
});
