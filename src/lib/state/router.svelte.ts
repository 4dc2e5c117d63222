import { tick } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import { parseRoute, type Route } from '../router/routes';

const FOCUS_WAIT_MS = 5000;

function waitFor<T>(find: () => T | null, timeoutMs: number): Promise<T | null> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const found = find();
      if (found) finish(found);
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    const finish = (value: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    };
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/** What Folio keeps in a history entry. */
interface HistoryEntry {
  scrollY?: number;
  /** The card whose article was opened from this entry. */
  returnKey?: string;
  listBehind?: boolean;
}

function readEntry(state: unknown): HistoryEntry {
  return typeof state === 'object' && state !== null ? (state as HistoryEntry) : {};
}

/** The URL is the state of the view: every view change is a history entry. */
export class Router {
  readonly base: string;
  #url = $state.raw<URL>(new URL(window.location.href));
  readonly route: Route = $derived.by(() => parseRoute(this.url, this.base));
  // History and link clicks are followed while the app reads the URL, which is whenever it shows.
  readonly #subscribe = createSubscriber(() => {
    const onPopState = (): void => {
      const changedView = window.location.pathname !== this.#url.pathname;
      this.#url = new URL(window.location.href);
      // Back to a list: focus the card that was opened, where the list was scrolled to.
      const saved = readEntry(window.history.state);
      if (changedView) void this.focusView(saved.returnKey, saved.scrollY);
    };
    const onClick = (event: MouseEvent): void => this.interceptLink(event);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick);
    };
  });

  constructor(base: string) {
    this.base = base;
    // Views render after their data arrives, so Folio puts the scroll back itself (focusView).
    if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual';
  }

  get url(): URL {
    this.#subscribe();
    return this.#url;
  }

  /**
   * A new view (another path) scrolls to the top and moves focus to its heading (unless
   * `keepFocus`); a filter change keeps both where they are unless `reset` asks for it, as paging does.
   */
  navigate(href: string, options: { replace?: boolean; reset?: boolean; returnKey?: string; keepFocus?: boolean } = {}): void {
    const target = new URL(href, window.location.href);
    if (target.href === window.location.href) return;
    const reset = options.reset ?? target.pathname !== window.location.pathname;
    const from = this.route;
    const to = parseRoute(target, this.base);
    // The entry left behind remembers its scroll and the card that was opened, for Back; one being
    // replaced is not left behind (each history call costs the page a trip to the browser).
    if (!options.replace) window.history.replaceState({ ...readEntry(window.history.state), scrollY: window.scrollY, returnKey: options.returnKey }, '');
    const entry: HistoryEntry = { listBehind: from.name === 'list' && to.name === 'article' };
    if (options.replace) window.history.replaceState(entry, '', target);
    else window.history.pushState(entry, '', target);
    this.#url = target;
    if (reset) window.scrollTo({ top: 0, behavior: 'instant' });
    // Typing in the search box opens the results without taking focus from the box.
    if (reset && !options.keepFocus) {
      // From an article to a list: focus that article's card, as Back does.
      void this.focusView(from.name === 'article' && to.name === 'list' ? from.key : undefined);
    }
  }

  /** Whether the entry before this one is the list this article was opened from. */
  get listBehind(): boolean {
    return readEntry(window.history.state).listBehind === true;
  }

  /** Same-app links navigate in place; new tabs, downloads and other sites keep browser behaviour. */
  private interceptLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || link.target || link.hasAttribute('download') || !link.href) return;
    const target = new URL(link.href);
    if (target.origin !== window.location.origin || !target.pathname.startsWith(this.base)) return;
    if (target.pathname === window.location.pathname && target.search === window.location.search && target.hash) return;
    event.preventDefault();
    const returnKey = link.closest<HTMLElement>('[data-key]')?.dataset.key;
    this.navigate(target.href, { reset: link.dataset.reset === undefined ? undefined : link.dataset.reset !== 'false', returnKey });
  }

  private focusRequest = 0;

  /**
   * Moves focus to the new view's heading, so keyboard and screen-reader users land on it.
   * A view that loads its code or data first gets its heading a little later: wait for it.
   */
  private async focusView(cardKey?: string, scrollY?: number): Promise<void> {
    const request = ++this.focusRequest;
    await tick();
    const card = cardKey === undefined ? null : `[data-key="${CSS.escape(cardKey)}"] .card-title a`;
    const find = () => (card ? document.querySelector<HTMLElement>(card) : null) ?? document.querySelector<HTMLElement>('[data-view-focus]');
    let target = find() ?? (await waitFor(find, FOCUS_WAIT_MS));
    // The heading can show before the cards do: give the card a moment to arrive.
    if (card && target && !target.matches(card)) target = (await waitFor(() => document.querySelector<HTMLElement>(card), 1500)) ?? target;
    if (!target || request !== this.focusRequest) return;
    // Putting a view back where it was is no movement to animate.
    if (scrollY !== undefined) window.scrollTo({ top: scrollY, behavior: 'instant' });
    target.focus({ preventScroll: scrollY !== undefined });
  }
}
