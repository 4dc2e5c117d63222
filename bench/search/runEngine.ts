/** One engine's measurements, in its own process (see peers.ts): build, size, memory, latency, judged. */
import { gzipSync } from 'node:zlib';
import { parseQuery } from '../../src/lib/search/query';
import { matchesPhrases } from '../../src/lib/search/phrase';
import type { Corpus } from './corpus';
import { makeEngine, type Engine, type EngineName, type NodeEngineName, type Sizes } from './engines';
import { docText, readJudged, scoreJudged, type JudgedScore } from './judged';
import type { MixQuery } from './mix';
import { queryLatency, warmRoundsAfter, type QueryLatency, type Timed } from './timing';

interface Memory {
  heapUsed: number;
  /** ArrayBuffers live outside the JS heap: Folio's segments are there. */
  arrayBuffers: number;
}

export interface EngineResult {
  engine: EngineName;
  dataset: string;
  documents: number;
  buildMs: number;
  index: Sizes;
  /** Folio only: plain body text of the corpus, for the index-to-text ratio. */
  bodyText?: { raw: number; gzip: number };
  memory: { baseline: Memory; afterBuild: Memory; after20Queries: Memory };
  /** `cold` is the first round; `firstQueryMs` includes lazy set-up (timing.ts). */
  latency: QueryLatency;
  judged: JudgedScore | null;
  notes: string[];
}

function memory(base?: Memory): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed - (base?.heapUsed ?? 0), arrayBuffers: m.arrayBuffers - (base?.arrayBuffers ?? 0) };
}

/**
 * Runs the mix once cold (memory snapshot after the 20th query), then as many warm rounds as
 * timing.ts allows after a cold round that long.
 */
function timeQueries(engine: Engine, mix: MixQuery[], base: Memory) {
  const run = (snapshot: boolean) => {
    const samples: Timed[] = [];
    let after20: Memory | null = null;
    for (const [i, q] of mix.entries()) {
      const t = performance.now();
      engine.search(q.query, 20);
      samples.push({ kind: q.kind, ms: performance.now() - t });
      if (snapshot && i === 19) after20 = memory(base);
    }
    return { samples, after20 };
  };
  const cold = run(true);
  const rounds = warmRoundsAfter(cold.samples.reduce((n, s) => n + s.ms, 0));
  const warm = Array.from({ length: rounds }, () => run(false).samples);
  return { latency: queryLatency(cold.samples, warm), after20: cold.after20 ?? memory(base) };
}

export async function runEngine(name: NodeEngineName, dataset: string, load: () => Corpus, mix: MixQuery[]): Promise<EngineResult> {
  // Made before the baseline, so that loading an engine's code is not counted as its index.
  const engine = await makeEngine(name, { fuseBodies: dataset === 'real' });
  const baseline = memory();
  let corpus: Corpus | null = load();
  const documents = corpus.count;
  let buildMs = 0;
  let text = { raw: 0, gzip: 0 };
  for (const shard of corpus.shards) {
    const docs = shard.docs();
    const t = performance.now();
    engine.add(shard.key, docs);
    buildMs += performance.now() - t;
    if (name === 'folio') {
      const joined = Buffer.from(docs.map((d) => d.body ?? '').join('\n'));
      text = { raw: text.raw + joined.length, gzip: text.gzip + gzipSync(joined).length };
    }
  }
  const t = performance.now();
  engine.finish?.();
  buildMs += performance.now() - t;
  corpus = null;
  const afterBuild = memory(baseline);
  const { latency, after20 } = timeQueries(engine, mix, baseline);
  // What is measured so far, in case serialising crashes the process (FlexSearch at 100k does).
  const partial = { engine: name, dataset, documents, buildMs, memory: { baseline, afterBuild, after20Queries: after20 }, latency, notes: engine.notes };
  process.stdout.write(`\n${JSON.stringify(partial)}\n`);
  const index = await engine.size();
  const judged = dataset === 'real' ? await judge(name, engine, load()) : null;
  return {
    engine: name,
    dataset,
    documents,
    buildMs,
    index,
    ...(name === 'folio' ? { bodyText: text } : {}),
    memory: { baseline, afterBuild, after20Queries: after20 },
    latency,
    judged,
    notes: engine.notes,
  };
}

/** Judged queries; only Folio checks phrases (on the docs' text), as only it can. */
async function judge(name: NodeEngineName, engine: Engine, corpus: Corpus): Promise<JudgedScore> {
  const texts = new Map<string, string>();
  if (name === 'folio') for (const s of corpus.shards) for (const d of s.docs()) texts.set(d.id, docText(d));
  return scoreJudged(readJudged(), (q) => {
    const ids = engine.search(q, 50);
    if (name !== 'folio') return ids.slice(0, 10);
    const parsed = parseQuery(q);
    return ids.filter((id) => matchesPhrases(texts.get(id) ?? '', parsed)).slice(0, 10);
  });
}
