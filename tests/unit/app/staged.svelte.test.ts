import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Staged } from '../../../src/app/shared/staged.svelte';

let stop: (() => void) | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

/** The limits a list renders with, as its element's attachment re-runs after each render. */
function rendered(staged: Staged, total: () => number): number[] {
  const limits: number[] = [];
  stop = $effect.root(() => {
    $effect(() => {
      limits.push(staged.limit);
      return staged.grow(total)(document.createElement('ol'));
    });
  });
  flushSync();
  return limits;
}

const nextTask = (): void => {
  vi.advanceTimersByTime(0);
  flushSync();
};

describe('a list staged behind the head', () => {
  it('shows four items, then four more a task, then all of them for good', () => {
    const limits = rendered(new Staged(true), () => 10);
    expect(limits).toEqual([4]);
    nextTask();
    expect(limits).toEqual([4, 8]);
    nextTask();
    expect(limits).toEqual([4, 8, Infinity]);
    nextTask();
    expect(limits).toEqual([4, 8, Infinity]);
  });

  it('waits for its items: nothing grows while the list is empty', () => {
    let total = 0;
    const staged = new Staged(true);
    const limits = rendered(staged, () => total);
    nextTask();
    expect(limits).toEqual([4]);
    total = 6;
    // The page's data arriving re-renders the list, as the limit changing does.
    stop?.();
    const again = rendered(staged, () => total);
    nextTask();
    expect(again).toEqual([4, Infinity]);
  });

  it('stops when the list goes away before its next items', () => {
    const staged = new Staged(true);
    rendered(staged, () => 20);
    stop?.();
    stop = null;
    nextTask();
    expect(staged.limit).toBe(4);
  });

  it('renders whole when not mounted behind a head', () => {
    const limits = rendered(new Staged(false), () => 20);
    nextTask();
    expect(limits).toEqual([Infinity]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
