import { tick } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import { parseRoute, type Route } from '../router/routes';

const FOCUS_WAIT_MS = 5000;

/**
 * How long a deferred replacement waits for the next one before the browser is told. Each history
 * call is a trip to the browser (5–20 ms a keystroke at 100k on two cores), taken between the key
 * and its results; the view follows every key, and the address follows once typing pauses.
 */
export const ADDRESS_SETTLE_MS = 400;

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
  /**
   * Where that card's top was in the window: Back puts the card back there, whatever the cards above
   * it now measure (the text size changed, a card drawn otherwise), rather than trusting scrollY alone.
   */
  returnTop?: number;
  listBehind?: boolean;
}

const cardSelector = (key: string): string => `.card[data-key="${CSS.escape(key)}"]`;

/** A card's top in the window, when it is on the page. */
function cardTop(key: string | undefined): number | undefined {
  return key === undefined ? undefined : document.querySelector(cardSelector(key))?.getBoundingClientRect().top;
}

function readEntry(state: unknown): HistoryEntry {
  return typeof state === 'object' && state !== null ? (state as HistoryEntry) : {};
}

/** The URL is the state of the view: every view change is a history entry. */
export class Router {
  readonly base: string;
  #url = $state.raw<URL>(new URL(window.location.href));
  /** A replacement of the current entry not yet given to the browser (`defer`). */
  #unsettled: { entry: HistoryEntry; url: URL; timer: ReturnType<typeof setTimeout> } | null = null;
  readonly route: Route = $derived.by(() => parseRoute(this.url, this.base));
  // History and link clicks are followed while the app reads the URL, which is whenever it shows.
  readonly #subscribe = createSubscriber(() => {
    const onPopState = (): void => {
      // The entry it was meant for is behind us now: it keeps the address it had.
      this.#dropUnsettled();
      const changedView = window.location.pathname !== this.#url.pathname;
      this.#url = new URL(window.location.href);
      // Back to a list: focus the card that was opened, where the list was scrolled to.
      const saved = readEntry(window.history.state);
      if (changedView) void this.focusView(saved.returnKey, saved.scrollY, saved.returnTop);
    };
    const onClick = (event: MouseEvent): void => this.interceptLink(event);
    const onPageHide = (): void => this.settleAddress();
    window.addEventListener('popstate', onPopState);
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('click', onClick);
    // A Back or Forward taken before anything listened (as the app starts) is followed now; an
    // address still waiting to be written (`defer`) differs from the view on purpose.
    if (!this.#unsettled && window.location.href !== this.#url.href) onPopState();
    return () => {
      window.removeEventListener('popstate', onPopState);
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('click', onClick);
      this.settleAddress();
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
   * `defer` (with `replace`): the view changes now and the address after ADDRESS_SETTLE_MS without
   * another replacement, or at the next navigation, `settleAddress` or when the page is hidden.
   */
  navigate(href: string, options: { replace?: boolean; defer?: boolean; reset?: boolean; returnKey?: string; keepFocus?: boolean } = {}): void {
    const target = new URL(href, this.#url);
    if (target.href === this.#url.href) return;
    const reset = options.reset ?? target.pathname !== this.#url.pathname;
    const from = this.route;
    const to = parseRoute(target, this.base);
    const entry: HistoryEntry = { listBehind: from.name === 'list' && to.name === 'article' };
    if (options.replace && options.defer) this.#defer(entry, target);
    else {
      this.#dropUnsettled();
      if (options.replace) window.history.replaceState(entry, '', target);
      else {
        // The entry left behind remembers its scroll and the card that was opened, for Back, and
        // takes any address still waiting; one being replaced is not left behind.
        const left = { scrollY: window.scrollY, returnKey: options.returnKey, returnTop: cardTop(options.returnKey) };
        window.history.replaceState({ ...readEntry(window.history.state), ...left }, '', this.#url);
        window.history.pushState(entry, '', target);
      }
    }
    this.#url = target;
    if (reset) window.scrollTo({ top: 0, behavior: 'instant' });
    // Typing in the search box opens the results without taking focus from the box.
    if (reset && !options.keepFocus) {
      // From an article to a list: focus that article's card, as Back does.
      void this.focusView(from.name === 'article' && to.name === 'list' ? from.key : undefined);
    }
  }

  /** Gives the browser the address a deferred replacement is waiting to write, if any. */
  settleAddress(): void {
    const unsettled = this.#unsettled;
    if (!unsettled) return;
    this.#dropUnsettled();
    window.history.replaceState(unsettled.entry, '', unsettled.url);
  }

  #defer(entry: HistoryEntry, url: URL): void {
    this.#dropUnsettled();
    this.#unsettled = { entry, url, timer: setTimeout(() => this.settleAddress(), ADDRESS_SETTLE_MS) };
  }

  #dropUnsettled(): void {
    if (this.#unsettled) clearTimeout(this.#unsettled.timer);
    this.#unsettled = null;
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
    if (target.pathname === this.#url.pathname && target.search === this.#url.search && target.hash) return;
    event.preventDefault();
    const returnKey = link.closest<HTMLElement>('[data-key]')?.dataset.key;
    this.navigate(target.href, { reset: link.dataset.reset === undefined ? undefined : link.dataset.reset !== 'false', returnKey });
  }

  private focusRequest = 0;

  /**
   * Moves focus to the new view's heading, so keyboard and screen-reader users land on it.
   * A view that loads its code or data first gets its heading a little later: wait for it.
   */
  private async focusView(cardKey?: string, scrollY?: number, cardWasAt?: number): Promise<void> {
    const request = ++this.focusRequest;
    await tick();
    const card = cardKey === undefined ? null : `${cardSelector(cardKey)} .card-title a`;
    const find = () => (card ? document.querySelector<HTMLElement>(card) : null) ?? document.querySelector<HTMLElement>('[data-view-focus]');
    let target = find() ?? (await waitFor(find, FOCUS_WAIT_MS));
    // The heading can show before the cards do: give the card a moment to arrive.
    if (card && target && !target.matches(card)) target = (await waitFor(() => document.querySelector<HTMLElement>(card), 1500)) ?? target;
    if (!target || request !== this.focusRequest) return;
    // Putting a view back where it was is no movement to animate.
    if (scrollY !== undefined) window.scrollTo({ top: scrollY, behavior: 'instant' });
    const drift = cardWasAt === undefined || !card || !target.matches(card) ? 0 : (cardTop(cardKey) ?? cardWasAt) - cardWasAt;
    if (Math.abs(drift) >= 1) window.scrollBy({ top: drift, behavior: 'instant' });
    target.focus({ preventScroll: scrollY !== undefined });
  }
}
