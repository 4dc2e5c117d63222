import { describe, expect, it } from 'vitest';
import { formatDay, formatIsoDay, monthBounds, monthName, timeAgo } from '../../../src/lib/display/dates';
import { CARD_SUMMARY_CHARS, cardSummary, metaLine } from '../../../src/lib/display/meta';
import { articleHref, listHref, offlineHref, parseRoute, topicHref } from '../../../src/lib/router/routes';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';

describe('formatting', () => {
  it('writes days and months exactly as en-US Intl does, without loading its locale data', () => {
    const intlDay = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    const intlMonth = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });
    // Every 37 hours and a bit from 1999 to 2031: every day of the month, leap days and year ends.
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 37 * 3_600_000 + 1234) {
      expect(formatDay(ms)).toBe(intlDay.format(ms));
    }
    expect(formatDay(Date.parse('2026-01-11T04:30:00Z'), -300)).toBe('January 10, 2026');
    expect(formatIsoDay('2024-02-29')).toBe('February 29, 2024');
    expect(formatIsoDay('2024-13-01')).toBe('2024-13-01');
    for (let month = 1; month <= 12; month++) expect(monthName(month)).toBe(intlMonth.format(Date.UTC(2000, month - 1, 1)));
  });

  it("cuts a card's summary after a word near what three lines can hold, and says when it goes on", () => {
    expect(cardSummary({ summary: 'Short.', summaryTruncated: false })).toBe('Short.');
    expect(cardSummary({ summary: 'Cut by the feed', summaryTruncated: true })).toBe('Cut by the feed …');
    const words = 'lorem ipsum dolor sit amet '.repeat(40).trim();
    const cut = cardSummary({ summary: words, summaryTruncated: false });
    expect(cut.endsWith(' …')).toBe(true);
    const kept = cut.slice(0, -2);
    expect(kept.length).toBeLessThanOrEqual(CARD_SUMMARY_CHARS);
    expect(kept.length).toBeGreaterThan(CARD_SUMMARY_CHARS - 60);
    expect(words.startsWith(`${kept} `)).toBe(true);
    // No spaces (Chinese): cut at the limit, never between a surrogate pair's halves.
    const han = '漢'.repeat(CARD_SUMMARY_CHARS + 50);
    expect(cardSummary({ summary: han, summaryTruncated: false })).toBe(`${'漢'.repeat(CARD_SUMMARY_CHARS)} …`);
    const astral = `${'a'.repeat(CARD_SUMMARY_CHARS - 1)}😀${'b'.repeat(40)}`;
    expect(cardSummary({ summary: astral, summaryTruncated: false })).toBe(`${'a'.repeat(CARD_SUMMARY_CHARS - 1)} …`);
  });

  it('writes the meta line the way the blog does', () => {
    const date = Date.parse('2026-04-03T21:01:12.593Z');
    expect(metaLine({ date, readingMinutes: 11, words: 2256, author: 'martinuke0' })).toBe('April 3, 2026 · 11 min · 2256 words · martinuke0');
    expect(metaLine({ date: null, readingMinutes: 0, words: 0, author: null })).toBe('');
  });

  it('shows dates in UTC', () => {
    expect(formatDay(Date.parse('2025-05-21T04:30:00Z'))).toBe('May 21, 2025');
  });

  it('gives month bounds, leap years included', () => {
    expect(monthBounds(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds(2025, 12)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(timeAgo(now - 10_000, now)).toBe('just now');
    expect(timeAgo(now - 60_000, now)).toBe('1 minute ago');
    expect(timeAgo(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(timeAgo(now - 2 * 86_400_000, now)).toBe('2 days ago');
  });
});

describe('routes', () => {
  const base = '/';
  it('parses list, article and unknown paths', () => {
    expect(parseRoute(new URL('https://x.test/?topic=rust&size=5'), base)).toMatchObject({ name: 'list', params: { topics: ['rust'], size: 5 } });
    expect(parseRoute(new URL('https://x.test/read/default/my-post?page=2'), base)).toMatchObject({
      name: 'article', sourceId: 'default', id: 'my-post', key: 'default/my-post', params: { page: 2 },
    });
    expect(parseRoute(new URL('https://x.test/elsewhere'), base)).toEqual({ name: 'not-found', path: '/elsewhere' });
  });

  it('works under a sub-path and round-trips article links', () => {
    const params = { ...DEFAULT_PARAMS, topics: ['rust'] };
    const href = articleHref('/reader/', 'default/a b', params);
    expect(href).toBe('/reader/read/default/a%20b?topic=rust');
    expect(parseRoute(new URL(href, 'https://x.test'), '/reader/')).toMatchObject({ name: 'article', key: 'default/a b' });
    expect(listHref('/reader/', params)).toBe('/reader/?topic=rust');
  });

  it("links a topic to its own list, kept apart by base path and escaped as any list's link", () => {
    for (const base of ['/', '/reader/']) {
      for (const slug of ['rust', 'c++', 'a b&c', 'rust']) {
        expect(topicHref(base, slug)).toBe(listHref(base, { ...DEFAULT_PARAMS, topics: [slug] }));
      }
    }
    expect(topicHref('/reader/', 'rust')).toBe('/reader/?topic=rust');
    expect(topicHref('/', 'a b&c')).toBe('/?topic=a+b%26c');
  });

  it('links offline reading with the list filter, from page 1', () => {
    const href = offlineHref('/reader/', { ...DEFAULT_PARAMS, topics: ['rust'], from: '2024-01-01', page: 3 });
    expect(href).toBe('/reader/offline?topic=rust&from=2024-01-01');
    expect(parseRoute(new URL(href, 'https://x.test'), '/reader/')).toMatchObject({ name: 'offline', params: { topics: ['rust'], from: '2024-01-01', page: 1 } });
    expect(parseRoute(new URL('https://x.test/offline/'), '/')).toMatchObject({ name: 'offline', params: DEFAULT_PARAMS });
    expect(parseRoute(new URL('https://x.test/offline/more'), '/')).toMatchObject({ name: 'not-found' });
  });
});
