import type { Article } from '../../../src/lib/model/article';
import type { Fetch } from '../../../src/lib/ingest/fetchLimited';
import { FEED_URL } from './fakeFeed';

/** An article row with a body at `bodies/<id>.<hash>.html`. */
export function bodyArticle(id: string, extra: Partial<Article> = {}): Article {
  const hash = extra.bodyHash ?? 'h1';
  return {
    key: `default/${id}`, sourceId: 'default', id, slug: id, url: `https://blog.test/posts/${id}/`, title: `Title ${id}`,
    date: 0, dateOffset: 0, topics: [], author: null, summary: 's', summaryTruncated: false, words: 1, readingMinutes: 1,
    bodyHref: `bodies/${id}.${hash}.html`, bodyHash: hash, bodyBytes: 100, ...extra,
  };
}

/** The body files for the given articles: `<p>Body of <key></p>`. */
export function bodyFiles(articles: readonly Article[]): Map<string, string> {
  return new Map(articles.flatMap((a) => (a.bodyHref ? [[a.bodyHref, `<p>Body of ${a.key}</p>`] as const] : [])));
}

export interface SlowFetchOptions {
  /** Milliseconds before the response; varied delays shuffle completion order. */
  delayMs?: (path: string, index: number) => number;
  fail?: (path: string) => Response | Error | null;
}

/**
 * A fetch over in-memory files that answers after a delay, honours the abort signal and
 * tracks how many requests are in flight at once. `completed` lists bodies actually delivered.
 */
export function slowFetch(files: Map<string, string>, options: SlowFetchOptions = {}) {
  const requests: string[] = [];
  const completed: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetcher: Fetch = (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    const path = href.startsWith(FEED_URL) ? href.slice(FEED_URL.length) : new URL(href).pathname;
    const index = requests.push(path) - 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const finish = () => {
        inFlight -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        clearTimeout(timer);
        finish();
        reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      };
      const timer = setTimeout(() => {
        finish();
        const failure = options.fail?.(path);
        if (failure instanceof Error) return reject(failure);
        if (failure) return resolve(failure);
        const body = files.get(path);
        if (body === undefined) return resolve(new Response('not found', { status: 404 }));
        completed.push(path);
        resolve(new Response(body, { status: 200 }));
      }, options.delayMs?.(path, index) ?? 1);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
  return { fetcher, requests, completed, maxInFlight: () => maxInFlight, inFlight: () => inFlight };
}

/** How many times each path occurs. */
export function countByPath(paths: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1);
  return counts;
}
