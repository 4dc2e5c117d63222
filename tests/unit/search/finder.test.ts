import { cleanBody } from '../../../src/lib/html/clean';
import { describe, expect, it, vi } from 'vitest';
import { createSearchBackend } from '../../../src/lib/finder/backend';
import { Finder } from '../../../src/lib/finder/finder';
import { fetchMissingBodies } from '../../../src/lib/finder/onDemand';
import { packResponse, type FinderReply, type FinderRequest, type FoundHit } from '../../../src/lib/finder/protocol';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { AUTO_BODY_INDEX_BYTES, syncFolder } from '../../../src/lib/ingest/folder';
import type { FeedManifest } from '../../../src/lib/feed/folder';
import { storeBody } from '../../../src/lib/store/bodies';
import { removeSource } from '../../../src/lib/store/sources';
import { buildFolder, entry, FOLDER_URL, serveFolder } from '../helpers/searchFeed';
import { openTestDb } from '../helpers/testDb';

const source = { id: 'blog', feedUrl: FOLDER_URL };

const posts = (marchBody = 'Teams run the cluster. A quiet rollout of kubernetes jobs.') => [
  entry('m1', '2026-03-03T00:00:00Z', 'Rolling out Kubernetes', marchBody),
  entry('m2', '2026-03-02T00:00:00Z', 'Kubernetes operators', 'Writing an operator: the rollout of kubernetes controllers, slowly.'),
  entry('f1', '2026-02-02T00:00:00Z', 'Spice notes', 'Cloves and nutmeg from zanzibar, by sea.', 'A summary that mentions nutmeg'),
  // A month of link posts only: its segment has no body part, and coverage is still full.
  entry('l1', '2026-01-05T00:00:00Z', 'A link elsewhere', null),
];

async function synced(bodyIndex: 'stored' | 'remote' = 'stored') {
  const db = openTestDb();
  const feed = buildFolder(posts());
  const manifest: FeedManifest = JSON.parse(JSON.stringify(feed.manifest)) as FeedManifest;
  // Past the policy: March's body part claims to be as large as the whole allowance.
  const march = manifest.shards[0]?.search?.body;
  if (bodyIndex === 'remote' && march) march.bytes = AUTO_BODY_INDEX_BYTES;
  const served = serveFolder(feed, manifest);
  await syncFolder(db, source, served.env);
  return { db, feed, served };
}

/** The key of the article stored where each hit says it is: its chunk's source and id at its row. */
const storedAt = (db: FolioDb, places: readonly { chunk: string; row: number }[]) =>
  Promise.all(places.map(async ({ chunk, row }) => {
    const record = await db.catalog.get(chunk);
    return record ? `${record.sourceId}/${record.ids[row] ?? '?'}` : null;
  }));

