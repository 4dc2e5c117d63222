import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS_SETTLE_MS, Router } from '../../../src/lib/state/router.svelte';
import { SEARCH_DEBOUNCE_MS, SearchBox } from '../../../src/lib/state/searchBox.svelte';

let stop: (() => void) | null = null;

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, '', '/?topic=rust');
  // jsdom has no scrolling; the router scrolls on view changes.
  window.scrollTo = () => {};
});
afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

/** A router and search box, read by an effect as the header reads them. */
function mounted(prefetch?: (query: string, previous: string) => void) {
  const router = new Router('/');
  const box = new SearchBox(router, SEARCH_DEBOUNCE_MS, prefetch);
  stop = $effect.root(() => {
    $effect(() => void [router.route, box.value]);
  });
  flushSync();
  routeQuery = () => router.url.searchParams.get('q') ?? '';
  return { router, box };
}

const where = () => `${window.location.pathname}${window.location.search}`;
/** The query of the view's URL, which may be ahead of the address bar while typing. */
let routeQuery: () => string = () => '';

describe('SearchBox', () => {
  it('starts the search for each keystroke at once, before the address follows, with the words before it', () => {
    const prefetch = vi.fn();
    const { box } = mounted(prefetch);
    box.input('k');
    expect(prefetch).toHaveBeenLastCalledWith('k', '');
    box.input('ku\u0007');
    // As the address will carry it: control characters are spaces there.
    expect(prefetch).toHaveBeenLastCalledWith('ku ', 'k');
    expect(where()).toBe('/?topic=rust');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(where()).toBe('/?q=ku+&topic=rust');
    box.commit();
    box.input('kub');
    expect(prefetch).toHaveBeenLastCalledWith('kub', 'ku ');
    expect(prefetch).toHaveBeenCalledTimes(3);
  });

  it('follows typing after a pause, in one history entry, keeping the filters', () => {
    const { box } = mounted();
    const before = window.history.length;
    box.input('k');
    box.input('ku');
    box.input('kube');
    expect(box.value).toBe('kube');
    expect(where()).toBe('/?topic=rust');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(where()).toBe('/?q=kube&topic=rust');
    box.input('kubernetes');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    // The view follows the key at once; the address once typing pauses.
    expect(routeQuery()).toBe('kubernetes');
    vi.advanceTimersByTime(ADDRESS_SETTLE_MS);
    expect(where()).toBe('/?q=kubernetes&topic=rust');
    expect(window.history.length).toBe(before + 1);
  });

  it('gives the browser one history call per pause in typing, not one per key, once its entry exists', () => {
    const { box } = mounted();
    box.input('k');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const replace = vi.spyOn(window.history, 'replaceState');
    const push = vi.spyOn(window.history, 'pushState');
    for (const text of ['ku', 'kub', 'kube']) {
      box.input(text);
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      expect(routeQuery()).toBe(text);
    }
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersByTime(ADDRESS_SETTLE_MS);
    expect(where()).toBe('/?q=kube&topic=rust');
    expect(replace).toHaveBeenCalledTimes(1);
    expect(push).not.toHaveBeenCalled();
  });

  it('writes the address at once on Enter, even when the view already shows the words', () => {
    const { box } = mounted();
    box.input('k');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    box.input('kube');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(where()).toBe('/?q=k&topic=rust');
    box.commit();
    expect(where()).toBe('/?q=kube&topic=rust');
  });

  it('commits on Enter or leaving the box; the next typing is a new entry', () => {
    const { box } = mounted();
    const before = window.history.length;
    box.input('rust');
    box.commit();
    expect(where()).toBe('/?q=rust&topic=rust');
    box.input('rust async');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(window.history.length).toBe(before + 2);
    box.commit();
    box.commit();
    expect(window.history.length).toBe(before + 2);
  });

  it('shows the query of the URL when not typing, after back, forward or a link', () => {
    const { box, router } = mounted();
    router.navigate('/?q=tokio');
    flushSync();
    expect(box.value).toBe('tokio');
    router.navigate('/?q=serde');
    flushSync();
    expect(box.value).toBe('serde');
  });

  it('opens results in the list from another view, with that view’s filters', () => {
    window.history.replaceState(null, '', '/read/s/post-1?topic=go&page=3');
    const { box, router } = mounted();
    box.input('channels');
    box.commit();
    expect(where()).toBe('/?q=channels&topic=go');
    expect(router.route.name).toBe('list');
  });

  it('clears the query with Escape, and sends nothing for a blank box', () => {
    window.history.replaceState(null, '', '/?q=rust&sort=oldest');
    const { box } = mounted();
    box.clear();
    expect(where()).toBe('/?sort=oldest');
    const before = window.history.length;
    box.input('   ');
    box.commit();
    expect(window.history.length).toBe(before);
  });
});
