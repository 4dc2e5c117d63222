import { describe, expect, it } from 'vitest';
import { offsetOf, placeAt, type ArticleBox } from '../../../src/lib/display/position';

const box: ArticleBox = { top: 100, bottom: 2100, headings: [{ id: 'intro', top: 300 }, { id: 'setup', top: 1100 }] };

describe('reading position', () => {
  it('is the nearest heading above plus how far into its section', () => {
    expect(placeAt(box, 700, 500)).toEqual({ heading: 'intro', fraction: 0.5, progress: 0.55 });
    expect(placeAt(box, 150, 500)).toMatchObject({ heading: null, fraction: 0.25 });
    expect(placeAt(box, 1600, 500)).toMatchObject({ heading: 'setup', fraction: 0.5, progress: 1 });
  });

  it('comes back to the same offset, even when the layout around it changed', () => {
    for (const y of [150, 300, 700, 1099, 1600]) expect(offsetOf(box, placeAt(box, y, 500), 500)).toBeCloseTo(y, 6);
    // Larger text: every offset doubles, and the place still lands at the same spot in the text.
    const larger: ArticleBox = { top: 100, bottom: 4100, headings: [{ id: 'intro', top: 500 }, { id: 'setup', top: 2100 }] };
    expect(offsetOf(larger, placeAt(box, 700, 500), 500)).toBe(1300);
  });

  it('falls back to the whole-text progress when the heading is gone', () => {
    expect(offsetOf(box, { heading: 'removed', fraction: 0.3, progress: 0.5 }, 500)).toBe(600);
  });
});
