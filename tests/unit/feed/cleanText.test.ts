import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/lib/feed/htmlText';
import { stripInvisible } from '../../../src/lib/feed/text';

/** cleanText without its shortcut for text that is clean already: what it must always give. */
function longWay(text: string): string {
  // eslint-disable-next-line no-control-regex -- as cleanText's own pattern
  const junk = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  return stripInvisible(text).replace(junk, (c) => (c.length === 1 && c >= '\uD800' ? '\uFFFD' : '')).replace(/\s+/g, ' ').trim();
}

// Letters, spaces, and every kind of character cleanText changes.
const PIECES = ['a', 'b', 'Z', 'é', 'ß', ' ', ' ', ' ', '  ', '\t', '\n', '\u00A0', '\u2003', '\u2028', '\u3000', '\u1680', '\u0000', '\u001B', '\u0085', '\u00AD', '\u061C', '\u200B', '\u200D', '\u202E', '\u2066', '\uFE0F', '\uFEFF', '\uD800', '\uDC00', '😀', '\u{E0041}', '\u{E0100}', '❤', '·'];

describe('cleanText', () => {
  it('gives what the long way gives, clean text or not', () => {
    // mulberry32: a small seeded generator, so a failure repeats.
    let seed = 12345;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    let unchanged = 0;
    let spacesOnly = 0;
    for (let n = 0; n < 5000; n++) {
      const length = next() % 12;
      const text = Array.from({ length }, () => PIECES[next() % PIECES.length]).join('');
      expect(cleanText(text), JSON.stringify(text)).toBe(longWay(text));
      if (longWay(text) === text) unchanged++;
      else if (longWay(text) === text.replace(/\s+/g, ' ').trim()) spacesOnly++;
    }
    // Every kind was tried: text the shortcut returns as it is, text whose whitespace alone changes, and text it must clean.
    expect(unchanged).toBeGreaterThan(50);
    expect(spacesOnly).toBeGreaterThan(50);
    expect(unchanged).toBeLessThan(4000);
  });

  it('returns clean text as it is', () => {
    expect(cleanText('Rust · async – “quoted” 😀')).toBe('Rust · async – “quoted” 😀');
    expect(cleanText(' two  spaces\u00A0')).toBe('two spaces');
  });
});
