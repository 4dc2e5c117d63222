/**
 * How Folio's own records read back in Chromium, on disk, after a reload (as the app reads them):
 * - a 100k source's catalogue chunks (one per shard), by key as the app reads them, against one
 *   `getAll`, against the same chunks cut under Chromium's 64 KiB blob line (ids apart, in parts),
 *   and against the chunks packed 30 to a record;
 * - one chunk's text blocks through the texts table's `chunk` index, against by key.
 * The records are built from the 100k feed the benchmark generates (`npm run bench -- --sizes 100k`).
 *
 *   npx tsx bench/recordReads.ts [--rounds 8] [--feed bench/.work/feeds/100k-…]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseShard } from '../src/lib/feed/shard';
import { buildChunk, fromFeedArticle } from '../src/lib/store/chunks';
import { feedsDir } from './datasets';
import { idbHelpers, median, openProbePage } from './idbProbe';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '8' }, feed: { type: 'string' } } });
const rounds = Number(values.rounds);
const feed = values.feed ?? path.join(feedsDir, readdirSync(feedsDir).find((name) => name.startsWith('100k-')) ?? '100k');
const indexDir = path.join(feed, 'base', 'index');
const built = readdirSync(indexDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const shard = parseShard(JSON.parse(readFileSync(path.join(indexDir, name), 'utf8')), name);
    return buildChunk('bench', shard.key, 'h', shard.articles.map((a) => fromFeedArticle(a, null)));
  });
// Typed arrays cross into the page as plain arrays, named so the page makes them again.
const plain = (value: unknown): unknown => (ArrayBuffer.isView(value) ? { typed: value.constructor.name, items: Array.from(value as Uint8Array) } : value);
const chunks = built.map(({ chunk }) => Object.fromEntries(Object.entries(chunk).map(([k, v]) => [k, plain(v)])));
const widest = built.reduce((a, b) => (b.blocks.length > a.blocks.length ? b : a));
const blocks = widest.blocks;
const ID_PART = 380;
const splitKeys = built.flatMap(({ chunk }, i) => [`c${i}`, ...Array.from({ length: Math.ceil(chunk.count / ID_PART) }, (_, p) => `c${i}#ids${p}`)]);

const { page, version, close } = await openProbePage('record-reads');
try {
  const helpers = idbHelpers('records', "db.createObjectStore('records', { keyPath: 'key' }).createIndex('chunk', 'chunk')");
  await page.evaluate(`(async ({ chunks, blocks, idPart }) => {${helpers}
    const records = chunks.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v && v.typed ? new globalThis[v.typed](v.items) : v])));
    const split = records.flatMap(({ ids, ...rest }) => [rest, ...Array.from({ length: Math.ceil(ids.length / idPart) }, (_, p) => ({ key: rest.key + '#ids' + p, ids: ids.slice(p * idPart, (p + 1) * idPart) }))]);
    const packed = [];
    for (let i = 0; i < records.length; i += 30) packed.push({ key: 'pack' + i, chunks: records.slice(i, i + 30) });
    const sets = { chunks: records, split, packed, blocks };
    for (const [name, set] of Object.entries(sets)) await timed(await open(name), 'readwrite', (store) => set.forEach((r) => store.put(r)));
  })(${JSON.stringify({ chunks: chunks.map((c, i) => ({ ...c, key: `c${i}` })), blocks, idPart: ID_PART })})`);

  const ways: Record<string, string> = {
    'chunks by key (the app)': `timed(await open('chunks'), 'readonly', (s) => { for (let i = 0; i < ${chunks.length}; i++) s.get('c' + i); })`,
    'chunks, one getAll': `timed(await open('chunks'), 'readonly', (s) => s.getAll())`,
    'chunks under 64 KiB, by key': `timed(await open('split'), 'readonly', (s) => { for (const k of ${JSON.stringify(splitKeys)}) s.get(k); })`,
    'chunks under 64 KiB, one getAll': `timed(await open('split'), 'readonly', (s) => s.getAll())`,
    'chunks packed 30 a record, one getAll': `timed(await open('packed'), 'readonly', (s) => s.getAll())`,
    [`${blocks.length} text blocks through the chunk index`]: `timed(await open('blocks'), 'readonly', (s) => s.index('chunk').getAll(${JSON.stringify(widest.chunk.key)}))`,
    [`${blocks.length} text blocks by key (storedArticles)`]: `timed(await open('blocks'), 'readonly', (s) => { for (const k of ${JSON.stringify(blocks.map((b) => b.key))}) s.get(k); })`,
  };
  const timings = new Map<string, number[]>(Object.keys(ways).map((way) => [way, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
    for (const way of order) {
      // A reload drops the page's connection and what it had just read.
      await page.reload();
      timings.get(way)?.push((await page.evaluate(`(async () => {${helpers}\n return ${ways[way]}; })()`)) as number);
    }
  }
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  console.log(`Chromium ${version}, ${rounds} rounds, ${chunks.length} chunks (${kb(JSON.stringify(chunks).length)} as JSON), median ms:`);
  for (const [way, list] of timings) console.log(`  ${way.padEnd(44)} ${median(list).toFixed(0).padStart(5)}  (${list.map((t) => t.toFixed(0)).join(' ')})`);
} finally {
  await close();
}
