import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, parseListParams, type ListParams } from '../../../src/lib/list/params';
import { sameList, searchOnScreen, shownParams, steady } from '../../../src/lib/list/shown';

const at = (query: string): ListParams => parseListParams(new URLSearchParams(query));

describe('the params a list draws with', () => {
  it('keep the query of the answer on screen while the next one runs', () => {
    expect(shownParams(at('q=kube&topic=go'), 'kub')).toEqual(at('q=kub&topic=go'));
    expect(shownParams(at('q=kube'), null)).toEqual(at('q=kube'));
    const params = at('q=kube');
    expect(shownParams(params, 'kube')).toBe(params);
  });

  it('stay the same object while each keystroke waits on the same answer, and change with it', () => {
    const keep = steady(sameList);
    const first = keep(shownParams(at('q=kube'), 'kub'));
    expect(keep(shownParams(at('q=kuber'), 'kub'))).toBe(first);
    expect(keep(shownParams(at('q=kubern'), 'kub'))).toBe(first);
    const answered = keep(shownParams(at('q=kubern'), 'kubern'));
    expect(answered).not.toBe(first);
    expect(answered.q).toBe('kubern');
    // Any other change of the list is a new object at once, answer or not.
    expect(keep(shownParams(at('q=kubern&sort=newest'), 'kubern')).sort).toBe('newest');
  });

  it('compare whole lists: topics, dates, page, size and state all count', () => {
    expect(sameList(at('topic=a&topic=b'), at('topic=a&topic=b'))).toBe(true);
    expect(sameList(at('topic=a&topic=b'), at('topic=b&topic=a'))).toBe(false);
    for (const other of ['page=2', 'size=50', 'from=2025-01-01', 'state=saved', 'offline=1', 'source=s-1', 'q=a']) {
      expect(sameList(DEFAULT_PARAMS, at(other)), other).toBe(false);
    }
  });

  it('keep the last answer on screen while the next words run, but not past an emptied box', () => {
    const show = searchOnScreen<string>();
    // A first search: nothing to show until its answer is in.
    expect(show(true, undefined, false)).toBeNull();
    expect(show(true, 'kub', false)).toBe('kub');
    // The next key's search runs: its answer so far is the last one, as a placeholder.
    expect(show(true, 'kub', true)).toBe('kub');
    expect(show(true, 'kube', false)).toBe('kube');
    // The box emptied: no search shown, though the query still holds the last answer.
    expect(show(false, 'kube', true)).toBeNull();
    // New words: the old answer is not brought back as theirs.
    expect(show(true, 'kube', true)).toBeNull();
    expect(show(true, 'k', false)).toBe('k');
    expect(show(true, 'k', true)).toBe('k');
  });
});
