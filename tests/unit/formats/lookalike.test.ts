import { describe, expect, it } from 'vitest';
import { buildPost } from '../../../src/lib/feed/hugo/post';
import { readFeed, normalizeParsedFeed } from '../../../src/lib/feed/formats/toFolio';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import type { ParsedArticle, ParsedFeed } from '../../../src/lib/feed/formats/types';
import { MAX_TOPICS_PER_ARTICLE } from '../../../src/lib/feed/limits';

const TAGS = ['ru\u200Bst', 'rust\uFE0F', 'Rust', 'ｒｕｓｔ', 'r\u0443st'];
const TITLE = '\u202Eevil\u202C ti\u200Btle\u2066';
const AUTHOR = 'Ja\u200Dne\u061C';
const SUMMARY = 'A sum\u200Emary\u{E0020}.';

const rss = `<rss version="2.0"><channel><title>R</title><item><guid>https://r.example/1</guid><title>${TITLE}</title>
<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">${AUTHOR}</dc:creator><description>${SUMMARY}</description>
${TAGS.map((t) => `<category>${t}</category>`).join('')}</item></channel></rss>`;
const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:1</id><title>${TITLE}</title>
<author><name>${AUTHOR}</name></author><summary>${SUMMARY}</summary>${TAGS.map((t) => `<category term="${t}"/>`).join('')}</entry></feed>`;
const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1', title: 'J',
  items: [{ id: '1', title: TITLE, authors: [{ name: AUTHOR }], summary: SUMMARY, tags: TAGS }],
});
const hugoIndex = JSON.stringify([{ title: TITLE, permalink: 'https://h.example/p/', author: AUTHOR, summary: SUMMARY, tags: TAGS, content: 'x' }]);

describe('look-alike text is cleaned the same way in every format', () => {
  it.each([['rss', rss], ['atom', atom], ['json feed', jsonFeed], ['hugo index', hugoIndex]])('%s', (_name, text) => {
    const feed = readFeed(text, { url: 'https://x.example/feed' });
    const [a] = feed.articles;
    expect(a?.title).toBe('evil title');
    expect(a?.author).toBe('Jane');
    expect(a?.summary).toBe('A summary.');
    expect(a?.topics).toEqual(['rust', 'r\u0443st']);
    expect(feed.topics.map((t) => t.name)).toEqual(['Rust', 'r\u0443st (mixed scripts)']);
  });

  it('in Hugo posts too', () => {
    const post = `---\ntitle: "${TITLE}"\nauthor: "${AUTHOR}"\ntags: [${TAGS.map((t) => JSON.stringify(t)).join(', ')}]\n---\nBody.\n`;
    const built = buildPost('p.md', post, { baseUrl: 'https://h.example/', section: 'posts', author: null });
    if (built.kind !== 'article') throw new Error(built.kind);
    expect([built.article.title, built.article.author, built.article.topics]).toEqual(['evil title', 'Jane', ['rust', 'r\u0443st']]);
  });
});

describe('topics and ids in feeds', () => {
  it('keeps the first 50 of 100,000 topics on one item, with a warning', () => {
    const cats = Array.from({ length: 100_000 }, (_, i) => `<category>t${i}</category>`).join('');
    const parsed = parseFeed(`<rss version="2.0"><channel><title>R</title><item><guid>g</guid><title>t</title>${cats}</item></channel></rss>`);
    expect(parsed.articles[0]?.topics).toHaveLength(MAX_TOPICS_PER_ARTICLE);
    expect(parsed.warnings.join(' ')).toMatch(/100000 topics; kept the first 50/);
  });

  it('makes a hand-built feed sane: safe unique ids (newest copy kept), normalised unique topics', () => {
    const article = (id: string, date: string | null, topics: string[]): ParsedArticle => ({
      id, slug: id || 'x', url: '', title: id || 'x', date, topics, author: null, summary: '', summaryTruncated: false,
      words: 0, readingMinutes: 0, topicNames: {}, bodyHtml: null,
    });
    const parsed: ParsedFeed = {
      title: 'T', description: '', homepage: null, author: null, language: null, warnings: [],
      articles: [article('a', '2020-01-01', ['x', 'x', 'X']), article('a', '2024-01-01', []), article('..', null, []), article('', null, [])],
    };
    const feed = normalizeParsedFeed(parsed);
    expect(feed.articles.map((a) => [a.id, a.date?.slice(0, 4)])).toEqual([['a', '2024'], [expect.stringMatching(/^[0-9a-f]{12}$/), undefined], [expect.stringMatching(/^[0-9a-f]{12}$/), undefined]]);
    expect(feed.articles[1]?.id).not.toBe(feed.articles[2]?.id);
    expect(normalizeParsedFeed({ ...parsed, articles: [parsed.articles[0] as ParsedArticle] }).articles[0]?.topics).toEqual(['x']);
  });
});
