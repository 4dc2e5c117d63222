// A DOM environment (jsdom) is what the .svelte.test.ts project gives; the action walks real text nodes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyText, partsOf } from '../../../src/app/article/bodyText';
import { markMatches, unmarkMatches } from '../../../src/app/article/highlightMatches';

function body(html: string): HTMLElement {
  const node = document.createElement('div');
  node.innerHTML = html;
  return node;
}

function content(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

afterEach(() => vi.useRealTimers());

describe('marking a search in an article body', () => {
  it('wraps matched words of every text node in document order, and keeps the text', () => {
    const node = body('<p>Offline <em>first</em>: offline apps.</p><p>The <code>offline</code> flag, 東京 too.</p>');
    const found = markMatches(node.childNodes, ['offline', '東京']);
    expect(found.map((m) => m.textContent)).toEqual(['Offline', 'offline', 'offline', '東京']);
    expect(found.every((m) => m.className === 'search-hit' && m.children.length === 0)).toBe(true);
    expect(node.textContent).toBe('Offline first: offline apps.The offline flag, 東京 too.');
    unmarkMatches(node);
    expect(node.querySelectorAll('mark')).toHaveLength(0);
    expect(node.innerHTML).toBe('<p>Offline <em>first</em>: offline apps.</p><p>The <code>offline</code> flag, 東京 too.</p>');
  });

  it('treats markup-looking text as text', () => {
    const node = body('<p>&lt;img src=x onerror=alert(1)&gt; alert</p>');
    markMatches([node], ['alert', 'img']);
    expect([...node.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['img', 'alert', 'alert']);
    expect(node.querySelector('img')).toBeNull();
  });
});

describe('cutting a text into parts', () => {
  it('fills the first part to its size, then the others to theirs, in order, with nothing lost', () => {
    const parts = partsOf([3, 2, 4, 1, 1, 5, 2], (n) => n, 5, 6);
    expect(parts).toEqual([[3, 2], [4, 1, 1], [5, 2]]);
    expect(partsOf([], (n: number) => n, 5, 6)).toEqual([]);
    expect(partsOf([9], (n) => n, 5, 6)).toEqual([[9]]);
  });
});

describe('putting an article text in the page', () => {
  const long = Array.from({ length: 12 }, (_, i) => `<p>Part ${i} offline ${'x'.repeat(1500)}</p>`).join('');

  it('shows the first screen at once and the rest a frame at a time, marking each part as it lands', () => {
    vi.useFakeTimers();
    const node = document.createElement('div');
    const marked: number[] = [];
    let complete = 0;
    const text = content(long);
    const action = bodyText(node, { content: text, terms: ['offline'], onmarked: (m) => marked.push(m.length), oncomplete: () => complete++ });
    const first = node.children.length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(12);
    expect(complete).toBe(0);
    // Not before the browser has painted (and laid out) the first part.
    vi.advanceTimersByTime(5);
    expect(node.children.length).toBe(first);
    vi.advanceTimersByTime(20);
    expect(node.children.length).toBeGreaterThan(first);
    vi.runAllTimers();
    expect(node.children.length).toBe(12);
    expect(complete).toBe(1);
    expect(marked.at(-1)).toBe(12);
    expect(marked[0]).toBe(first);
    // The parsed text is copied, never moved: it can be shown again.
    expect(text.childNodes).toHaveLength(12);
    action.destroy();
  });

  it('marks new words in place, and shows a new copy whole at once', () => {
    vi.useFakeTimers();
    const node = document.createElement('div');
    let marks: HTMLElement[] = [];
    const options = { content: content(long), terms: ['offline'], onmarked: (m: HTMLElement[]) => (marks = m) };
    const action = bodyText(node, options);
    vi.runAllTimers();
    action.update({ ...options, terms: ['part'] });
    expect(marks).toHaveLength(12);
    expect(node.querySelectorAll('mark')).toHaveLength(12);
    expect(marks.every((m) => m.textContent === 'Part')).toBe(true);
    action.update({ ...options, terms: ['part'], content: content('<p>Fresh copy</p>') });
    expect(node.innerHTML).toBe('<p>Fresh copy</p>');
    expect(marks).toHaveLength(0);
    action.destroy();
  });

  it('stops adding parts once it is gone', () => {
    vi.useFakeTimers();
    const node = document.createElement('div');
    let complete = false;
    const action = bodyText(node, { content: content(long), terms: [], oncomplete: () => (complete = true) });
    const first = node.children.length;
    action.destroy();
    vi.runAllTimers();
    expect(node.children.length).toBe(first);
    expect(complete).toBe(false);
  });
});
