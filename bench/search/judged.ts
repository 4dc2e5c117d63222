/** The judged queries (tests/search/judged.json) and their scoring: hit rate at 5 and MRR. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSegment, type SearchDoc } from '../../src/lib/search/build';
import { filterPhrases } from '../../src/lib/search/phrase';
import { SearchIndex } from '../../src/lib/search/search';
import { repoRoot, type Corpus } from './corpus';

export interface Judged {
  query: string;
  kind: 'title' | 'body' | 'typo' | 'prefix' | 'phrase' | 'exclusion';
  expect: string;
  note?: string;
}

export interface JudgedScore {
  queries: number;
  hitAt5: number;
  mrr: number;
  byKind: Record<string, { queries: number; hitAt5: number; mrr: number }>;
  misses: { query: string; expect: string; rank: number | null }[];
}

export function readJudged(): Judged[] {
  const file = path.join(repoRoot, 'tests/search/judged.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: Judged[] }).queries;
}

/** `run` gives the ranked ids for a query (at least the top 10). */
export async function scoreJudged(judged: readonly Judged[], run: (query: string) => string[] | Promise<string[]>): Promise<JudgedScore> {
  const byKind: JudgedScore['byKind'] = {};
  const misses: JudgedScore['misses'] = [];
  let hits = 0;
  let rr = 0;
  for (const j of judged) {
    const ids = await run(j.query);
    const at = ids.indexOf(j.expect);
    const rank = at === -1 ? null : at + 1;
    const hit = rank !== null && rank <= 5 ? 1 : 0;
    const recip = rank === null ? 0 : 1 / rank;
    hits += hit;
    rr += recip;
    const k = (byKind[j.kind] ??= { queries: 0, hitAt5: 0, mrr: 0 });
    k.queries++;
    k.hitAt5 += hit;
    k.mrr += recip;
    if (!hit) misses.push({ query: j.query, expect: j.expect, rank });
  }
  for (const k of Object.values(byKind)) {
    k.hitAt5 /= k.queries;
    k.mrr /= k.queries;
  }
  return { queries: judged.length, hitAt5: hits / judged.length, mrr: rr / judged.length, byKind, misses };
}

/** The text a phrase is checked against: what the app has for an article. */
export function docText(doc: SearchDoc): string {
  return [doc.title, doc.topics.join(' '), doc.summary, doc.body ?? ''].join('\n');
}

/** Folio's index over a corpus, and its judged-query runner (phrases checked on the docs' text). */
export function folioRunner(corpus: Corpus, stem = false): { index: SearchIndex; run: (q: string) => Promise<string[]> } {
  const index = new SearchIndex({ stem });
  const texts = new Map<string, string>();
  for (const shard of corpus.shards) {
    const docs = shard.docs();
    for (const d of docs) texts.set(d.id, docText(d));
    const { meta, body } = buildSegment(docs, { source: corpus.source, key: shard.key, stem });
    index.put(meta, body);
  }
  const run = async (q: string) => {
    const result = index.search(q, { limit: 50 });
    const kept = await filterPhrases(result.hits, result.query, (h) => texts.get(h.id) ?? null, 10, { stem });
    return kept.map((h) => h.id);
  };
  return { index, run };
}
