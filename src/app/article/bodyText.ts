import { markMatches, unmarkMatches } from './highlightMatches';

/** Text shown in the task that opens the article: more than a desktop screen of it (about 35 lines). */
const FIRST_PART_CHARS = 2500;
/**
 * Text each later task adds. Its style and layout must stay short on a phone, a quarter of a
 * desktop core: at 4× CPU throttling a part of 8,000 characters took 50–112 ms, one of 3,000 20–64.
 */
const PART_CHARS = 3000;

export interface BodyTextOptions {
  /** The checked text, parsed once (`readableBody`); its nodes are imported, never moved. */
  content: DocumentFragment;
  /** Folded index terms to mark. */
  terms: readonly string[];
  /** The marks so far, in document order, each time some are added. */
  onmarked?: (marks: HTMLElement[]) => void;
  /** Once all of the text is in the page. */
  oncomplete?: () => void;
}

/**
 * Cuts a run of items into parts of at least `first`, then `rest`, units of `size`, keeping their
 * order: the first part fills the screen, the rest follow it.
 */
export function partsOf<T>(items: Iterable<T>, size: (item: T) => number, first: number, rest: number): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let units = 0;
  for (const item of items) {
    part.push(item);
    units += size(item);
    if (units >= (parts.length === 0 ? first : rest)) {
      parts.push(part);
      part = [];
      units = 0;
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * Runs `run` in a task after the next frame, so each part's style and layout fall in a frame of its
 * own rather than all parts landing before one long layout. Returns how to cancel it.
 */
function afterNextFrame(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  return () => {
    cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
  };
}

const sameTerms = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((term, i) => term === b[i]);

/**
 * Puts an article's text in the page. A long text arrives in parts, one frame each, so opening it
 * never blocks input for long and its first screen paints without waiting for the layout of the
 * rest. Marks the search's words as each part lands; a new copy of the text replaces it whole, at
 * once, so the reader's place holds.
 */
export function bodyText(node: HTMLElement, options: BodyTextOptions) {
  let current = options;
  let marks: HTMLElement[] = [];
  let cancel: (() => void) | null = null;

  const place = (nodes: readonly Node[]): void => {
    const imported = nodes.map((child) => document.importNode(child, true));
    node.append(...imported);
    const found = markMatches(imported, current.terms);
    if (found.length > 0) current.onmarked?.((marks = [...marks, ...found]));
  };
  const show = (gradually: boolean): void => {
    cancel?.();
    cancel = null;
    node.replaceChildren();
    if (marks.length > 0) current.onmarked?.((marks = []));
    const children = [...current.content.childNodes];
    const parts = gradually ? partsOf(children, (child) => child.textContent?.length ?? 0, FIRST_PART_CHARS, PART_CHARS) : [children];
    const next = (): void => {
      place(parts.shift() ?? []);
      if (parts.length > 0) cancel = afterNextFrame(next);
      else {
        cancel = null;
        current.oncomplete?.();
      }
    };
    next();
  };

  show(true);
  return {
    update(next: BodyTextOptions): void {
      const previous = current;
      current = next;
      if (next.content !== previous.content) show(false);
      else if (!sameTerms(next.terms, previous.terms)) {
        unmarkMatches(node);
        current.onmarked?.((marks = markMatches([...node.childNodes], next.terms)));
      }
    },
    destroy(): void {
      cancel?.();
    },
  };
}
