import { articleTexts, TEXT_ASK_WAIT_MS } from './articleTexts';
import type { Fetch } from './fetchLimited';

/** What ingesting needs from the outside world, so tests can replace each part. */
export interface Environment {
  fetcher: Fetch;
  /** A CORS refusal and a dead network look alike to fetch: this tells them apart. */
  online: boolean;
  now: () => number;
  /** Resolves once the article text the page asked for is in (ArticleTexts.settled); absent: at once. */
  afterTexts?: () => Promise<void>;
  /** Resolves once no article text is being fetched (ArticleTexts.idle): a first sync waits on it between shards. */
  textsIdle?: () => Promise<void>;
}

export const browserEnvironment = (): Environment => ({
  fetcher: fetch,
  online: navigator.onLine,
  now: Date.now,
  afterTexts: () => articleTexts.settled(TEXT_ASK_WAIT_MS),
  textsIdle: () => articleTexts.idle(),
});
