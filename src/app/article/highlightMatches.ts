import { matchRanges } from '../../lib/display/search';

const CLASS = 'search-hit';

/** Puts the text back as it was: every mark made here becomes its text again. */
export function unmarkMatches(root: HTMLElement): void {
  const marks = root.querySelectorAll(`mark.${CLASS}`);
  // Joining split text walks the whole tree: only worth it when something was marked.
  if (marks.length === 0) return;
  for (const mark of marks) mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
  root.normalize();
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

/**
 * Marks a search's words in nodes of an article's text, already sanitised and in the page: it walks
 * their text nodes and wraps matches, so nothing from the feed is read as HTML. Returns the marks in
 * document order.
 */
export function markMatches(nodes: Iterable<Node>, terms: readonly string[]): HTMLElement[] {
  const marks: HTMLElement[] = [];
  if (terms.length === 0) return marks;
  const texts: Text[] = [];
  for (const node of nodes) {
    if (node instanceof Text) texts.push(node);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  }
  for (const text of texts) markNode(text, terms, marks);
  return marks;
}
