import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, type KeyPress } from '../../../src/lib/display/shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key, ctrlKey: false, metaKey: false, altKey: false, typing: false, defaultPrevented: false, ...extra,
});

describe('shortcutFor', () => {
  it('maps each documented key to its action', () => {
    expect(['j', 'k', 'o', 'v', 's', 'm', '/', 'n', 'p', 'Escape', '?'].map((key) => shortcutFor(press(key)))).toEqual([
      'next', 'previous', 'open', 'original', 'save', 'read', 'search', 'next-article', 'previous-article', 'back', 'help',
    ]);
  });

  it('never fires while typing, with a modifier, or once handled', () => {
    expect(shortcutFor(press('j', { typing: true }))).toBeNull();
    expect(shortcutFor(press('s', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('s', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('m', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('?', { defaultPrevented: true }))).toBeNull();
    expect(shortcutFor(press('J'))).toBeNull();
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('leaves Enter to the focused link, and lists every action once', () => {
    expect(shortcutFor(press('Enter'))).toBeNull();
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  });
});
