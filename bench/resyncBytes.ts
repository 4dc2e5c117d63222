/**
 * Bytes a re-sync fetches after a 1% change, counted (not timed, so the figure is exact): the app's
 * own sync code runs in Node over fake-indexeddb against the benchmark's feed folders, once through
 * the folder's delta and once with the delta left out of the manifest (the shard-hash path).
 *
 *   npx tsx bench/resyncBytes.ts [--sizes 1k]
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FeedManifest } from '../src/lib/feed/folder';
import { syncFolder } from '../src/lib/ingest/folder';
import type { Fetch } from '../src/lib/ingest/fetchLimited';
import { FolioDb } from '../src/lib/store/FolioDb';
import { ensureSynthetic, parseSizes } from './datasets';
import { VARIANTS } from './generate';

const FEED_URL = 'https://bench.invalid/feed/';

/** Serves `dir`, with `manifest` in place of its own when given, counting the bytes sent. */
function server(dir: () => string, manifest: () => string | null) {
  const sent = { bytes: 0, files: 0, kinds: new Map<string, number>() };
  const fetcher: Fetch = async (input) => {
    const rel = String(input instanceof Request ? input.url : input).slice(FEED_URL.length);
    const own = rel === 'manifest.json' ? manifest() : null;
    const file = path.join(dir(), rel);
    const bytes = own ? Buffer.from(own) : existsSync(file) ? readFileSync(file) : null;
    if (!bytes) return new Response('not found', { status: 404 });
    sent.bytes += bytes.length;
    sent.files += 1;
    const kind = rel.split('/')[0] ?? rel;
    sent.kinds.set(kind, (sent.kinds.get(kind) ?? 0) + bytes.length);
    return new Response(new Uint8Array(bytes));
  };
  return { sent, fetcher };
}

async function count(base: string, changed: string, withDeltas: boolean): Promise<{ bytes: number; files: number; kinds: Map<string, number> }> {
  let dir = base;
  // The shard path is served the same manifest without its revision and deltas (read as revision 0), written as the builder writes it.
  const own = (): string | null => {
    if (withDeltas || dir === base) return null;
    const { revision: _r, deltas: _d, ...rest } = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as FeedManifest;
    return JSON.stringify(rest, null, 2) + '\n';
  };
  const { sent, fetcher } = server(() => dir, own);
  const db = new FolioDb(`bench-bytes-${withDeltas}-${Date.now()}`);
  const env = { fetcher, online: true, now: Date.now };
  const source = { id: 'bench', feedUrl: FEED_URL };
  try {
    await syncFolder(db, source, env);
    sent.bytes = 0;
    sent.files = 0;
    sent.kinds.clear();
    dir = changed;
    const result = await syncFolder(db, source, env);
    if (withDeltas !== (result.deltasFetched !== undefined)) throw new Error(`expected the ${withDeltas ? 'delta' : 'shard'} path`);
    return { ...sent, kinds: new Map(sent.kinds) };
  } finally {
    await db.delete();
  }
}

const { values } = parseArgs({ args: process.argv.slice(2), options: { sizes: { type: 'string', default: '1k' } } });
for (const { name, count: n } of parseSizes(values.sizes ?? '1k')) {
  const dataset = ensureSynthetic(name, n);
  for (const variant of VARIANTS) {
    for (const withDeltas of [false, true]) {
      const r = await count(dataset.base, dataset.variant[variant], withDeltas);
      const kinds = [...r.kinds].map(([k, b]) => `${k} ${b.toLocaleString('en')}`).join(', ');
      console.log(`${name} ${variant} ${withDeltas ? 'deltas' : 'shards'}: ${r.bytes.toLocaleString('en')} bytes in ${r.files} files (${kinds})`);
    }
  }
}
