// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { liveReady } from '../../../src/app/head/handOver';

const root = (html: string): HTMLElement => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};
const cards = '<ol class="article-list"><li>a</li></ol>';

describe('handing over from the head to the live list', () => {
  it('waits while the app is mounting or still reading', () => {
    expect(liveReady(root(''), { continueReading: false, cards: 1, firstVisit: false })).toBe('no');
    expect(liveReady(root('<main><p data-loading>Opening your library…</p></main>'), { continueReading: false, cards: 1, firstVisit: false })).toBe('no');
    expect(liveReady(root(`<main>${cards}<p data-loading>Loading articles…</p></main>`), { continueReading: false, cards: 1, firstVisit: false })).toBe('no');
    expect(liveReady(root('<main><ol class="article-list"></ol></main>'), { continueReading: false, cards: 1, firstVisit: false })).toBe('no');
  });

  it('takes over once the cards are there, and "Continue reading" when the head showed it', () => {
    expect(liveReady(root(`<main>${cards}</main>`), { continueReading: false, cards: 1, firstVisit: false })).toBe('yes');
    expect(liveReady(root(`<main>${cards}</main>`), { continueReading: true, cards: 1, firstVisit: false })).toBe('cards');
    expect(liveReady(root(`<main><section class="continue"></section>${cards}</main>`), { continueReading: true, cards: 1, firstVisit: false })).toBe('yes');
  });

  it('waits while a first sync shows fewer cards than the head did', () => {
    const two = '<ol class="article-list"><li>a</li><li>b</li></ol>';
    expect(liveReady(root(`<main>${cards}</main>`), { continueReading: false, cards: 2, firstVisit: false })).toBe('no');
    expect(liveReady(root(`<main>${two}</main>`), { continueReading: false, cards: 2, firstVisit: false })).toBe('yes');
    // A sync that failed part way says so at once.
    expect(liveReady(root(`<main><p role="alert">Could not reach the feed</p>${cards}</main>`), { continueReading: false, cards: 2, firstVisit: false })).toBe('yes');
  });

  it('on a first visit, waits through the empty library that comes before the first sync lands', () => {
    expect(liveReady(root('<main><div class="empty-state"></div></main>'), { continueReading: false, cards: 10, firstVisit: true })).toBe('no');
    expect(liveReady(root('<main><p role="alert">Could not reach the feed</p></main>'), { continueReading: false, cards: 10, firstVisit: true })).toBe('yes');
  });

  it('takes over at once when the live view has something else to say', () => {
    expect(liveReady(root('<main><p role="alert">Folio could not open its stored articles</p></main>'), { continueReading: false, cards: 1, firstVisit: false })).toBe('yes');
    expect(liveReady(root('<main><div class="empty-state"></div></main>'), { continueReading: true, cards: 1, firstVisit: false })).toBe('yes');
  });
});
