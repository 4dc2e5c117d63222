/**
 * Why a feed on another site cannot be read, and what its owner can do: shown behind a "Why?"
 * disclosure, never in the error line itself.
 */
export const CORS_EXPLANATION =
  'Browsers let a page read another site’s files only when that site allows it (CORS). This feed’s site does not.';

export const HOSTING_ADVICE =
  'If you run Folio yourself, host the feed next to it, or build it into a feed folder with `npm run feed -- build <url> --out public/feed`.';
