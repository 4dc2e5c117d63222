// A DOM environment (jsdom) is what the .svelte.test.ts project gives; the action walks real text nodes.
import { describe, expect, it } from 'vitest';
import { highlightMatches } from '../../../src/app/article/highlightMatches';

function body(html: string): HTMLElement {
  const node = document.createElement('div');
  node.innerHTML = html;
  return node;
}

describe('marking a search in an article body', () => {
  it('wraps matched words of every text node in document order, and keeps the text', () => {
    const node = body('<p>Offline <em>first</em>: offline apps.</p><p>The <code>offline</code> flag, 東京 too.</p>');
    let found: HTMLElement[] = [];
    const action = highlightMatches(node, { terms: ['offline', '東京'], onmarked: (m) => (found = m) });
    expect(found.map((m) => m.textContent)).toEqual(['Offline', 'offline', 'offline', '東京']);
    expect(found.every((m) => m.className === 'search-hit' && m.children.length === 0)).toBe(true);
    expect(node.textContent).toBe('Offline first: offline apps.The offline flag, 東京 too.');
    action.update({ terms: ['flag'], onmarked: (m) => (found = m) });
    expect(found.map((m) => m.textContent)).toEqual(['flag']);
    expect(node.querySelectorAll('mark')).toHaveLength(1);
    action.destroy();
    expect(node.querySelectorAll('mark')).toHaveLength(0);
    expect(node.innerHTML).toBe('<p>Offline <em>first</em>: offline apps.</p><p>The <code>offline</code> flag, 東京 too.</p>');
  });

  it('treats markup-looking text as text', () => {
    const node = body('<p>&lt;img src=x onerror=alert(1)&gt; alert</p>');
    highlightMatches(node, { terms: ['alert', 'img'] });
    expect([...node.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['img', 'alert', 'alert']);
    expect(node.querySelector('img')).toBeNull();
  });
});
