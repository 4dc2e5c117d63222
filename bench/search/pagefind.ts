/**
 * Pagefind as a peer: its own indexer (the `pagefind` package drives the Pagefind binary) builds an
 * index of the same documents, written as files the way a static site serves them; the queries then
 * run in Chromium with Pagefind's own `pagefind.js`, loading index chunks over HTTP on demand.
 *
 * A query's time is `search()` plus `data()` of its top 10 results, since only `data()` says which
 * articles they are. Pagefind runs on the page's main thread (`noWorker`), so the page's heap is its
 * heap: JS heap plus ArrayBuffer backing stores (its WebAssembly memory), after a forced GC.
 */
import { createReadStream, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { close, createIndex } from 'pagefind';
import type { Corpus } from './corpus';
import { readJudged, scoreJudged } from './judged';
import type { MixQuery } from './mix';
import type { EngineResult } from './runEngine';
import { queryLatency, warmRoundsAfter, type Timed } from './timing';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.css': 'text/css' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Index bytes as served: the index, its fragments and metadata, and the wasm and script that read them. */
function indexSizes(outDir: string): EngineResult['index'] {
  let gzip = 0;
  let raw = 0;
  for (const file of filesUnder(outDir)) {
    const name = path.basename(file);
    const isIndex = /\.pf_(index|fragment|meta|filter)$/.test(name) || name === 'pagefind-entry.json' || name === 'pagefind.js' || /^wasm\.en\./.test(name);
    if (!isIndex) continue;
    const bytes = readFileSync(file);
    gzip += bytes.length;
    try {
      raw += gunzipSync(bytes).length;
    } catch {
      raw += bytes.length;
    }
  }
  return { raw, gzip };
}

function serveDir(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

async function heap(cdp: CDPSession, base?: { heapUsed: number; arrayBuffers: number }) {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return { heapUsed: usage.usedSize - (base?.heapUsed ?? 0), arrayBuffers: (usage.backingStorageSize ?? 0) - (base?.arrayBuffers ?? 0) };
}

/** Ranked article ids for a query, and the time it took in the page. */
function query(page: Page, q: string): Promise<{ ms: number; ids: string[] }> {
  return page.evaluate(async (text) => {
    const pf = (window as unknown as { pf: { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> } }).pf;
    const t = performance.now();
    const found = await pf.search(text);
    const top = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    return { ms: performance.now() - t, ids: top.map((d) => decodeURIComponent(d.url.replace(/^\/a\//, '').replace(/\/$/, ''))) };
  }, q);
}

async function build(corpus: Corpus, outDir: string): Promise<number> {
  const t = performance.now();
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const shard of corpus.shards) {
    await Promise.all(
      shard.docs().map((d) =>
        index.addCustomRecord({
          url: `/a/${encodeURIComponent(d.id)}/`,
          content: [d.title, d.topics.join(' '), d.author ?? '', d.summary, d.body ?? ''].join('\n'),
          language: 'en',
          meta: { title: d.title },
        }),
      ),
    );
  }
  const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  const ms = performance.now() - t;
  await close();
  return ms;
}

export async function runPagefind(corpus: Corpus, dataset: string, mix: MixQuery[], workDir: string): Promise<EngineResult> {
  const outDir = path.join(workDir, `pagefind-${dataset}`);
  rmSync(outDir, { recursive: true, force: true });
  const buildMs = await build(corpus, outDir);
  const { server, url } = await serveDir(outDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/pagefind/pagefind-entry.json`);
    const cdp = await page.context().newCDPSession(page);
    const baseline = await heap(cdp);
    await page.evaluate(async () => {
      const pf = (await import('/pagefind/pagefind.js' as string)) as { options(o: object): Promise<void>; init(): Promise<void> };
      await pf.options({ noWorker: true });
      await pf.init();
      (window as unknown as { pf: unknown }).pf = pf;
    });
    const afterBuild = await heap(cdp, baseline);
    const run = async (snapshot: boolean) => {
      const samples: Timed[] = [];
      let after20 = afterBuild;
      for (const [i, q] of mix.entries()) {
        samples.push({ kind: q.kind, ms: (await query(page, q.query)).ms });
        if (snapshot && i === 19) after20 = await heap(cdp, baseline);
      }
      return { samples, after20 };
    };
    const cold = await run(true);
    const warm: Timed[][] = [];
    for (let round = warmRoundsAfter(cold.samples.reduce((n, s) => n + s.ms, 0)); round > 0; round--) warm.push((await run(false)).samples);
    const judged = dataset === 'real' ? await scoreJudged(readJudged(), async (q) => (await query(page, q)).ids) : null;
    return {
      engine: 'pagefind',
      dataset,
      documents: corpus.count,
      buildMs,
      index: indexSizes(outDir),
      memory: { baseline, afterBuild, after20Queries: cold.after20 },
      latency: queryLatency(cold.samples, warm),
      judged,
      notes: [
        'its own indexer (pagefind binary) and its own pagefind.js in Chromium, index served over local HTTP and loaded on demand',
        'a query is search() plus data() of the top 10; heap is the page after GC (noWorker), JS heap + ArrayBuffers (its wasm memory)',
        'no typo tolerance and no exclusions; phrases as Pagefind reads them',
      ],
    };
  } finally {
    await browser.close();
    server.close();
  }
}
