// The raw IndexedDB baseline, evaluated in a page of the app's origin. `load` fetches the feed's
// shards and turns their articles into the same metadata records the app stores (not timed as part
// of the baseline); `insert` writes them with the plain IndexedDB API in one transaction, no Dexie,
// into a new database whose store is keyed by `key` with indexes on sourceId, date and topics.
window.__folioBaseline = {
  records: [],

  async load({ feedUrl, sourceId }) {
    const t0 = performance.now();
    const manifest = await (await fetch(new URL('manifest.json', feedUrl), { cache: 'no-cache' })).json();
    const shards = await Promise.all(manifest.shards.map(async (ref) => ({ ref, shard: await (await fetch(new URL(ref.href, feedUrl))).json() })));
    const records = [];
    for (const { ref, shard } of shards) {
      for (const a of shard.version === 2 ? expandColumns(shard) : shard.articles) {
        const date = a.date === null ? null : Date.parse(a.date);
        records.push({
          key: `${sourceId}/${a.id}`,
          sourceId,
          id: a.id,
          slug: a.slug,
          url: a.url,
          title: a.title,
          date: date === null || Number.isNaN(date) ? null : date,
          topics: a.topics,
          author: a.author ?? manifest.author,
          summary: a.summary,
          summaryTruncated: a.summaryTruncated,
          words: a.words,
          readingMinutes: a.readingMinutes,
          bodyHref: a.body?.href ?? null,
          bodyHash: a.body?.hash ?? null,
          bodyBytes: a.body?.bytes ?? 0,
          shard: `${sourceId}/${ref.key}`,
        });
      }
    }
    this.records = records;
    return { records: records.length, fetchMs: performance.now() - t0 };
  },

  async insert({ dbName }) {
    const records = this.records;
    const t0 = performance.now();
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(dbName, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore('articles', { keyPath: 'key' });
        store.createIndex('sourceId', 'sourceId');
        store.createIndex('date', 'date');
        store.createIndex('topics', 'topics', { multiEntry: true });
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('articles', 'readwrite');
      const store = tx.objectStore('articles');
      for (const r of records) store.put(r);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
    const insertMs = performance.now() - t0;
    db.close();
    await new Promise((resolve, reject) => {
      const del = indexedDB.deleteDatabase(dbName);
      del.onsuccess = resolve;
      del.onerror = () => reject(del.error);
    });
    return { insertMs };
  },
};

// A columnar (version 2) shard's rows, as src/lib/feed/shardColumns.ts reads them, without its checks:
// the benchmark serves its own feeds.
function expandColumns(shard) {
  const c = shard.columns;
  const sparse = (name, i) => (c[name] && i in c[name] ? c[name][i] : undefined);
  return c.id.map((id, i) => {
    const slug = sparse('slug', i) ?? id;
    const body = c.body[i];
    return {
      id,
      slug,
      url: sparse('url', i) ?? (shard.urlTemplate ? shard.urlTemplate.replaceAll('{slug}', () => slug) : ''),
      title: c.title[i],
      date: c.date[i],
      topics: c.topics[i].map((t) => shard.topics[t]),
      author: c.author[i] === null ? null : shard.authors[c.author[i]],
      summary: c.summary[i],
      summaryTruncated: c.summaryTruncated?.[i] === 1,
      words: c.words[i],
      readingMinutes: sparse('readingMinutes', i) ?? Math.floor((c.words[i] + 212) / 213),
      body: body ? { href: sparse('bodyHref', i) ?? `bodies/${id}.${body[0]}.html`, hash: body[0], bytes: body[1] } : null,
    };
  });
}
