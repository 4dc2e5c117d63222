import { offsetOf, placeAt, type ArticleBox } from '../../lib/display/position';
import type { Reading } from '../../lib/state/reading.svelte';

const SAVE_EVERY_MS = 800;

function measure(node: HTMLElement): ArticleBox {
  const top = node.getBoundingClientRect().top + window.scrollY;
  const headings = [...node.querySelectorAll<HTMLElement>('h2[id], h3[id], h4[id]')].map((h) => ({ id: h.id, top: h.getBoundingClientRect().top + window.scrollY }));
  return { top, bottom: top + node.offsetHeight, headings };
}

/** The element a `#section` names; none for a malformed one. */
function hashTarget(hash: string): HTMLElement | null {
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null;
  }
}

interface TrackOptions {
  key: string;
  reading: Reading;
  /** All of the text is in the page, so the saved place can be found in it. */
  ready: boolean;
}

/**
 * Keeps the reader's place in the article text: returns to it once the text is in, then saves
 * it at most about once a second while the reader scrolls (never on every scroll event), and when
 * the page is hidden. Reaching the end marks the article read (Reading.savePosition).
 */
export function trackPosition(node: HTMLElement, { key, reading, ready }: TrackOptions) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let restoring = false;
  let restored = false;

  const save = (): void => {
    timer = null;
    if (!restored) return;
    const place = placeAt(measure(node), window.scrollY, window.innerHeight);
    void reading.savePosition(key, { ...place, at: Date.now() });
  };
  const onScroll = (): void => {
    timer ??= setTimeout(save, SAVE_EVERY_MS);
  };
  const onHide = (): void => {
    if (document.visibilityState !== 'hidden') return;
    if (timer) clearTimeout(timer);
    save();
  };

  // A link to a heading (#section) decides where to be, once the text that holds it is in (it came
  // after the page loaded, so the browser did not scroll to it); otherwise go back to the saved place.
  const restore = (): void => {
    restoring = true;
    const hash = window.location.hash;
    if (hash) hashTarget(hash)?.scrollIntoView({ behavior: 'instant' });
    void reading.positionOf(key).then((position) => {
      if (position && !hash) window.scrollTo({ top: offsetOf(measure(node), position, window.innerHeight), behavior: 'instant' });
      restored = true;
    });
  };
  if (ready) restore();
  window.addEventListener('scroll', onScroll, { passive: true });
  document.addEventListener('visibilitychange', onHide);
  return {
    update(next: TrackOptions): void {
      if (next.ready && !restoring) restore();
    },
    destroy(): void {
      window.removeEventListener('scroll', onScroll);
      document.removeEventListener('visibilitychange', onHide);
      if (timer) {
        clearTimeout(timer);
        save();
      }
    },
  };
}
