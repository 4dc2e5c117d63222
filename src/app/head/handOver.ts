/** What the painted head showed, so the live list takes over only once it shows as much. */
export interface Painted {
  continueReading: boolean;
  /** Cards the head showed: a first sync's list grows shard by shard, and takes over only once it shows as many. */
  cards: number;
  /** A first visit's head: the library is empty until the first sync lands, which is no answer yet. */
  firstVisit: boolean;
}

/**
 * Whether the live app's view (mounted hidden) has what the head showed: 'yes', 'no' (still loading),
 * or 'cards' (the cards, with "Continue reading" still to come). A view with something else to say
 * (an error; an empty library, unless a first sync is still to fill it) is ready too: the head must
 * not stand in for it.
 */
export function liveReady(root: ParentNode, painted: Painted): 'yes' | 'no' | 'cards' {
  const main = root.querySelector('main');
  if (!main || main.querySelector('[data-loading]')) return 'no';
  const shown = main.querySelectorAll('ol.article-list > li').length;
  if (shown > 0 && shown >= painted.cards) return painted.continueReading && !main.querySelector('.continue') ? 'cards' : 'yes';
  if (main.querySelector('[role="alert"]')) return 'yes';
  return !painted.firstVisit && main.querySelector('.empty-state') ? 'yes' : 'no';
}
