import { describe, expect, it } from 'vitest';
import { readCase, type Outcome } from '../../corpus/check';
import { fileCases } from '../../corpus/index';

const cases = new Map(fileCases().map((c) => [c.name, c.text]));

function parsed(name: string): Extract<Outcome, { kind: 'parsed' }> {
  const text = cases.get(`files/${name}`);
  if (text === undefined) throw new Error(`no corpus case ${name}`);
  const outcome = readCase(text);
  if (outcome.kind !== 'parsed') throw new Error(outcome.error.message);
  return outcome;
}

describe('what the hostile corpus cases are read as', () => {
  it('wrapped Hugo indexes, with their next page', () => {
    expect(parsed('hugo/wrapped-articles-next.parse.json').feed.articles).toHaveLength(2);
    expect(parsed('hugo/wrapped-posts.parse.json').feed.title).toBe('Wrapped');
    expect(parsed('hugo/wrapped-items-index-shaped.parse.json').feed.articles.map((a) => a.url)).toEqual([
      'https://corpus.example/posts/2/',
      'https://corpus.example/posts/1/',
    ]);
    expect(parsed('hugo/wrapped-next-javascript.parse.json').warnings.join(' ')).toMatch(/does not resolve to an http/);
  });

  it('list and taxonomy pages skipped, in Hugo indexes and RSS', () => {
    expect(parsed('hugo/list-and-taxonomy-pages.parse.json').feed.articles.map((a) => a.title)).toEqual(['Post 1']);
    expect(parsed('hugo/only-list-pages.parse.json').feed.articles).toEqual([]);
    expect(parsed('rss/hugo-list-pages.parse.xml').feed.articles.map((a) => a.title)).toEqual(['Real post']);
  });

  it('repeated and look-alike topics', () => {
    expect(parsed('hugo/duplicate-tags.parse.json').feed.articles[0]?.topics).toEqual(['x', 'rust']);
    expect(parsed('rss/duplicate-categories.parse.xml').feed.articles[0]?.topics).toEqual(['x', 'rust']);
    expect(parsed('atom/duplicate-categories.parse.xml').feed.articles[0]?.topics).toEqual(['x']);
    expect(parsed('jsonfeed/duplicate-tags.parse.json').feed.articles[0]?.topics).toEqual(['x', 'xx']);
    expect(parsed('jsonfeed/many-tags-one-item.parse.json').feed.articles[0]?.topics).toHaveLength(50);
  });

  it('bidi and invisible characters', () => {
    for (const name of ['hugo/bidi-invisible.parse.json', 'rss/bidi-invisible.parse.xml', 'atom/bidi-invisible.parse.xml', 'jsonfeed/bidi-invisible.parse.json']) {
      const { feed } = parsed(name);
      expect(feed.articles[0]?.topics, name).toContain('r\u0443st');
      expect(feed.topics.find((t) => t.slug === 'r\u0443st')?.name, name).toMatch(/\(mixed scripts\)$/);
    }
    expect(parsed('hugo/bidi-invisible.parse.json').feed.articles[0]).toMatchObject({ title: 'gnp.exe Invoice', author: 'Jane' });
  });

  it('ids that cannot be opened, and repeated ids (the first in the feed kept)', () => {
    const ids = parsed('jsonfeed/ids-dots-and-empty.parse.json').feed.articles.map((a) => a.id);
    expect(ids).toHaveLength(6);
    for (const id of ids) expect(['', '.', '..']).not.toContain(id);
    expect(parsed('rss/duplicate-guids-first-kept.parse.xml').feed.articles.map((a) => a.title)).toEqual(['old']);
  });

  it('UTF-16 without a byte-order mark', () => {
    expect(parsed('other/utf16le-jsonfeed-no-bom.parse.json').feed.articles[0]?.title).toBe('Café');
    expect(parsed('other/utf16be-hugo-index-no-bom.parse.json').feed.articles).toHaveLength(1);
    // CJK text has few NUL bytes: it is read by its script in one byte order.
    expect(parsed('other/utf16le-cjk-jsonfeed-no-bom.parse.json').feed.articles[0]?.title).toBe('最初の記事');
    expect(parsed('other/utf16be-cjk-rss-no-bom.parse.xml').feed.title).toBe('한국어 블로그');
  });
});
