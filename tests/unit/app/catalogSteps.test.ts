import { describe, expect, it } from 'vitest';
import { buildCatalog, buildCatalogInSteps, catalogSteps } from '../../../src/lib/catalog/build';
import { topicsAt } from '../../../src/lib/catalog/catalog';
import { buildChunk } from '../../../src/lib/store/chunks';
import { chunkArticle, keysOf, type Row } from '../helpers/catalog';

/** `count` articles a day apart over two interleaved sources, with a few topics each. */
function chunksOf(count: number) {
  const rows = (source: number): Row[] =>
    Array.from({ length: count / 2 }, (_, i) => ({
      id: `a${i}`,
      date: new Date(Date.UTC(2026, 0, 1) - (2 * i + source) * 86_400_000).toISOString(),
      topics: [`t${i % 7}`, `t${(i * 3) % 11}`, i % 2 ? 'Go' : 'go'],
    }));
  return [0, 1].map((source) => buildChunk(`s${source}`, 'all', 'h', rows(source).map(chunkArticle)).chunk);
}

const stepsOf = (chunks: ReturnType<typeof chunksOf>): number => {
  let steps = 0;
  const run = catalogSteps(chunks);
  while (!run.next().done) steps++;
  return steps;
};

describe('the catalogue built in steps', () => {
  it('is the catalogue built in one go, with a pause between its steps', async () => {
    const chunks = chunksOf(200);
    let pauses = 0;
    const stepped = await buildCatalogInSteps(chunks, [], async () => void pauses++);
    const whole = buildCatalog(chunks);
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(keysOf(stepped)).toEqual(keysOf(whole));
    expect(keysOf(stepped).slice(0, 3)).toEqual(['s0/a0', 's1/a0', 's0/a1']);
    expect([...stepped.dates]).toEqual([...whole.dates]);
    expect([...stepped.months]).toEqual([...whole.months]);
    expect(stepped.postings.map((p) => [...p])).toEqual(whole.postings.map((p) => [...p]));
    expect(topicsAt(stepped, 5)).toEqual(topicsAt(whole, 5));
  });

  it('pauses inside the longest step as the library grows, so no step holds the thread for all of it', () => {
    expect(stepsOf(chunksOf(45_000)) - stepsOf(chunksOf(200))).toBe(2);
  });
});
