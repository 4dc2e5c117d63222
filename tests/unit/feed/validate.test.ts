import { describe, expect, it } from 'vitest';
import { FeedFormatError } from '../../../src/lib/feed/folderError';
import { isPlainRelative, parseManifest } from '../../../src/lib/feed/validate';
import { parseShard } from '../../../src/lib/feed/shard';

const article = (url: unknown, i = 0) => ({
  id: `a${i}`, slug: 'a', url, title: 't', date: null, topics: [], author: null, summary: '', summaryTruncated: false, words: 0, readingMinutes: 0, body: null,
});
const shard = (...urls: unknown[]) => ({ format: 'folio-feed-shard', version: 1, key: 'undated', articles: urls.map((url, i) => article(url, i)) });

describe('feed folder validation keeps hostile links out of the app', () => {
  it('keeps http(s) article links and blanks any other scheme', () => {
    const urls = parseShard(
      shard('https://a.example/p/', 'http://a.example/q', 'javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', ''),
      'index/x.json',
    ).articles.map((a) => a.url);
    expect(urls).toEqual(['https://a.example/p/', 'http://a.example/q', '', '', '', '', '', '']);
  });

  it('still fails a link that is not a string', () => {
    expect(() => parseShard(shard(5), 'index/x.json')).toThrow(FeedFormatError);
  });

  it('drops a home page that is not http(s)', () => {
    const manifest = (homepage: unknown) =>
      parseManifest({ format: 'folio-feed', version: 1, title: 't', homepage, generatedAt: '2024-01-01T00:00:00Z', articleCount: 0, topics: [], shards: [] }).homepage;
    expect(manifest('https://a.example/')).toBe('https://a.example/');
    expect(manifest('javascript:alert(1)')).toBeNull();
    expect(manifest(null)).toBeNull();
  });

  it('refuses shard and body hrefs that resolve outside the feed folder, however they are spelt', () => {
    const manifest = (href: string) =>
      parseManifest({
        format: 'folio-feed', version: 1, title: 't', homepage: null, generatedAt: '2024-01-01T00:00:00Z', articleCount: 1, topics: [],
        shards: [{ key: 'k', href, hash: 'h', count: 1 }],
      });
    for (const bad of ['../x.json', '%2e%2e/x.json', '%2E%2E/%2e%2e/x.json', 'index/..%2f..%2fx.json'.replace('%2f', '/'), '..\\x.json', '\t/evil/x.json', '//evil.example/x.json', '/x.json', 'https://evil.example/x.json', ' javascript:alert(1)', '']) {
      expect(() => manifest(bad), bad).toThrow(/inside the feed folder/);
    }
    for (const good of ['index/k.h.json', 'index/./k.json', 'index/sub/../k.json']) expect(manifest(good).shards[0]?.href).toBe(good);
    const body = (href: string) => parseShard({ ...shard('https://a.example/'), articles: [{ ...article('https://a.example/'), body: { href, hash: 'h', bytes: 1 } }] }, 'index/x.json');
    expect(() => body('%2e%2e/%2e%2e/secret.html')).toThrow(/inside the feed folder/);
    expect(body('bodies/a.h.html').articles[0]?.body?.href).toBe('bodies/a.h.html');
  });

  it('takes the quick path only for hrefs that resolve inside the folder', () => {
    const folder = new URL('https://f.invalid/feed/');
    const inside = (href: string) => {
      const url = new URL(href, folder);
      return url.origin === folder.origin && url.pathname.startsWith(folder.pathname) && url.pathname !== folder.pathname && !/%2f|%5c/i.test(url.pathname);
    };
    const plain = ['bodies/a.h.html', 'index/2016-04.c3.json', 'search/k.abc.meta', 'a', '...', 'x/.../y', '.hidden/x', 'x/..y', 'x_y-z.json'];
    const other = ['../x', './x', 'x/./y', 'x/../y', 'x/..', '.', '..', '', 'x//y', '/x', 'x/', '%2e%2e/x', 'a%2fb', 'a\\b', 'a b', 'java:x', ' x', 'x\n', 'é.html'];
    for (const href of plain) {
      expect(isPlainRelative(href), href).toBe(true);
      expect(inside(href), href).toBe(true);
    }
    for (const href of other) expect(isPlainRelative(href), href).toBe(false);
  });
});


describe('a version 1 shard names the whole path of a problem', () => {
  const withArticle = (i: number, change: Record<string, unknown>) => {
    const three = shard('https://a.example/1', 'https://a.example/2', 'https://a.example/3');
    return { ...three, articles: three.articles.map((a, j) => (j === i ? { ...a, ...change } : a)) };
  };
  it.each([
    ['a topic that is not text', 1, { topics: ['go', 'rust', 7] }, '$.articles[1].topics[2]: expected a string'],
    ['a body href outside the folder', 2, { body: { href: '../x.html', hash: 'h', bytes: 1 } }, '$.articles[2].body.href: expected a path inside the feed folder'],
    ['a date that is not one', 0, { date: 'soon' }, '$.articles[0].date: expected an ISO 8601 date'],
    ['a reading time below 0', 2, { readingMinutes: -1 }, '$.articles[2].readingMinutes: expected a whole number ≥ 0'],
  ])('%s', (_name, i, change, message) => {
    expect(() => parseShard(withArticle(i, change), 'index/x.json')).toThrow(`index/x.json: ${message}`);
  });
});
