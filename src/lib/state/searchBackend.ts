import { createSearchBackend } from '../finder/backend';
import type { SearchBackend } from '../model/search';

/**
 * The one place the app gets its search backend: the query worker over the stored index, started
 * by the first search.
 */
export function createAppSearch(): SearchBackend {
  return createSearchBackend();
}
