/** Headings that introduce a post's own list of contents: "Table of Contents", "Contents", "TOC"… */
const CONTENTS_TITLE = /^(?:table of contents|contents|toc|in this (?:post|article)|on this page)$/;

/** What may make up such a section: lists of links, rules and empty paragraphs. */
const LIST_LIKE = new Set(['UL', 'OL', 'HR', 'NAV']);

function normalise(text: string | null): string {
  return (text ?? '').replace(/[\s:.\u00a0]+/g, ' ').trim().toLowerCase();
}

function isHeading(element: Element): boolean {
  return /^H[1-6]$/.test(element.tagName);
}

function isListLike(element: Element): boolean {
  if (LIST_LIKE.has(element.tagName)) return true;
  // Hugo writes "[TOC]"-style lists as paragraphs of links now and then; an empty paragraph is spacing.
  return element.tagName === 'P' && normalise(element.textContent) === normalise([...element.querySelectorAll('a')].map((a) => a.textContent).join(' '));
}

/**
 * Leaves out a post's own "Table of Contents" section (its heading and the lists right after it), because
 * the reader shows its own contents beside the text. Only a heading followed by a list is dropped, and only
 * when at least `minHeadings` other section headings (h2–h4) remain to build the reader's contents from,
 * so nothing is lost when the reader would show none. Works on any DOM (the page's or a worker's).
 * Returns whether a section was dropped.
 */
export function dropOwnContents(root: ParentNode, minHeadings = 2): boolean {
  const heading = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].find((h) => CONTENTS_TITLE.test(normalise(h.textContent)));
  if (!heading) return false;
  const section: Element[] = [];
  for (let next = heading.nextElementSibling; next && !isHeading(next); next = next.nextElementSibling) {
    // The section ends where text begins: an introduction after the list stays.
    if (!isListLike(next)) break;
    section.push(next);
  }
  if (!section.some((element) => element.tagName === 'UL' || element.tagName === 'OL' || element.tagName === 'P')) return false;
  const others = [...root.querySelectorAll('h2, h3, h4')].filter((h) => h !== heading);
  if (others.length < minHeadings) return false;
  heading.remove();
  for (const element of section) element.remove();
  return true;
}
