import type { Fetch } from './fetchLimited';

/** What ingesting needs from the outside world, so tests can replace each part. */
export interface Environment {
  fetcher: Fetch;
  /** A CORS refusal and a dead network look alike to fetch: this tells them apart. */
  online: boolean;
  now: () => number;
}

export const browserEnvironment = (): Environment => ({ fetcher: fetch, online: navigator.onLine, now: Date.now });