describe('Finder: the search worker’s logic', () => {
  it('ranks, with keys the list knows, words found only in bodies, and full coverage', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    const kube = await finder.search({ query: 'kubernetes', limit: 10 });
    expect(kube.hits.map((h) => h.key).sort()).toEqual(['blog/m1', 'blog/m2']);
    // Each hit names its stored chunk and row, which is all that crosses to the page.
    expect(await storedAt(db, kube.hits)).toEqual(kube.hits.map((h: FoundHit) => h.key));
    expect(kube).toMatchObject({ total: 2, coverage: 'full', terms: ['kubernetes'] });
    expect((await finder.search({ query: 'zanzibar', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/f1']);
    expect((await finder.search({ query: 'kubernetes -operators', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/m1']);
    expect((await finder.search({ query: 'zanzibr', limit: 10 })).hits[0]).toMatchObject({ key: 'blog/f1', typos: 1 });
  });

  it('makes a search that comes while the index loads (readied on focus) wait for that load', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    const readying = finder.segments.refresh();
    const kube = await finder.search({ query: 'kubernetes', limit: 10 });
    await readying;
    expect(kube.hits.map((h) => h.key).sort()).toEqual(['blog/m1', 'blog/m2']);
    expect(finder.segments.coverage()).toBe('full');
  });

  it('checks phrases against the stored text, keeping unreadable bodies unless the summary rules them out', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    // Neither body is stored: both have the words, neither can be read.
    expect((await finder.search({ query: '"rollout of kubernetes"', limit: 10 })).hits).toHaveLength(2);
    await storeBody(db, 'blog/m1', 'h', cleanBody('<p>Teams run the cluster. A quiet rollout of kubernetes jobs.</p>', 'https://blog.test/'));
    await storeBody(db, 'blog/m2', 'h', cleanBody('<p>Kubernetes, then a rollout. Of what?</p>', 'https://blog.test/'));
    const phrase = await finder.search({ query: '"rollout of kubernetes"', limit: 10 });
    expect(phrase.hits.map((h) => h.key)).toEqual(['blog/m1']);
    expect(phrase.total).toBe(1);
    expect((await finder.search({ query: 'kubernetes -"rollout of kubernetes"', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/m2']);
  });

  it('cuts plain-text snippets from stored bodies only: the page cuts the rest from the summary it shows', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    const { hits, terms } = await finder.search({ query: 'nutmeg', limit: 10 });
    expect(hits.map((h) => h.key)).toEqual(['blog/f1']);
    // No stored body: nothing to cut here, and no text block is read for the summary.
    const blocks = vi.spyOn(db.texts, 'bulkGet');
    expect(await finder.snippets({ keys: ['blog/f1'], terms })).toEqual({ 'blog/f1': null });
    expect(blocks).not.toHaveBeenCalled();
    await storeBody(db, 'blog/f1', 'h', cleanBody('<p>Cloves and <b>nutmeg</b> from zanzibar, by sea. <script>alert(1)</script></p>', 'https://blog.test/'));
    const snippet = (await finder.snippets({ keys: ['blog/f1', 'blog/none'], terms }))['blog/f1'];
    expect(snippet?.text).toContain('Cloves and nutmeg from zanzibar');
    expect(snippet?.text).not.toContain('<');
    const [start, end] = snippet?.highlights[0] ?? [0, 0];
    expect(snippet?.text.slice(start, end)).toBe('nutmeg');
    expect((await finder.snippets({ keys: ['blog/none'], terms }))['blog/none']).toBeNull();
  });

  it('cuts the snippets of hits from several months in one request, each from its own stored body', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    const { hits, terms } = await finder.search({ query: 'kubernetes', limit: 10 });
    await storeBody(db, 'blog/m2', 'h', cleanBody('<p>Operators watch kubernetes objects.</p>', 'https://blog.test/'));
    await storeBody(db, 'blog/f1', 'h', cleanBody('<p>Cloves and nutmeg.</p>', 'https://blog.test/'));
    const nutmeg = await finder.search({ query: 'nutmeg', limit: 10 });
    const keys = ['blog/f1', ...hits.map((h) => h.key), 'blog/none'];
    const reads = vi.spyOn(db.bodies, 'bulkGet');
    const snippets = await finder.snippets({ keys, terms: [...terms, ...nutmeg.terms] });
    expect(Object.keys(snippets)).toEqual(keys);
    expect(snippets['blog/f1']?.text).toBe('Cloves and nutmeg.');
    expect(snippets['blog/m2']?.text).toBe('Operators watch kubernetes objects.');
    expect(snippets['blog/m1']).toBeNull();
    expect(snippets['blog/none']).toBeNull();
    // Every body comes in one read.
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('reads again only the segment of a changed shard, and drops a removed source’s', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    expect((await finder.search({ query: 'quokka', limit: 10 })).hits).toEqual([]);
    const changed = serveFolder(buildFolder(posts('A quokka among the pods, kubernetes again.')));
    await syncFolder(db, source, changed.env);
    const reads = vi.spyOn(db.segments, 'bulkGet');
    expect((await finder.search({ query: 'quokka', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/m1']);
    expect(reads.mock.calls.map(([keys]) => keys)).toEqual([['blog/2026-03']]);
    // Nothing written since: the next query reads nothing, not even the revisions.
    const revisions = vi.spyOn(db.segments, 'orderBy');
    expect((await finder.search({ query: 'zanzibar', limit: 10 })).hits).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(revisions).not.toHaveBeenCalled();
    // Another catalog named by the page: the revisions are read again (none changed).
    expect((await finder.search({ query: 'zanzibar', limit: 10, stamp: 'other' })).hits).toHaveLength(1);
    expect(revisions).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[1]?.[0]).toEqual([]);
    await removeSource(db, 'blog');
    expect((await finder.search({ query: 'zanzibar', limit: 10 })).hits).toEqual([]);
  });

  it('goes on searching when a stored part cannot be read', async () => {
    const { db } = await synced();
    const [march] = await db.segments.orderBy('key').reverse().toArray();
    await db.segments.update(march!.key, { body: new Uint8Array([0x46, 0x53, 0x49, 1, 1, 0, 255, 255, 255]), rev: `${march!.chunk}#fb2` });
    const finder = new Finder(db);
    expect((await finder.search({ query: 'operators', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/m2']);
    expect((await finder.search({ query: 'zanzibar', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/f1']);
  });

  it('indexes shards stored without a segment before the first query', async () => {
    const { db } = await synced();
    await db.segments.clear();
    expect((await new Finder(db).search({ query: 'nutmeg', limit: 10 })).hits.map((h) => h.key)).toEqual(['blog/f1']);
    expect(await db.segments.count()).toBe(3);
  });

  it('says titles and summaries only when body parts stay on the server, and fetches them on demand', async () => {
    const { db, served } = await synced('remote');
    const finder = new Finder(db);
    const before = await finder.search({ query: 'zanzibar', limit: 10 });
    expect(before).toMatchObject({ hits: [], coverage: 'titles-and-summaries' });
    expect(finder.segments.missingBodies().map((m) => m.key).sort()).toEqual(['blog/2026-02', 'blog/2026-03']);
    // March's file is not the size its manifest says, so it is refused.
    expect(await fetchMissingBodies(finder.segments, db, served.fetcher)).toBe(1);
    const after = await finder.search({ query: 'zanzibar', limit: 10 });
    expect(after).toMatchObject({ hits: [{ key: 'blog/f1' }], coverage: 'partial' });
    // In memory only: storing them is the reader's choice.
    expect((await db.segments.toArray()).map((s) => s.body)).toEqual([null, null, null]);
  });

  it('fetches no body part before the worker says the reader is not typing', async () => {
    const { db, served } = await synced('remote');
    const finder = new Finder(db);
    await finder.segments.refresh();
    const asked: string[] = [];
    const fetcher = ((input: RequestInfo | URL) => (asked.push(String(input)), served.fetcher(input))) as typeof fetch;
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let readies = 0;
    const fetching = fetchMissingBodies(finder.segments, db, fetcher, undefined, () => (readies++, gate));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual([]);
    expect(readies).toBeGreaterThan(0);
    open();
    expect(await fetching).toBe(1);
    expect(asked).toHaveLength(2);
  });

  it('answers the same in slices, and starts again when the index changes during a pause', async () => {
    const { db, served } = await synced('remote');
    const finder = new Finder(db);
    const whole = await finder.search({ query: 'kubernetes', limit: 10 });
    // Every step outlasts a slice: the search pauses after each segment.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 100));
    try {
      let pauses = 0;
      expect(await finder.search({ query: 'kubernetes', limit: 10 }, async () => void pauses++)).toEqual(whole);
      expect(pauses).toBeGreaterThan(1);
      // A body part arrives during a pause, whichever: the answer is the new index's, never a mix.
      const late = new Finder(db);
      await late.segments.refresh();
      await fetchMissingBodies(late.segments, db, served.fetcher);
      const after = await late.search({ query: 'nutmeg', limit: 10 });
      expect(after).toMatchObject({ hits: [{ key: 'blog/f1' }], coverage: 'partial' });
      let steps = 0;
      await new Finder(db).search({ query: 'nutmeg', limit: 10 }, async () => void steps++);
      for (let at = 1; at <= steps; at++) {
        const reader = new Finder(db);
        let pause = 0;
        const during = await reader.search({ query: 'nutmeg', limit: 10 }, async () => {
          if (++pause === at) await fetchMissingBodies(reader.segments, db, served.fetcher);
        });
        expect(during, `body part attached at pause ${at} of ${steps}`).toEqual(after);
      }
    } finally {
      now.mockRestore();
    }
  });
});

describe('createSearchBackend', () => {
  it('starts its worker on the first call, not before, and answers through it', async () => {
    const { db } = await synced();
    const finder = new Finder(db);
    const spawn = vi.fn(() => {
      const port = {
        onmessage: null as ((event: MessageEvent<FinderReply>) => void) | null,
        postMessage(message: FinderRequest) {
          if (message.method === 'cancel' || message.method === 'prepare') return;
          // As the worker sends them: a search's hits packed.
          const run = message.method === 'search' ? finder.search(message.request).then(packResponse) : finder.snippets(message.request);
          void run.then((result) => port.onmessage?.({ data: { id: message.id, ok: true, result } } as MessageEvent<FinderReply>));
        },
      };
      return port;
    });
    const backend = createSearchBackend(spawn);
    expect(spawn).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([backend.search({ query: 'zanzibar', limit: 5 }), backend.search({ query: 'kubernetes', limit: 5 })]);
    // The page gets each hit's chunk and row, moved across in typed arrays.
    const placed = (hits: typeof a.hits) => Array.from(hits.rows, (row, i) => ({ chunk: hits.chunks[hits.chunkOf[i] ?? 0] ?? '', row }));
    expect(await storedAt(db, placed(a.hits))).toEqual(['blog/f1']);
    expect((await storedAt(db, placed(b.hits))).sort()).toEqual(['blog/m1', 'blog/m2']);
    expect(b.hits.chunks).toHaveLength(1);
    expect(spawn).toHaveBeenCalledTimes(1);
    await storeBody(db, 'blog/f1', 'h', cleanBody('<p>Cloves and nutmeg.</p>', 'https://blog.test/'));
    const snippets = await backend.snippets({ keys: ['blog/f1'], terms: a.terms });
    expect(snippets['blog/f1']?.text).toContain('nutmeg');
  });

  it('readies the index on prepare: starts the worker and asks it, with nothing left waiting for a reply', () => {
    const sent: FinderRequest[] = [];
    const spawn = vi.fn(() => ({ onmessage: null, postMessage: (message: FinderRequest) => void sent.push(message) }));
    const backend = createSearchBackend(spawn);
    backend.prepare();
    backend.prepare();
    expect(spawn).toHaveBeenCalledTimes(1);
    expect(sent.map((m) => m.method)).toEqual(['prepare', 'prepare']);
  });

  it('fails the calls a dead worker leaves waiting, and starts a new one next time', async () => {
    const ports: { onerror?: ((event: ErrorEvent) => void) | null; onmessage: unknown; postMessage: () => void }[] = [];
    const backend = createSearchBackend(() => {
      const port = { onmessage: null, onerror: null as ((event: ErrorEvent) => void) | null, postMessage: () => {} };
      ports.push(port);
      return port;
    });
    const waiting = backend.search({ query: 'x', limit: 1 });
    // Node has no ErrorEvent: the fields the backend reads.
    ports[0]?.onerror?.({ message: 'out of memory', preventDefault: () => {} } as ErrorEvent);
    await expect(waiting).rejects.toThrow('Search stopped: out of memory');
    void backend.search({ query: 'x', limit: 1 });
    expect(ports).toHaveLength(2);
  });
});

describe('createSearchBackend, one search at a time', () => {
  it('sends searches one after another and drops one aborted while it waited', async () => {
    const sent: FinderRequest[] = [];
    const worker = { answer: (id: number): void => void id };
    const backend = createSearchBackend(() => {
      const port = {
        onmessage: null as ((event: MessageEvent<FinderReply>) => void) | null,
        postMessage(message: FinderRequest) {
          sent.push(message);
        },
      };
      worker.answer = (id) => port.onmessage?.({ data: { id, ok: true, result: packResponse({ hits: [], total: 0, coverage: 'full', terms: [], suggestions: [] }) } } as unknown as MessageEvent<FinderReply>);
      return port;
    });
    const typedPast = new AbortController();
    const first = backend.search({ query: 'k', limit: 5 });
    const stale = backend.search({ query: 'ku', limit: 5 }, typedPast.signal);
    const latest = backend.search({ query: 'kube', limit: 5 });
    // Only the first is in the worker; the reader types on before it answers.
    expect(sent.map((m) => m.method === 'search' && m.request.query)).toEqual(['k']);
    typedPast.abort();
    worker.answer(sent[0]?.id ?? -1);
    await first;
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((m) => m.method === 'search' && m.request.query)).toEqual(['k', 'kube']);
    worker.answer(sent[1]?.id ?? -1);
    await expect(latest).resolves.toMatchObject({ total: 0 });
  });
});

describe('createSearchBackend, a search typed past while it runs', () => {
  it('cancels it in the worker and sends the next at once, ignoring its late answer', async () => {
    const sent: FinderRequest[] = [];
    let reply: (id: number, total: number) => void = () => undefined;
    const backend = createSearchBackend(() => {
      const port = {
        onmessage: null as ((event: MessageEvent<FinderReply>) => void) | null,
        postMessage: (message: FinderRequest) => void sent.push(message),
      };
      reply = (id, total) => port.onmessage?.({ data: { id, ok: true, result: packResponse({ hits: [], total, coverage: 'full', terms: [], suggestions: [] }) } } as unknown as MessageEvent<FinderReply>);
      return port;
    });
    const typedPast = new AbortController();
    const running = backend.search({ query: 'k', limit: 5 }, typedPast.signal);
    const latest = backend.search({ query: 'kube', limit: 5 });
    const runningId = sent[0]?.id ?? -1;
    typedPast.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[1]).toMatchObject({ method: 'cancel', search: runningId });
    expect(sent[2]).toMatchObject({ method: 'search', request: { query: 'kube' } });
    // The cancelled search's answer crossed the cancel: it settles nothing.
    reply(runningId, 7);
    reply(sent[2]?.id ?? -1, 1);
    await expect(latest).resolves.toMatchObject({ total: 1 });
  });
});
