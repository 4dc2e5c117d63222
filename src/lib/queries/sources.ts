import type { SourceTarget } from '../model/sync';

/** The feed bundled with the app, served from `feed/` beside it. */
export function bundledSource(): SourceTarget {
  return { id: 'default', feedUrl: new URL(`${import.meta.env.BASE_URL}feed/`, window.location.origin).href };
}
