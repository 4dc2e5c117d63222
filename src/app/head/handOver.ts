/** What the painted head showed, so the live list takes over only once it shows as much. */
export interface Painted {
  continueReading: boolean;
}

/**
 * Whether the live app's view (mounted hidden) has what the head showed: 'yes', 'no' (still loading),
 * or 'cards' (the cards, with "Continue reading" still to come). A view with something else to say
 * (an error, an empty library) is ready too: the head must not stand in for it.
 */
export function liveReady(root: ParentNode, painted: Painted): 'yes' | 'no' | 'cards' {
  const main = root.querySelector('main');
  if (!main || main.querySelector('[data-loading]')) return 'no';
  if (main.querySelector('ol.article-list > li')) return painted.continueReading && !main.querySelector('.continue') ? 'cards' : 'yes';
  return main.querySelector('[role="alert"], .empty-state') ? 'yes' : 'no';
}
