/** An article body as stored and shown: bounded, sanitised HTML with its table of contents. */

export interface TocEntry {
  id: string;
  text: string;
  /** 2 for h2, 3 for h3, 4 for h4. */
  level: number;
}

export interface PreparedBody {
  html: string;
  toc: TocEntry[];
  /** The feed's body went past a limit and the rest was left out. */
  cut: boolean;
}

/**
 * The version of the body sanitiser whose output is stored. A stored body of another version
 * (older releases stored the feed's raw HTML) is sanitised again by the worker before it is shown.
 */
export const BODY_SANITIZER_VERSION = 1;
