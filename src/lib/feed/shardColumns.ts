/**
 * Columnar shards (version 2): written from full article records, and read back into records of
 * the same fields as a version 1 shard's, which validate.ts then holds to every limit. A derivable
 * value (a slug equal to the id, a URL the shard's pattern gives, Hugo's reading time, a body's
 * usual href) is written only for the rows where deriving it would give something else.
 */
import { COLUMN_SHARD_VERSION, SHARD_FORMAT, type FeedArticle, type FeedColumnShard, type SparseColumn } from './folder';
import { readingMinutes } from './normalize';
import type { Obj, Reader } from './reader';

const SLUG = '{slug}';

/** The URL a pattern gives for `slug`; a function replacement, so "$&" in a slug stays literal. */
export function expandUrl(template: string | null, slug: string): string {
  return template === null ? '' : template.replaceAll(SLUG, () => slug);
}

export const bodyHref = (id: string, hash: string): string => `bodies/${id}.${hash}.html`;

/** The pattern most of the shard's URLs follow, or null when none follows one. */
function urlTemplateOf(articles: readonly FeedArticle[]): string | null {
  const counts = new Map<string, number>();
  for (const { url, slug } of articles) {
    if (url === '' || slug === '' || !url.includes(slug)) continue;
    const template = url.split(slug).join(SLUG);
    counts.set(template, (counts.get(template) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [template, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = template;
  return best;
}

/** Index of `value` in a table built as values come. */
function indexer(): { table: string[]; index: (value: string) => number } {
  const at = new Map<string, number>();
  const table: string[] = [];
  return {
    table,
    index(value) {
      let i = at.get(value);
      if (i === undefined) {
        i = table.push(value) - 1;
        at.set(value, i);
      }
      return i;
    },
  };
}

export function encodeColumns(key: string, articles: readonly FeedArticle[]): FeedColumnShard {
  const template = urlTemplateOf(articles);
  const topics = indexer();
  const authors = indexer();
  const c: FeedColumnShard['columns'] = { id: [], title: [], date: [], topics: [], author: [], summary: [], words: [], body: [] };
  const truncated: (0 | 1)[] = [];
  const sparse = { slug: {} as SparseColumn<string>, url: {} as SparseColumn<string>, dateOffset: {} as SparseColumn<number>, readingMinutes: {} as SparseColumn<number>, bodyHref: {} as SparseColumn<string> };
  articles.forEach((a, i) => {
    c.id.push(a.id);
    c.title.push(a.title);
    c.date.push(a.date);
    c.topics.push(a.topics.map(topics.index));
    c.author.push(a.author === null ? null : authors.index(a.author));
    c.summary.push(a.summary);
    truncated.push(a.summaryTruncated ? 1 : 0);
    c.words.push(a.words);
    c.body.push(a.body ? [a.body.hash, a.body.bytes] : null);
    if (a.slug !== a.id) sparse.slug[i] = a.slug;
    if (a.url !== expandUrl(template, a.slug)) sparse.url[i] = a.url;
    if (a.dateOffset !== undefined) sparse.dateOffset[i] = a.dateOffset;
    if (a.readingMinutes !== readingMinutes(a.words)) sparse.readingMinutes[i] = a.readingMinutes;
    if (a.body && a.body.href !== bodyHref(a.id, a.body.hash)) sparse.bodyHref[i] = a.body.href;
  });
  if (truncated.includes(1)) c.summaryTruncated = truncated;
  for (const [name, column] of Object.entries(sparse)) if (Object.keys(column).length > 0) Object.assign(c, { [name]: column });
  return {
    format: SHARD_FORMAT,
    version: COLUMN_SHARD_VERSION,
    key,
    ...(template === null ? {} : { urlTemplate: template }),
    topics: topics.table,
    authors: authors.table,
    columns: c,
  };
}

export interface ColumnRows {
  /** One record per article, with the fields of a version 1 shard's article. */
  rows: Obj[];
  /** The JSON path of row `i`'s `field`. */
  at: (i: number, field: string) => string;
}

const ROW_KEY = /^(?:0|[1-9][0-9]*)$/;

/** Reads a version 2 shard's columns into rows; a column of the wrong length or shape is refused. */
export function columnRows(r: Reader, o: Obj): ColumnRows {
  const columns = r.object(o.columns, '$.columns');
  const n = r.array(columns.id, '$.columns.id').length;
  const dense = (name: string): readonly unknown[] => {
    if (columns[name] === undefined) return [];
    const list = r.array(columns[name], `$.columns.${name}`);
    if (list.length !== n) r.fail(`$.columns.${name}`, `expected ${n} values, one per id, got ${list.length}`);
    return list;
  };
  const sparse = (name: string): Map<number, unknown> => {
    const rows = new Map<number, unknown>();
    if (columns[name] === undefined || columns[name] === null) return rows;
    for (const [k, value] of Object.entries(r.object(columns[name], `$.columns.${name}`))) {
      if (!ROW_KEY.test(k) || Number(k) >= n) r.fail(`$.columns.${name}`, `${JSON.stringify(k.slice(0, 20))} is not a row: expected 0 to ${n - 1}`);
      rows.set(Number(k), value);
    }
    return rows;
  };
  const template = o.urlTemplate === undefined || o.urlTemplate === null ? null : r.string(o.urlTemplate, '$.urlTemplate');
  const topicTable = r.stringArray(o.topics ?? [], '$.topics');
  const authorTable = r.stringArray(o.authors ?? [], '$.authors');
  // Paths are made only for a message: a shard has thousands of indexes.
  const lookup = (table: string[], name: string, value: unknown, path: () => string): string => {
    const found = typeof value === 'number' ? table[value] : undefined;
    if (found === undefined || !Number.isInteger(value)) {
      r.fail(path(), table.length === 0 ? `expected no index: $.${name} is empty` : `expected an index into $.${name} (0 to ${table.length - 1})`);
    }
    return found;
  };
  const [ids, titles, dates, topics, authors, summaries, truncated, words, bodies] = [
    'id', 'title', 'date', 'topics', 'author', 'summary', 'summaryTruncated', 'words', 'body',
  ].map(dense);
  const [slugs, urls, offsets, minutes, hrefs] = ['slug', 'url', 'dateOffset', 'readingMinutes', 'bodyHref'].map(sparse);
  const sparseNames = { slug: slugs, url: urls, dateOffset: offsets, readingMinutes: minutes, bodyHref: hrefs } as Record<string, Map<number, unknown> | undefined>;
  const rows: Obj[] = [];
  for (let i = 0; i < n; i++) {
    const id = ids?.[i];
    const slug = slugs?.has(i) ? slugs.get(i) : id;
    const topicList = topics?.[i];
    const author = authors?.[i];
    const count = words?.[i];
    const row: Obj = {
      id,
      slug,
      url: urls?.has(i) ? urls.get(i) : typeof slug === 'string' ? expandUrl(template, slug) : undefined,
      title: titles?.[i],
      date: dates?.[i],
      topics: topicList === undefined ? undefined : r.array(topicList, `$.columns.topics[${i}]`).map((t, j) => lookup(topicTable, 'topics', t, () => `$.columns.topics[${i}][${j}]`)),
      author: author === null || author === undefined ? null : lookup(authorTable, 'authors', author, () => `$.columns.author[${i}]`),
      summary: summaries?.[i],
      summaryTruncated: truncated?.[i] === 1 || truncated?.[i] === true,
      words: count,
      readingMinutes: minutes?.has(i) ? minutes.get(i) : typeof count === 'number' ? readingMinutes(count) : undefined,
      body: bodyOf(r, bodies?.[i], i, id, hrefs),
    };
    if (offsets?.has(i)) row.dateOffset = offsets.get(i);
    rows.push(row);
  }
  return { rows, at: (i, field) => (sparseNames[field]?.has(i) ? `$.columns.${field}["${i}"]` : `$.columns.${field}[${i}]`) };
}

/** `[hash, bytes]` back into `{href, hash, bytes}`, for parseBody to check as any body ref. */
function bodyOf(r: Reader, value: unknown, i: number, id: unknown, hrefs: Map<number, unknown> | undefined): Obj | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value) || value.length !== 2) r.fail(`$.columns.body[${i}]`, 'expected null or [hash, bytes]');
  const hash: unknown = value[0];
  if (typeof hash !== 'string') r.fail(`$.columns.body[${i}][0]`, 'expected a string');
  const href = hrefs?.has(i) ? hrefs.get(i) : typeof id === 'string' ? bodyHref(id, hash) : undefined;
  return { href, hash, bytes: value[1] };
}
