/** Keyboard shortcuts, in the manner of Miniflux and Gmail. */
export type ShortcutAction = 'next' | 'previous' | 'open' | 'original' | 'save' | 'read' | 'search' | 'next-article' | 'previous-article' | 'back' | 'help';

export interface Shortcut {
  keys: readonly string[];
  action: ShortcutAction;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j'], action: 'next', does: 'Next article in the list' },
  { keys: ['k'], action: 'previous', does: 'Previous article in the list' },
  { keys: ['o', 'Enter'], action: 'open', does: 'Open the article' },
  { keys: ['v'], action: 'original', does: 'Open the original in a new tab' },
  { keys: ['s'], action: 'save', does: 'Save or unsave' },
  { keys: ['m'], action: 'read', does: 'Mark read or unread' },
  { keys: ['/'], action: 'search', does: 'Search articles' },
  { keys: ['n'], action: 'next-article', does: 'Next article, in the reader' },
  { keys: ['p'], action: 'previous-article', does: 'Previous article, in the reader' },
  { keys: ['Esc'], action: 'back', does: 'Back to the list, to the article you opened' },
  { keys: ['?'], action: 'help', does: 'Show these shortcuts' },
];

/** What a key press reports, as far as shortcuts care. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element is a text field, a select or editable content. */
  typing: boolean;
  /** The press has been handled by something already. */
  defaultPrevented: boolean;
}

const BY_KEY = new Map<string, ShortcutAction>(
  SHORTCUTS.flatMap((s) => s.keys.filter((k) => k !== 'Enter').map((k) => [k === 'Esc' ? 'Escape' : k, s.action] as const)),
);

/** The action of a key press; null while typing, with a modifier held, or for any other key. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.defaultPrevented || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.typing) return null;
  // Enter on a focused link opens it natively; "o" does the same.
  return BY_KEY.get(press.key) ?? null;
}

/** Whether an element takes typed text, where single-letter shortcuts must not fire. */
export function isTyping(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}
