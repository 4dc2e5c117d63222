import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_FIRST_CARDS, AnswerStages, type DrawnQuery } from '../../../src/app/list/answerStages.svelte';

let stop: (() => void) | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] }));
afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

/**
 * A list as ArticleList draws it: the limit read as it renders (a pre effect), then the element's
 * attachment after the render. `show` hands it the next cards; `limits` is every limit drawn with.
 */
function list(first: { query: DrawnQuery; count: number }) {
  const stages = new AnswerStages();
  let drawn = $state(first);
  const limits: number[] = [];
  stop = $effect.root(() => {
    $effect.pre(() => {
      limits.push(stages.limit(drawn.query, drawn.count));
    });
    $effect(() => stages.after(() => drawn)(document.createElement('ol')));
  });
  flushSync();
  return {
    limits,
    show(query: DrawnQuery, count = 20) {
      drawn = { query, count };
      flushSync();
    },
  };
}

/** The next frame, then the task after it (a fake clock delays a timer set during a tick by 1 ms). */
function nextFrame(): void {
  vi.advanceTimersToNextFrame();
  vi.advanceTimersByTime(1);
  flushSync();
}

describe("a newly typed query's answer", () => {
  it('draws its first cards, then the rest after the next frame, and stays whole', () => {
    const l = list({ query: null, count: 20 });
    l.show('kub');
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS]);
    vi.advanceTimersByTime(0);
    flushSync();
    // Not before the frame that shows the first cards.
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS]);
    nextFrame();
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS, Infinity]);
    nextFrame();
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS, Infinity]);
  });

  it('is staged at each key: a new answer before the rest came in is staged in turn, and its rest comes once', () => {
    const l = list({ query: 'ku', count: 20 });
    l.show('kub');
    l.show(undefined);
    // The cards kept while the next are read stay as drawn, and their rest waits.
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS, ANSWER_FIRST_CARDS]);
    nextFrame();
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS, ANSWER_FIRST_CARDS]);
    l.show('kube');
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS, ANSWER_FIRST_CARDS, ANSWER_FIRST_CARDS]);
    nextFrame();
    expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS, ANSWER_FIRST_CARDS, ANSWER_FIRST_CARDS, Infinity]);
  });
});

describe('cards drawn whole', () => {
  it("a list's first cards, a search's included: Back from an article must find its card", () => {
    const l = list({ query: 'kubernetes', count: 20 });
    nextFrame();
    expect(l.limits).toEqual([Infinity]);
  });

  it('a page, a sort or a refresh of the same query', () => {
    const l = list({ query: 'kubernetes', count: 20 });
    l.show('kubernetes', 20);
    l.show('kubernetes', 19);
    nextFrame();
    expect(l.limits).toEqual([Infinity, Infinity, Infinity]);
  });

  it('an answer that fits in the first frame, and the list without a search', () => {
    const l = list({ query: null, count: 20 });
    l.show('rare', ANSWER_FIRST_CARDS);
    l.show(null, 20);
    nextFrame();
    expect(l.limits).toEqual([Infinity, Infinity, Infinity]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the kept cards of a whole answer stay whole', () => {
    const l = list({ query: 'kub', count: 20 });
    l.show(undefined);
    expect(l.limits).toEqual([Infinity, Infinity]);
  });
});

it('a list that goes away before its rest comes in asks for nothing more', () => {
  const l = list({ query: null, count: 20 });
  l.show('kub');
  stop?.();
  stop = null;
  nextFrame();
  expect(l.limits).toEqual([Infinity, ANSWER_FIRST_CARDS]);
  expect(vi.getTimerCount()).toBe(0);
});
