import { cleanQuery } from '../list/params';
import { routeParams, searchHref } from '../router/routes';
import type { Router } from './router.svelte';

/**
 * Input events of one task (a paste, an input method's commit) are one search; any pause longer
 * would only delay the last key's results. Results follow every key, because the search runs in its
 * worker and one that is typed past before it starts is dropped (finder/backend.ts), so a fast
 * typist never waits on stale searches. At 16 ms (a frame) this pause was a third of the budget.
 */
export const SEARCH_DEBOUNCE_MS = 0;

/**
 * The header's search box. The URL (`?q=`) is the search; while the reader types, the box shows
 * the draft and the view follows it, replacing one history entry: a typing session is one entry,
 * and Enter or leaving the box ends it. The address bar itself follows once typing pauses (the
 * router's `defer`). Back, forward or a link show their own query.
 */
export class SearchBox {
  #draft = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Whether this typing session has its history entry already. */
  #entered = false;
  readonly #router: Router;
  readonly #delayMs: number;
  readonly #prefetch: (query: string, previous: string) => void;

  /** `prefetch` starts the search for typed words at once, before the address follows them. */
  constructor(router: Router, delayMs = SEARCH_DEBOUNCE_MS, prefetch: (query: string, previous: string) => void = () => undefined) {
    this.#router = router;
    this.#delayMs = delayMs;
    this.#prefetch = prefetch;
  }

  /** What the box shows: the words being typed, else the current view's query. */
  get value(): string {
    return this.#draft ?? routeParams(this.#router.route).q;
  }

  input(text: string): void {
    this.#prefetch(cleanQuery(text), cleanQuery(this.#draft ?? routeParams(this.#router.route).q));
    this.#draft = text;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#apply(true), this.#delayMs);
  }

  /** Enter, or leaving the box: the results show now, and the next keystroke starts a new entry. */
  commit(): void {
    this.#apply(false);
    this.#router.settleAddress();
    this.#entered = false;
    this.#draft = null;
  }

  /** Escape: no query any more. Elsewhere than the list, only the unsent words go. */
  clear(): void {
    if (this.#router.route.name === 'list') this.#draft = '';
    this.commit();
  }

  /** `typing`: more keys may follow, so the address may wait for them. */
  #apply(typing: boolean): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const draft = this.#draft;
    if (draft === null || cleanQuery(draft) === routeParams(this.#router.route).q) return;
    const href = searchHref(this.#router.base, this.#router.route, draft);
    this.#router.navigate(href, { replace: this.#entered, defer: typing, keepFocus: true });
    this.#entered = true;
  }
}
