import { describe, expect, it } from 'vitest';
import { buildPost, fileStem, type BuiltArticle, type SiteInfo } from '../../../src/lib/feed/hugo/post';

const SITE: SiteInfo = { baseUrl: 'https://blog.example', section: 'posts', author: 'Site Author' };

function article(file: string, text: string, site: SiteInfo = SITE): BuiltArticle {
  const result = buildPost(file, text, site);
  if (result.kind !== 'article') throw new Error(`expected an article, got ${JSON.stringify(result)}`);
  return result;
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe('buildPost', () => {
  it('builds the article fields from front matter and body', () => {
    const text = [
      '---',
      'title: "  Tips &amp; Tricks  "',
      'date: 2026-04-03T23:01:12+02:00',
      'draft: false',
      'tags: ["Distributed Systems", "distributed-systems", "Go"]',
      'categories: ["ignored"]',
      '---',
      '',
      'Some **body** text.',
      '',
    ].join('\n');
    const { article: a, bodyHtml, topicNames, recovered, warnings } = article('2026-04-03-Tips.md', text);
    expect(a).toEqual({
      id: '2026-04-03-tips',
      slug: '2026-04-03-Tips',
      url: 'https://blog.example/posts/2026-04-03-tips/',
      title: 'Tips & Tricks',
      date: '2026-04-03T21:01:12.000Z',
      dateOffset: 120,
      topics: ['distributed-systems', 'go'],
      author: 'Site Author',
      summary: 'Some body text.',
      summaryTruncated: false,
      words: 3,
      readingMinutes: 1,
    });
    expect(bodyHtml).toBe('<p>Some <strong>body</strong> text.</p>\n');
    expect(topicNames).toEqual([
      { slug: 'distributed-systems', name: 'Distributed Systems' },
      { slug: 'go', name: 'Go' },
    ]);
    expect(recovered).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('skips drafts', () => {
    expect(buildPost('d.md', '---\ntitle: D\ndraft: true\n---\nx\n', SITE)).toEqual({ kind: 'draft' });
  });

  it('reports a broken file with its line', () => {
    expect(buildPost('bad.md', '---\ntitle: "x\ndate: 1\n---\n', SITE)).toMatchObject({
      kind: 'skipped',
      file: 'bad.md',
      line: 2,
    });
  });

  it('honours slug, author (list), comma tags, summary and an explicit url', () => {
    const text = '---\ntitle: T\nslug: Custom Slug\nauthor: ["Ann", "Bob"]\ntags: "a, B c ,"\nsummary: "Short *one*"\n---\nLong body.\n';
    const a = article('x.md', text).article;
    expect(a.slug).toBe('Custom Slug');
    expect(a.id).toBe('custom-slug');
    expect(a.url).toBe('https://blog.example/posts/custom-slug/');
    expect(a.author).toBe('Ann');
    expect(a.topics).toEqual(['a', 'b-c']);
    expect(a.summary).toBe('Short one');
    expect(a.summaryTruncated).toBe(true);
    expect(article('y.md', '---\ntitle: T\nurl: /elsewhere/y/\n---\nx\n').article.url).toBe('https://blog.example/elsewhere/y/');
  });

  it('truncates a long body after the paragraph reaching 70 words', () => {
    const a = article('long.md', `---\ntitle: L\n---\n${words(50)}\n\n${words(30)}\n\n${words(10)}\n`).article;
    expect(a.summaryTruncated).toBe(true);
    expect(a.summary.split(' ')).toHaveLength(80);
    expect(a.words).toBe(90);
  });

  it('uses a <!--more--> divider for the summary', () => {
    const a = article('m.md', '---\ntitle: M\n---\nLead.\n\n<!--more-->\n\nRest of it.\n').article;
    expect(a.summary).toBe('Lead.');
    expect(a.summaryTruncated).toBe(true);
  });

  it('carries no body for a link post and uses its given figures', () => {
    const text = '---\ntitle: Elsewhere\nurl: https://other.example/p/\nwords: 1200\nreadingMinutes: 7\nsummary: About it.\n---\n\n';
    const built = article('link.md', text);
    expect(built.bodyHtml).toBeNull();
    expect(built.article).toMatchObject({ url: 'https://other.example/p/', words: 1200, readingMinutes: 7, summary: 'About it.', summaryTruncated: false });
    expect(article('l2.md', '---\ntitle: E\nurl: https://o.example/\nwords: 500\n---\n').article.readingMinutes).toBe(3);
  });

  it('keeps an undated article with a warning on its date line', () => {
    const built = article('u.md', '---\ntitle: U\ndate: someday\n---\nx\n');
    expect(built.article.date).toBeNull();
    expect(built.warnings).toEqual([{ line: 3, message: 'unrecognised date "someday"; the article is undated' }]);
    expect(article('z.md', '---\ntitle: Z\ndate: 0001-01-01\n---\nx\n').warnings).toEqual([]);
  });

  it('falls back to a null author without a site author', () => {
    expect(article('n.md', '---\ntitle: N\n---\nx\n', { ...SITE, author: null }).article.author).toBeNull();
  });
});

describe('fileStem', () => {
  it('names a page bundle by its folder', () => {
    expect(fileStem('2026/my-post/index.md')).toBe('my-post');
    expect(fileStem('a/b.markdown')).toBe('b');
  });
});
