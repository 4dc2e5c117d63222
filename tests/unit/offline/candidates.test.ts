import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type ListParams } from '../../../src/lib/list/params';
import { isAvailableOffline } from '../../../src/lib/offline/available';
import { createOfflineBackend } from '../../../src/lib/offline/backend';
import { downloadCandidates } from '../../../src/lib/offline/candidates';
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
const keys = (params: ListParams | null) => downloadCandidates(catalog, params).map((i) => i.key.slice('default/'.length));
const filter = (p: Partial<ListParams>): ListParams => ({ ...DEFAULT_PARAMS, ...p });

describe('downloadCandidates', () => {
  it('covers every article with a body, newest first, when there is no filter', () => {
    expect(keys(null)).toEqual(['new-rust', 'db', 'old-rust', 'undated']);
    expect(downloadCandidates(catalog, null)[0]).toEqual({ key: 'default/new-rust', sourceId: 'default', bytes: 200, position: 0 });
  });

  it('follows the topic and date filter, and leaves link-only articles out', () => {
    expect(keys(filter({ topics: ['rust'] }))).toEqual(['new-rust', 'old-rust', 'undated']);
    expect(keys(filter({ topics: ['rust', 'db'], match: 'all' }))).toEqual(['new-rust']);
    expect(keys(filter({ from: '2024-01-01', to: '2024-12-31' }))).toEqual(['db']);
    expect(keys(filter({ topics: ['css'] }))).toEqual([]);
  });

  it('ignores offline=1, sort and paging: they do not change which articles a filter holds', () => {
    const base = keys(filter({ topics: ['rust'] }));
    expect(keys(filter({ topics: ['rust'], offline: true, sort: 'oldest', page: 3, size: 5 }))).toEqual(base);
  });
});

describe('the offline backend', () => {
  it('finds where each candidate body lives from the stored text', async () => {
    const db = openTestDb();
    await db.catalog.bulkPut(stored.chunks);
    await db.texts.bulkPut(stored.blocks);
    const items = await createOfflineBackend(db).bodyRefs(catalog, downloadCandidates(catalog, filter({ topics: ['db'] })));
    expect(items).toEqual([
      { key: 'default/new-rust', sourceId: 'default', href: 'bodies/new-rust.h1.html', hash: 'h1', bytes: 200 },
      { key: 'default/db', sourceId: 'default', href: 'bodies/db.h1.html', hash: 'h1', bytes: 300 },
    ]);
  });
});

describe('planItems', () => {
  it('sums what is not stored and counts what is', () => {
    const items = downloadCandidates(catalog, null);
    const plan = planItems([...items, items[0]!], (item) => item.key === 'default/db');
    expect(plan.queue.map((i) => i.key)).toEqual(['default/new-rust', 'default/old-rust', 'default/undated']);
    expect(plan).toMatchObject({ articles: 4, alreadyStored: 1, bytesToFetch: 350, bytesTotal: 650 });
  });
});

describe('isAvailableOffline', () => {
  it('is true exactly for the stored keys', () => {
    const stored = new Set(['default/db']);
    expect(isAvailableOffline('default/db', stored)).toBe(true);
    expect(isAvailableOffline('default/new-rust', stored)).toBe(false);
  });
});
