/** The line, from the top of the screen, that a section must pass to count as the one being read. */
const READING_LINE = 0.3;

interface SectionOptions {
  ids: readonly string[];
  /** Whether all of the text is in: until then, later headings may be missing. */
  complete: boolean;
  onchange: (id: string | null) => void;
}

/**
 * Calls `onchange` with the id of the section being read: the last heading above a line a third of
 * the way down the screen. An IntersectionObserver wakes it only when a heading crosses that line
 * (no scroll listener), and it stops when the contents leave the page.
 */
export function observeSections(_node: HTMLElement, options: SectionOptions) {
  let headings: HTMLElement[] = [];
  let onchange = options.onchange;
  const update = (): void => {
    const line = window.innerHeight * READING_LINE;
    let current: string | null = null;
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top > line) break;
      current = heading.id;
    }
    onchange(current);
  };
  const observer = new IntersectionObserver(update, { rootMargin: `0px 0px -${100 - READING_LINE * 100}% 0px` });
  // The text lands in parts: its headings are looked up again once more of it is in.
  const watch = ({ ids }: SectionOptions): void => {
    observer.disconnect();
    headings = ids.map((id) => document.getElementById(id)).filter((h): h is HTMLElement => h !== null);
    for (const heading of headings) observer.observe(heading);
    update();
  };
  watch(options);
  return {
    update: (next: SectionOptions) => {
      onchange = next.onchange;
      watch(next);
    },
    destroy: () => observer.disconnect(),
  };
}
