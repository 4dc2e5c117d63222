/**
 * Article texts this worker is fetching for the page. A first sync started while the reader opens
 * an article (a shared link) leaves the search index's body parts until that text is in: on a slow
 * network the parts, 2.2 MB for the real blog, shared its bandwidth and held the text back by about
 * a quarter of a second (README, *First load*).
 */
export class ArticleTexts {
  #running = 0;
  #ended = 0;
  readonly #waiting = new Set<() => boolean>();

  /** Call as a text's job starts; call what it returns once the job ends, however it ends. */
  started(): () => void {
    this.#running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#running--;
      this.#ended++;
      for (const settle of this.#waiting) if (settle()) this.#waiting.delete(settle);
    };
  }

  /** Resolves once no text is being fetched: at once when none is. */
  idle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiting.add(() => {
        if (this.#running > 0) return false;
        resolve();
        return true;
      });
    });
  }

  /**
   * Resolves once no text is being fetched and one has been, or, when none is asked for within
   * `noneAskedMs` (the article was not found, the reader left), once none is being fetched.
   */
  settled(noneAskedMs: number): Promise<void> {
    return new Promise((resolve) => {
      let waited = false;
      const settle = (): boolean => {
        if (this.#running > 0 || (this.#ended === 0 && !waited)) return false;
        resolve();
        return true;
      };
      if (settle()) return;
      this.#waiting.add(settle);
      setTimeout(() => {
        waited = true;
        if (settle()) this.#waiting.delete(settle);
      }, noneAskedMs);
    });
  }
}

/** The worker's own: its body jobs report here, its syncs wait here. */
export const articleTexts = new ArticleTexts();

/** How long a sync started on an article waits for the page to ask for its text, once its list is stored. */
export const TEXT_ASK_WAIT_MS = 3000;
