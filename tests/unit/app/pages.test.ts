import { describe, expect, it } from 'vitest';
import { pageFromInput, pageSpan } from '../../../src/lib/list/pages';

describe('pageSpan', () => {
  it('centres the window on the current page', () => {
    expect(pageSpan(40, 87, 3)).toEqual([39, 40, 41]);
    expect(pageSpan(40, 87, 7)).toEqual([37, 38, 39, 40, 41, 42, 43]);
  });

  it('slides inward at either end, so the row keeps its length', () => {
    expect(pageSpan(1, 87, 3)).toEqual([1, 2, 3]);
    expect(pageSpan(87, 87, 3)).toEqual([85, 86, 87]);
    expect(pageSpan(2, 87, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageSpan(86, 87, 7)).toEqual([81, 82, 83, 84, 85, 86, 87]);
  });

  it('shows every page when there are fewer than the window, and clamps a page out of range', () => {
    expect(pageSpan(2, 2, 7)).toEqual([1, 2]);
    expect(pageSpan(1, 0, 3)).toEqual([]);
    expect(pageSpan(99, 5, 3)).toEqual([3, 4, 5]);
  });
});

describe('pageFromInput', () => {
  it('reads a whole page number within the pages', () => {
    expect(pageFromInput(' 42 ', 87)).toBe(42);
    expect(pageFromInput('87', 87)).toBe(87);
  });

  it('refuses anything else', () => {
    for (const text of ['', '0', '88', '-1', '2.5', 'abc', '1e2']) expect(pageFromInput(text, 87), text).toBeNull();
  });
});
