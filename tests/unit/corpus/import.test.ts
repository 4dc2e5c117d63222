import { describe, expect, it } from 'vitest';
import type { FolioDb } from '../../../src/lib/store/FolioDb';
import { addSourceFromFile } from '../../../src/lib/ingest/sources';
import { AppError } from '../../../src/lib/model/error';
import { loadCorpus } from '../../corpus';
import { openTestDb } from '../helpers/testDb';

async function snapshot(db: FolioDb) {
  return {
    catalog: await db.catalog.orderBy('key').toArray(),
    texts: await db.texts.orderBy('key').toArray(),
    sources: await db.sources.orderBy('id').toArray(),
    bodies: await db.bodies.orderBy('key').toArray(),
  };
}

const GOOD = `<?xml version="1.0"?><rss version="2.0"><channel><title>Kept</title><item><guid>k</guid><title>Kept item</title><link>https://k.test/k</link></item></channel></rss>`;

describe('the corpus through the import path', () => {
  it('stores each input it reads, refuses the rest with a message, and a refusal changes nothing stored', async () => {
    const db = openTestDb();
    await addSourceFromFile(db, 'kept.xml', GOOD, 1);
    const cases = loadCorpus({ samplesPerFormat: 10 });
    expect(cases.length).toBeGreaterThanOrEqual(200);
    let refused = 0;
    for (const corpusCase of cases) {
      const before = await snapshot(db);
      // Every case under the same name: a parsed one replaces the last, a refused one must not.
      const outcome = await addSourceFromFile(db, 'case.xml', corpusCase.text, 2).then(
        () => 'stored' as const,
        (error: unknown) => error,
      );
      if (outcome === 'stored') {
        expect(corpusCase.expect, corpusCase.name).not.toBe('reject');
        continue;
      }
      refused += 1;
      expect(outcome, corpusCase.name).toBeInstanceOf(AppError);
      expect((outcome as AppError).message.length, corpusCase.name).toBeGreaterThan(10);
      expect(corpusCase.expect, corpusCase.name).not.toBe('parse');
      expect(await snapshot(db), corpusCase.name).toEqual(before);
    }
    expect(refused).toBeGreaterThan(20);
    expect((await db.sources.toArray()).map((s) => s.title)).toContain('Kept');
  }, 240_000);
});
