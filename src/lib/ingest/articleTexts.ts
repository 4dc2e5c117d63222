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
      this.#recheck();
    };
  }

  /** Resolves once no text is being fetched: at once when none is. */
  idle(): Promise<void> {
    return this.#until(() => this.#running === 0);
  }

  /**
   * Resolves once no text is being fetched and one has been, or, when none is asked for within
   * `noneAskedMs` (the article was not found, the reader left), once none is being fetched.
   */
  settled(noneAskedMs: number): Promise<void> {
    let waited = false;
    const timer = setTimeout(() => {
      waited = true;
      this.#recheck();
    }, noneAskedMs);
    return this.#until(() => this.#running === 0 && (this.#ended > 0 || waited)).finally(() => clearTimeout(timer));
  }

  #until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiting.add(() => {
        if (!ready()) return false;
        resolve();
        return true;
      });
    });
  }

  #recheck(): void {
    for (const check of this.#waiting) if (check()) this.#waiting.delete(check);
  }
}

/** The worker's own: its body jobs report here, its syncs wait here. */
export const articleTexts = new ArticleTexts();

/** How long a sync started on an article waits for the page to ask for its text, once its list is stored. */
export const TEXT_ASK_WAIT_MS = 3000;
