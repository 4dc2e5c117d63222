import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTerms, TermSpill } from '../../../cli/termSpill';
import type { TermCounts } from '../../../src/lib/search/termCounts';

const spills: TermSpill[] = [];
const spill = () => {
  const s = new TermSpill();
  spills.push(s);
  return s;
};
afterEach(() => {
  for (const s of spills.splice(0)) s.dispose();
});

const counts = (n: number): TermCounts => ({ length: n * 2, terms: Array.from({ length: n }, (_, i) => `term${i}é東`), tfs: Array.from({ length: n }, () => 2) });

describe('TermSpill', () => {
  it('gives back each post’s terms from its month’s file, months apart', () => {
    const s = spill();
    const a = s.put('2026-04', JSON.stringify(counts(3)));
    const b = s.put('2026-03', JSON.stringify(counts(1)));
    const c = s.put('2026-04', JSON.stringify(counts(2)));
    const april = readFileSync(s.file('2026-04') as string);
    expect(readTerms(april, a)).toEqual(counts(3));
    expect(readTerms(april, c)).toEqual(counts(2));
    expect(readTerms(readFileSync(s.file('2026-03') as string), b)).toEqual(counts(1));
    expect(s.file('2025-01')).toBeNull();
  });

  it('keeps offsets right across the flushes of a large month, in bytes not characters', () => {
    const s = spill();
    const places = Array.from({ length: 300 }, (_, i) => s.put('undated', JSON.stringify(counts(i))));
    const bytes = readFileSync(s.file('undated') as string);
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    places.forEach((at, i) => expect(readTerms(bytes, at)).toEqual(counts(i)));
    // More after a read goes on the end of the same file.
    const late = s.put('undated', JSON.stringify(counts(5)));
    expect(readTerms(readFileSync(s.file('undated') as string), late)).toEqual(counts(5));
  });

  it('removes its files when disposed', () => {
    const s = spill();
    s.put('2026-04', JSON.stringify(counts(1)));
    const file = s.file('2026-04') as string;
    expect(existsSync(file)).toBe(true);
    s.dispose();
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});
