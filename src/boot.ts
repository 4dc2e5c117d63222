import { mount } from 'svelte';
import App from './app/App.svelte';
import { liveReady, type Painted } from './app/head/handOver';
import { later } from './app/shared/later';
import { rooted } from './app/shared/rooted.svelte';
import { STAGED_KEY } from './app/shared/staged.svelte';
import type { HeadRecord } from './lib/model/head';
import { createQueryClient } from './lib/queries/client';
import { createAppState } from './lib/state/app';
import { appContext } from './lib/state/context';

/** Past this, the live app shows whatever it has: a head is never left on screen for long. */
const HAND_OVER_LIMIT_MS = 5000;
/** A first visit's head stands for a first sync over a network that may be slow: it waits longer. */
const FIRST_VISIT_LIMIT_MS = 15_000;
/** "Continue reading" reads its own articles; it gets this long after the cards to join them. */
const CONTINUE_WAIT_MS = 300;

/**
 * Mounts the app. Its state (the database, the query client, the worker's client) is made in a task
 * of its own first: together with the mount it would block input for over 200 ms on a slow phone.
 * With a head painted, the app mounts out of view and shows when its list is ready, in the same task
 * as the head goes, so nothing paints in between. `storedHead` is the head painted from the store (not
 * a first visit's folder head): the head keeper starts knowing it is stored.
 */
export async function start(target: HTMLElement, painted: Painted | null, removeHead: (() => void) | null, storedHead: HeadRecord | null = null): Promise<void> {
  const queryClient = createQueryClient();
  const context = appContext(rooted(() => createAppState(import.meta.env.BASE_URL, queryClient, storedHead)), queryClient);
  await later();
  if (!painted || !removeHead) {
    // The static header painted from index.html gives way to the app's, which takes its exact place.
    document.getElementById('shell')?.remove();
    mount(App, { target, context });
    return;
  }
  // Out of view but rendered, not display:none: the browser styles and lays the app out as it
  // renders, so the hand-over is a cheap visibility switch rather than the whole page's style and
  // layout in one task. Inert keeps it out of reach of the keyboard and screen readers meanwhile.
  target.inert = true;
  target.style.cssText = 'position:absolute;top:0;left:0;right:0;visibility:hidden';
  let done = false;
  const show = (): void => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(limit);
    removeHead();
    document.getElementById('shell')?.remove();
    target.removeAttribute('style');
    target.inert = false;
  };
  let continueTimer: ReturnType<typeof setTimeout> | null = null;
  const check = (): void => {
    const ready = liveReady(target, painted);
    if (ready === 'yes') show();
    else if (ready === 'cards') continueTimer ??= setTimeout(show, CONTINUE_WAIT_MS);
  };
  const observer = new MutationObserver(check);
  observer.observe(target, { childList: true, subtree: true });
  const limit = setTimeout(show, painted.firstVisit ? FIRST_VISIT_LIMIT_MS : HAND_OVER_LIMIT_MS);
  mount(App, { target, context: context.set(STAGED_KEY, () => !done) });
  check();
}
