import { afterEach, describe, expect, it, vi } from 'vitest';
import { Reader } from '../../../src/lib/feed/reader';

afterEach(() => vi.unstubAllGlobals());

/** Counts the URLs the reader parses, by standing in for the URL class. */
function countParses(): { made: number } {
  const count = { made: 0 };
  const Real = URL;
  vi.stubGlobal(
    'URL',
    class extends Real {
      constructor(url: string | URL, base?: string | URL) {
        count.made++;
        super(url, base);
      }
    },
  );
  return count;
}

describe('Reader.webUrl', () => {
  it('keeps http(s) links and drops every other kind, wherever they come in a file', () => {
    const r = new Reader('shard.json');
    const links = [
      'https://blog.example/posts/a/',
      'javascript:alert(1)',
      'https://blog.example/posts/b/',
      'data:text/html,<script>alert(1)</script>',
      '/posts/relative/',
      'http://blog.example/plain',
      'mailto:me@blog.example',
      'https://blog.example/posts/c/?q=1#top',
    ];
    expect(links.map((link, i) => r.webUrl(link, `$.url[${i}]`, ''))).toEqual([
      'https://blog.example/posts/a/',
      '',
      'https://blog.example/posts/b/',
      '',
      '',
      'http://blog.example/plain',
      '',
      'https://blog.example/posts/c/?q=1#top',
    ]);
    expect(r.webUrl(null, '$.homepage', null)).toBeNull();
  });

  it('parses one link of a site, and takes the rest of its links by their start', () => {
    const count = countParses();
    const r = new Reader('shard.json');
    const urls = Array.from({ length: 200 }, (_, i) => `https://blog.example/posts/${i}-a slug with spaces/`);
    expect(urls.map((url) => r.webUrl(url, '$.url', ''))).toEqual(urls);
    expect(count.made).toBe(1);
  });

  it('still parses a link whose start is not written as the parser writes it, and drops a bad host behind it', () => {
    const count = countParses();
    const r = new Reader('shard.json');
    // Extra slashes are skipped by the parser: the host is read after them, so each link is parsed.
    expect(r.webUrl('https:///blog.example/a', '$.url', '')).toBe('https:///blog.example/a');
    expect(r.webUrl('https:///bad host/b', '$.url', '')).toBe('');
    expect(r.webUrl('HTTPS://BLOG.example/c', '$.url', '')).toBe('HTTPS://BLOG.example/c');
    expect(r.webUrl('https://blog.example:99999/d', '$.url', '')).toBe('');
    expect(count.made).toBe(4);
  });
});
