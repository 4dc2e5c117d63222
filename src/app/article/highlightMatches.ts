import { matchRanges } from '../../lib/display/search';

export interface HighlightOptions {
  /** Folded index terms to mark. */
  terms: readonly string[];
  /** How many matches were marked, each time they are. */
  onmarked?: (marks: HTMLElement[]) => void;
}

const CLASS = 'search-hit';

/** Puts the text back as it was: every mark this action made becomes its text again. */
function unmark(node: HTMLElement): void {
  for (const mark of node.querySelectorAll(`mark.${CLASS}`)) mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
  node.normalize();
}

/** Wraps each matched word of one text node in a mark; the text is split, never parsed as HTML. */
function markNode(text: Text, terms: readonly string[], out: HTMLElement[]): void {
  const ranges = matchRanges(text.data, terms);
  const marks: HTMLElement[] = [];
  // From the end, so the offsets of earlier ranges stay valid as the node is split.
  for (let i = ranges.length - 1; i >= 0; i--) {
    const [start, end] = ranges[i] as [number, number];
    const word = text.splitText(start);
    word.splitText(end - start);
    const mark = document.createElement('mark');
    mark.className = CLASS;
    word.replaceWith(mark);
    mark.append(word);
    marks.unshift(mark);
  }
  // In document order: this node's marks follow the earlier nodes'.
  out.push(...marks);
}

function mark(node: HTMLElement, { terms, onmarked }: HighlightOptions): void {
  unmark(node);
  const marks: HTMLElement[] = [];
  if (terms.length > 0) {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    for (const text of texts) markNode(text, terms, marks);
  }
  onmarked?.(marks);
}

/**
 * Marks a search's words in an article's text, which is already sanitised and in the page: the
 * action walks its text nodes and wraps matches, so nothing from the feed is read as HTML.
 */
export function highlightMatches(node: HTMLElement, options: HighlightOptions) {
  mark(node, options);
  return {
    update: (next: HighlightOptions) => mark(node, next),
    destroy: () => unmark(node),
  };
}
