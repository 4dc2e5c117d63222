import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { rooted } from '../../../src/app/shared/rooted.svelte';

/** State made outside any component, with an effect of its own, as the app's sync scheduler has. */
class Watched {
  value = $state(1);
  seen: number[] = [];
  constructor() {
    $effect(() => {
      this.seen.push(this.value);
    });
  }
}

describe('rooted', () => {
  it('makes state whose effects need a root, outside any component, and keeps them running', () => {
    expect(() => new Watched()).toThrow(/effect_orphan/);
    const watched = rooted(() => new Watched());
    flushSync();
    watched.value = 2;
    flushSync();
    expect(watched.seen).toEqual([1, 2]);
  });

  it('passes on what making the value throws', () => {
    expect(() =>
      rooted(() => {
        throw new Error('no database');
      }),
    ).toThrow('no database');
  });
});
