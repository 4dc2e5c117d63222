// The physical floor of a first sync, evaluated in a page of the app's origin. `capture` copies what
// the app itself stored after a sync (every object store: its key path, indexes and records) out of
// the app's database; `run` then does the least work that sync could: fetch and parse every file the
// manifest lists for its shards that the app fetched (the same bytes, uncached: not the search body
// parts its size policy left on the server, see `leftOnServer`), then write exactly the captured records
// with the plain IndexedDB API in one transaction, into a new database with the same stores and
// indexes. Fetching and writing are not overlapped, so the floor is a sum and errs on the high side.
window.__folioFloor = {
  stores: [],
  /** Body parts a segment record names but does not hold (src/lib/store/records.ts): not fetched by the sync. */
  leftOnServer: new Set(),

  async capture({ dbName }) {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    this.stores = await Promise.all(
      names.map(async (name) => {
        const store = tx.objectStore(name);
        const indexes = [...store.indexNames].map((i) => {
          const index = store.index(i);
          return { name: i, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
        });
        const [records, keys] = await Promise.all([request(store.getAll()), store.keyPath === null ? request(store.getAllKeys()) : null]);
        return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, records, keys };
      }),
    );
    db.close();
    this.leftOnServer = new Set(this.stores.flatMap((s) => s.records.filter((r) => r?.body === null && typeof r.bodyRef?.href === 'string').map((r) => r.bodyRef.href)));
    return { stores: this.stores.map((s) => ({ name: s.name, records: s.records.length })), leftOnServer: this.leftOnServer.size };
  },

  async run({ feedUrl, dbName }) {
    const t0 = performance.now();
    const get = async (href) => {
      const response = await fetch(new URL(href, feedUrl), { cache: 'no-store' });
      if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
      return /\.json($|\?)/.test(href) ? response.json() : response.arrayBuffer();
    };
    const manifest = await get('manifest.json');
    // Every file a shard reference names (the shard, and any index parts listed with it).
    const hrefs = manifest.shards.flatMap((ref) => {
      const out = [];
      const walk = (value) => {
        if (value === null || typeof value !== 'object') return;
        for (const [k, v] of Object.entries(value)) if (k === 'href' && typeof v === 'string') out.push(v);
        else walk(v);
      };
      walk(ref);
      return out.filter((href) => !this.leftOnServer.has(href));
    });
    const files = await Promise.all(hrefs.map(get));
    const fetchMs = performance.now() - t0;

    const t1 = performance.now();
    const stores = this.stores;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(dbName, 1);
      open.onupgradeneeded = () => {
        for (const s of stores) {
          const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
          for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique });
        }
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const written = stores.filter((s) => s.records.length > 0);
    let records = 0;
    if (written.length > 0) {
      await new Promise((resolve, reject) => {
        // The app's own durability (store/FolioDb.ts): a commit does not wait for the disk to flush.
        const tx = db.transaction(written.map((s) => s.name), 'readwrite', { durability: 'relaxed' });
        for (const s of written) {
          const store = tx.objectStore(s.name);
          s.records.forEach((r, i) => (s.keys ? store.put(r, s.keys[i]) : store.put(r)));
          records += s.records.length;
        }
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      });
    }
    const writeMs = performance.now() - t1;
    db.close();
    await new Promise((resolve, reject) => {
      const del = indexedDB.deleteDatabase(dbName);
      del.onsuccess = resolve;
      del.onerror = () => reject(del.error);
    });
    return { fetchMs, writeMs, totalMs: fetchMs + writeMs, files: files.length + 1, records };
  },
};
