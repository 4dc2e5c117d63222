import { AppError } from '../model/error';
import type { SearchBackend } from '../model/search';

/**
 * The one place the app gets its search backend (the query worker over the stored index). Until
 * that worker is part of the build, searches say so instead of answering from a partial index.
 */
export function createAppSearch(): SearchBackend {
  const missing = (): Promise<never> => Promise.reject(new AppError('unknown', 'Search is not available in this version of Folio.'));
  return { search: missing, snippets: missing };
}
