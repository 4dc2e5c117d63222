/** Code-fence helpers for undoing a code fence wrapped around a post or its front matter. Pure. */

export interface Fence {
  char: '`' | '~';
  length: number;
  /** Info string, lower-cased ("markdown", "yaml", or "" for a bare fence). */
  lang: string;
}

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
const WRAPPER_LANGS = new Set(['', 'markdown', 'md', 'yaml', 'yml']);

/** A fence line that can wrap a post: bare or labelled markdown/yaml. */
export function openingFence(line: string): Fence | null {
  const m = FENCE.exec(line);
  const marks = m?.[1];
  const lang = (m?.[2] ?? '').trim().toLowerCase();
  if (!marks || !WRAPPER_LANGS.has(lang)) return null;
  return { char: marks[0] === '~' ? '~' : '`', length: marks.length, lang };
}

function isClosing(line: string, fence: Fence): boolean {
  const m = FENCE.exec(line);
  const marks = m?.[1];
  return !!marks && marks[0] === fence.char && marks.length >= fence.length && (m?.[2] ?? '').trim() === '';
}

/** Index of the line opening a fenced block that is still open at the end of lines[from…], or -1. */
export function unclosedFence(lines: string[], from: number): number {
  let open: { fence: Fence; line: number } | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (open) {
      if (isClosing(line, open.fence)) open = null;
      continue;
    }
    const m = FENCE.exec(line);
    const marks = m?.[1];
    // A backtick fence's info string may not contain a backtick (CommonMark).
    if (marks && !(marks[0] === '`' && (m?.[2] ?? '').includes('`'))) {
      open = { fence: { char: marks[0] === '~' ? '~' : '`', length: marks.length, lang: '' }, line: i };
    }
  }
  return open ? open.line : -1;
}

/**
 * Blanks the fence that closes a wrapper opened before the front matter: right after the front
 * matter for a yaml (or, when unbalanced, bare) wrapper, else the last non-blank line of the file when it is a bare
 * fence that nothing else closes. Returns whether one was removed.
 */
export function closeWrapperFence(lines: string[], bodyStart: number, wrapper: Fence): boolean {
  const first = nextNonBlank(lines, bodyStart);
  if (first !== -1 && isClosing(lines[first] ?? '', wrapper)) {
    const yaml = wrapper.lang === 'yaml' || wrapper.lang === 'yml';
    // A bare fence there could open a code block: only when counting it leaves a fence unclosed.
    if (yaml || (wrapper.lang === '' && unclosedFence(lines, first) !== -1)) {
      lines[first] = '';
      return true;
    }
  }
  let last = lines.length - 1;
  while (last >= bodyStart && (lines[last] ?? '').trim() === '') last--;
  if (last >= bodyStart && isClosing(lines[last] ?? '', wrapper) && unclosedFence(lines, bodyStart) === last) {
    lines[last] = '';
    return true;
  }
  return false;
}

function nextNonBlank(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') return i;
  return -1;
}
