import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS_SETTLE_MS, Router } from '../../../src/lib/state/router.svelte';

let stop: (() => void) | null = null;

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, '', '/');
  window.scrollTo = () => {};
});
afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A router read by an effect, as the app reads it (its listeners exist only then). */
function mounted(): Router {
  const router = new Router('/');
  stop = $effect.root(() => {
    $effect(() => void router.route);
  });
  flushSync();
  return router;
}

const address = () => `${window.location.pathname}${window.location.search}`;

describe('Router: deferred replacements', () => {
  it('changes the view at once and the address after the pause, with the last replacement only', () => {
    const router = mounted();
    router.navigate('/?q=a');
    const replace = vi.spyOn(window.history, 'replaceState');
    router.navigate('/?q=ab', { replace: true, defer: true });
    router.navigate('/?q=abc', { replace: true, defer: true });
    expect(router.url.search).toBe('?q=abc');
    expect(address()).toBe('/?q=a');
    vi.advanceTimersByTime(ADDRESS_SETTLE_MS - 1);
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(address()).toBe('/?q=abc');
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('writes a waiting address into the entry left behind by the next new entry', () => {
    const router = mounted();
    router.navigate('/?q=a');
    router.navigate('/?q=ab', { replace: true, defer: true });
    router.navigate('/read/s/one?q=ab');
    expect(address()).toBe('/read/s/one?q=ab');
    window.history.back();
    return vi.waitFor(() => expect(address()).toBe('/?q=ab'));
  });

  it('writes a waiting address when the page is hidden, and settleAddress writes it at once', () => {
    const router = mounted();
    router.navigate('/?q=a');
    router.navigate('/?q=ab', { replace: true, defer: true });
    window.dispatchEvent(new Event('pagehide'));
    expect(address()).toBe('/?q=ab');
    router.navigate('/?q=abc', { replace: true, defer: true });
    router.settleAddress();
    expect(address()).toBe('/?q=abc');
    const replace = vi.spyOn(window.history, 'replaceState');
    vi.advanceTimersByTime(ADDRESS_SETTLE_MS);
    expect(replace).not.toHaveBeenCalled();
  });

  it('drops a waiting address on Back: the view shows the entry gone back to, which keeps its own', async () => {
    const router = mounted();
    router.navigate('/?topic=go');
    router.navigate('/?topic=go&q=a');
    router.navigate('/?topic=go&q=ab', { replace: true, defer: true });
    window.history.back();
    await vi.waitFor(() => expect(router.url.search).toBe('?topic=go'));
    vi.advanceTimersByTime(ADDRESS_SETTLE_MS);
    expect(address()).toBe('/?topic=go');
  });

  it('a navigation to where the view already is, ahead of the address, does nothing', () => {
    const router = mounted();
    router.navigate('/?q=ab', { replace: true, defer: true });
    const push = vi.spyOn(window.history, 'pushState');
    router.navigate('/?q=ab');
    expect(push).not.toHaveBeenCalled();
  });
});

describe('Router: history moves before anything listens', () => {
  /** Reads the router in an effect from now on, as the app does once it has mounted. */
  function listen(router: Router): void {
    stop = $effect.root(() => {
      $effect(() => void router.route);
    });
    flushSync();
  }

  it('follows a Back taken while the app was still starting', () => {
    window.history.replaceState(null, '', '/?q=offline&topic=testing');
    const router = new Router('/');
    // Back to the entry before: a popstate the router was not yet listening for.
    window.history.replaceState(null, '', '/?q=offline');
    listen(router);
    expect(router.url.search).toBe('?q=offline');
    expect(router.route).toMatchObject({ name: 'list' });
  });

  it('keeps a view whose address is still waiting to be written', () => {
    const router = new Router('/');
    router.navigate('/?q=ab', { replace: true, defer: true });
    listen(router);
    expect(router.url.search).toBe('?q=ab');
    vi.advanceTimersByTime(ADDRESS_SETTLE_MS);
    expect(address()).toBe('/?q=ab');
  });
});

describe('Router: Back to a list', () => {
  /** A card on the page whose top in the window is `at.top`, beside a view heading for the article's focus. */
  function card(key: string, at: { top: number }): HTMLAnchorElement {
    const article = document.createElement('article');
    article.className = 'card';
    article.dataset.key = key;
    article.innerHTML = `<h2 class="card-title"><a href="/read/${key}">One</a></h2>`;
    article.getBoundingClientRect = () => ({ top: at.top }) as DOMRect;
    const heading = document.createElement('h1');
    heading.dataset.viewFocus = '';
    heading.tabIndex = -1;
    document.body.replaceChildren(heading, article);
    return article.querySelector('a') as HTMLAnchorElement;
  }

  it('puts the card that was opened back where it was in the window, though the list above it changed height', async () => {
    vi.stubGlobal('CSS', { escape: (s: string) => s });
    const scrollBy = vi.fn();
    window.scrollBy = scrollBy;
    const at = { top: 300 };
    const link = card('s/one', at);
    const router = mounted();
    router.navigate('/read/s/one', { returnKey: 's/one' });
    // The list drawn again: the cards above it now stand in at another height, 120 px more.
    at.top = 420;
    window.history.back();
    await vi.waitFor(() => expect(document.activeElement).toBe(link));
    expect(scrollBy).toHaveBeenCalledExactlyOnceWith({ top: 120, behavior: 'instant' });
  });

  it('leaves the scroll alone when the card is where it was', async () => {
    vi.stubGlobal('CSS', { escape: (s: string) => s });
    const scrollBy = vi.fn();
    window.scrollBy = scrollBy;
    const link = card('s/one', { top: 300 });
    const router = mounted();
    router.navigate('/read/s/one', { returnKey: 's/one' });
    window.history.back();
    await vi.waitFor(() => expect(document.activeElement).toBe(link));
    expect(scrollBy).not.toHaveBeenCalled();
  });
});
