/**
 * Hit rate at 5 and MRR of Folio's engine on the judged queries over the real blog
 * (skipped when ../shared/data/martinuke0-blog is not there).
 */
import { describe, expect, it } from 'vitest';
import { hasRealBlog, realCorpus } from '../../../bench/search/corpus';
import { folioRunner, readJudged, scoreJudged } from '../../../bench/search/judged';

const judged = readJudged();

describe('judged queries', () => {
  it('cover every kind, at least 40 of them', () => {
    expect(judged.length).toBeGreaterThanOrEqual(40);
    expect(new Set(judged.map((j) => j.kind))).toEqual(new Set(['title', 'body', 'typo', 'prefix', 'phrase', 'exclusion']));
  });

  it.skipIf(!hasRealBlog())('find the expected article in the top 5 for at least 90% of queries', async () => {
    const corpus = realCorpus();
    const ids = new Set(corpus.shards.flatMap((s) => s.docs().map((d) => d.id)));
    // A misspelt expectation would count as a miss of the engine: check them first.
    expect(judged.filter((j) => !ids.has(j.expect)).map((j) => j.expect)).toEqual([]);
    const score = await scoreJudged(judged, folioRunner(corpus).run);
    console.log(`judged: hit@5 ${(score.hitAt5 * 100).toFixed(1)}%, MRR ${score.mrr.toFixed(3)}`, score.misses);
    expect(score.hitAt5).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
