import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type ListParams } from '../../../src/lib/list/params';
import { TextReader } from '../../../src/lib/catalog/texts';
import { IngestClient } from '../../../src/lib/ingest/client';
import { filterScope, type DownloadScope } from '../../../src/lib/list/scope';
import { INLINE_BODY } from '../../../src/lib/model/article';
import { downloadCandidates, estimateScope, storedInScope, toDownloadItems } from '../../../src/lib/offline/candidates';
import { createOfflineBackend } from '../../../src/lib/state/offlineBackend';
import { planItems } from '../../../src/lib/offline/plan';
import { catalogOfArticles } from '../helpers/catalog';
import { bodyArticle } from '../helpers/offline';
import { openTestDb } from '../helpers/testDb';

const day = (d: string) => Date.parse(`${d}T12:00:00Z`);
const stored = catalogOfArticles([
  bodyArticle('old-rust', { date: day('2023-05-01'), topics: ['rust'], bodyBytes: 100 }),
  bodyArticle('new-rust', { date: day('2025-02-01'), topics: ['rust', 'db'], bodyBytes: 200 }),
  bodyArticle('db', { date: day('2024-07-01'), topics: ['db'], bodyBytes: 300 }),
  bodyArticle('link-rust', { date: day('2024-01-01'), topics: ['rust'], bodyHref: null, bodyHash: null, bodyBytes: 0 }),
  bodyArticle('undated', { date: null, topics: ['rust'], bodyBytes: 50 }),
]);
const { catalog } = stored;
const ALL: DownloadScope = { kind: 'all' };
const filter = (p: Partial<ListParams>): DownloadScope => filterScope({ ...DEFAULT_PARAMS, ...p });
const keys = (scope: DownloadScope) => downloadCandidates(catalog, scope).map((i) => i.key.slice('default/'.length));

describe('downloadCandidates', () => {
  it('covers every article with a body, newest first, when there is no filter', () => {
    expect(keys(ALL)).toEqual(['new-rust', 'db', 'old-rust', 'undated']);
    expect(downloadCandidates(catalog, ALL)[0]).toEqual({ key: 'default/new-rust', sourceId: 'default', bytes: 200, position: 0 });
  });

  it('follows the topic and date filter, and leaves link-only articles out', () => {
    expect(keys(filter({ topics: ['rust'] }))).toEqual(['new-rust', 'old-rust', 'undated']);
    expect(keys(filter({ topics: ['rust', 'db'], match: 'all' }))).toEqual(['new-rust']);
    expect(keys(filter({ from: '2024-01-01', to: '2024-12-31' }))).toEqual(['db']);
    expect(keys(filter({ topics: ['css'] }))).toEqual([]);
  });

  it('ignores offline=1, sort and paging: they do not change which articles a filter holds', () => {
    const base = downloadCandidates(catalog, { kind: 'filter', params: { ...DEFAULT_PARAMS, topics: ['rust'] } });
    const busy: DownloadScope = { kind: 'filter', params: { ...DEFAULT_PARAMS, topics: ['rust'], offline: true, sort: 'oldest', page: 3, size: 5 } };
    expect(downloadCandidates(catalog, busy)).toEqual(base);
  });
});

describe('stored copies in a scope', () => {
  const onDevice = new Set(['default/db', 'default/old-rust', 'default/elsewhere']);

  it('lists the scope\'s stored articles, and only those', () => {
    expect(storedInScope(catalog, filter({ topics: ['rust'] }), onDevice)).toEqual(['default/old-rust']);
    expect(storedInScope(catalog, ALL, onDevice)).toEqual(['default/db', 'default/old-rust']);
  });

  it('estimates what a download of the scope would fetch', () => {
    expect(estimateScope(catalog, ALL, onDevice)).toMatchObject({ articles: 4, alreadyStored: 2, bytesToFetch: 250, bytesTotal: 650 });
  });
});

describe('toDownloadItems', () => {
  it('leaves out bodies that came inside a feed document: there is no file to fetch', () => {
    const inline = bodyArticle('inline', { bodyHref: `${INLINE_BODY}inline`, bodyBytes: 10 });
    const plain = bodyArticle('plain', { bodyBytes: 20 });
    const { catalog: both } = catalogOfArticles([inline, plain]);
    const items = toDownloadItems(downloadCandidates(both, ALL), [inline, plain]);
    expect(items.map((i) => i.key)).toEqual(['default/plain']);
  });
});

describe('the offline backend', () => {
  it('finds where each candidate body lives from the stored text', async () => {
    const db = openTestDb();
    await db.catalog.bulkPut(stored.chunks);
    await db.texts.bulkPut(stored.blocks);
    const backend = createOfflineBackend(db, new IngestClient(db), new TextReader(db));
    const items = await backend.bodyRefs(catalog, downloadCandidates(catalog, filter({ topics: ['db'] })));
    expect(items).toEqual([
      { key: 'default/new-rust', sourceId: 'default', href: 'bodies/new-rust.h1.html', hash: 'h1', bytes: 200, url: 'https://blog.test/posts/new-rust/' },
      { key: 'default/db', sourceId: 'default', href: 'bodies/db.h1.html', hash: 'h1', bytes: 300, url: 'https://blog.test/posts/db/' },
    ]);
  });
});

describe('planItems', () => {
  it('sums what is not stored and counts what is', () => {
    const items = downloadCandidates(catalog, ALL);
    const plan = planItems([...items, items[0]!], (item) => item.key === 'default/db');
    expect(plan.queue.map((i) => i.key)).toEqual(['default/new-rust', 'default/old-rust', 'default/undated']);
    expect(plan).toMatchObject({ articles: 4, alreadyStored: 1, bytesToFetch: 350, bytesTotal: 650 });
  });
});
