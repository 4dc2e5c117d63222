/**
 * The front-matter fast path against the YAML library: whatever it reads, the library reads the same
 * way without an error; what it cannot read it leaves to the library. Checked on chosen lines, on
 * lines fast-check makes, and on every post of the real blog in ../shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { splitFrontMatter } from '../../../src/lib/feed/hugo/frontMatter';
import { readSimpleYaml } from '../../../src/lib/feed/hugo/simpleYaml';

function library(lines: string[]): { errors: number; value: unknown } {
  const doc = parseDocument(lines.join('\n'));
  return { errors: doc.errors.length, value: doc.toJS() ?? {} };
}

function expectSameAsLibrary(lines: string[]): boolean {
  const fast = readSimpleYaml(lines, 0, lines.length);
  if (fast === null) return false;
  const slow = library(lines);
  expect(slow.errors, lines.join('\n')).toBe(0);
  expect(fast, lines.join('\n')).toStrictEqual(slow.value);
  return true;
}

describe('readSimpleYaml', () => {
  it('reads the usual Hugo fields as the library does', () => {
    const lines = [
      'title: "Kubernetes \\"Zero\\" to Hero: \\u00e9t\\u00e9 \\ud83d\\ude80 \\/ done"',
      'date: "2025-12-04T23:59:00+02:00"',
      'lastmod: 2016-06-23T03:49:55.189',
      'publishDate: 2016-06-23',
      'draft: false',
      'toc: True',
      'weight: 12',
      'series: null',
      'cover: ~',
      "summary: 'It''s short: really'",
      'author: Jane O\'Brien',
      'tags: ["Kubernetes", "DevOps", "Cloud Native"]',
      'categories: []',
      '',
      '# a comment line',
      'slug: plain words   ',
    ];
    expect(expectSameAsLibrary(lines)).toBe(true);
    expect(readSimpleYaml(lines, 0, lines.length)).toMatchObject({ weight: 12, draft: false, toc: true, lastmod: '2016-06-23T03:49:55.189' });
  });

  it.each([
    ['an indented line', ['tags:', '  - a']],
    ['a block scalar', ['summary: |', '  text']],
    ['a comment after a value', ['title: "x" # note']],
    ['a float', ['weight: 1.5']],
    ['a leading zero', ['weight: 007']],
    ['a signed number', ['weight: -3']],
    ['a colon in a plain value', ['title: Part one: the start']],
    ['a repeated key', ['title: "a"', 'title: "b"']],
    ['a YAML-only escape', ['title: "tab\\x41"']],
    ['a tab', ['title:\t"x"']],
    ['a list of numbers', ['ids: [1, 2]']],
    ['a lone single quote', ["title: 'it's'"]],
    ['an unclosed quote', ['title: "open']],
    ['an anchor', ['title: &a x']],
    ['a proto key', ['__proto__: "x"']],
    ['a key with no space after its colon', ['title:"x"']],
  ])('leaves %s to the library', (_name, lines) => {
    expect(readSimpleYaml(lines, 0, lines.length)).toBeNull();
  });

  it('reads only the lines it is given', () => {
    const lines = ['---', 'title: "a"', 'draft: true', '---', 'body: not front matter'];
    expect(readSimpleYaml(lines, 1, 3)).toStrictEqual({ title: 'a', draft: true });
  });

  it('agrees with the library on generated lines', () => {
    const keys = ['title', 'date', 'tags', 'draft', 'weight', 'x-y', '_k', 'Title'];
    const parts = ['a', 'Z', ' ', '  ', ':', ': ', '#', ' #', '"', "'", "''", '\\', '\\n', '\\u00e9', '\\x41', '[', ']', ',', '{', '0', '7', '1.5', '-', '2016-06-23', 'T03:49', 'true', 'TRUE', 'tRUE', 'False', 'null', 'NULL', '~', '\u0001', '\u0085', '\ufeff', '\u00a0', '\u3000', '\u2028', 'é', '😀', '\t', '&', '*', '!', '|', '>', '%', '@', '`'];
    const text = fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 5 }).map((chosen) => chosen.join(''));
    // As written, quoted, or in a list: the shapes front matter values take.
    const value = fc.oneof(text, text.map((t) => JSON.stringify(t)), text.map((t) => `[${JSON.stringify(t)}, "b"]`));
    const line = fc.tuple(fc.constantFrom(...keys), value).map(([key, v]) => `${key}: ${v}`);
    let fast = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (lines) => {
        if (expectSameAsLibrary(lines)) fast++;
      }),
      { numRuns: 4000, seed: 20261203 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(fast).toBeGreaterThan(1000);
  });
});

describe('the real blog', () => {
  const postsDir = path.resolve(import.meta.dirname, '../../../../shared/data/martinuke0-blog/posts');

  it('reads nearly every post without the library, with the same fields', () => {
    expect(existsSync(postsDir), `${postsDir} is where the real blog must be`).toBe(true);
    const names = readdirSync(postsDir).filter((name) => name.endsWith('.md'));
    let fast = 0;
    for (const name of names) {
      const lines = readFileSync(path.join(postsDir, name), 'utf8').split(/\r\n|\r|\n/);
      const close = lines.indexOf('---', 1);
      if (lines[0] !== '---' || close === -1) continue;
      if (expectSameAsLibrary(lines.slice(1, close))) fast++;
      // And the whole file still splits, through whichever path read its front matter.
      expect(splitFrontMatter(lines.join('\n'), name).ok).toBe(true);
    }
    expect(fast / names.length).toBeGreaterThan(0.95);
  });
});
