/**
 * Dates as their authors wrote them: the calendar day in the date's own offset, as Hugo shows it,
 * whatever the reader's time zone. Each case runs with the process in several zones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatDay, formatIsoDay } from '../../../src/lib/display/dates';
import { metaLine } from '../../../src/lib/display/meta';
import { parseDateParts } from '../../../src/lib/feed/dates';
import { parseFeedDateParts } from '../../../src/lib/feed/formats/values';
import { DEFAULT_PARAMS } from '../../../src/lib/list/params';
import { queryList } from '../../../src/lib/list/query';
import { catalogOf } from '../helpers/catalog';
import { buildPost } from '../../../src/lib/feed/hugo/post';
import { parseShard } from '../../../src/lib/feed/shard';

const READER_ZONES = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

/** How a written date is shown: parsed as the feed builder does, formatted as the list does. */
function shown(written: string, siteZone: string | null = null): string {
  const parts = parseDateParts(written, siteZone);
  if (!parts) throw new Error(`unreadable ${written}`);
  return formatDay(Date.parse(parts.date), parts.offset);
}

describe.each(READER_ZONES)('for a reader in %s', (zone) => {
  it('shows the day in the offset the date was written in', () => {
    process.env.TZ = zone;
    expect(new Date(0).getTimezoneOffset()).toBe(zoneOffsetAtEpoch(zone) || 0);
    expect(shown('2026-01-10T23:30:00-05:00')).toBe('January 10, 2026');
    expect(shown('2026-01-10T00:15:00+09:00')).toBe('January 10, 2026');
    expect(shown('2026-01-01T00:30:00+14:00')).toBe('January 1, 2026');
    expect(shown('2025-12-31T23:59:59-12:00')).toBe('December 31, 2025');
    expect(shown('2026-03-09T12:00:00Z')).toBe('March 9, 2026');
    expect(shown('2026-03-09')).toBe('March 9, 2026');
  });

  it('reads a date without an offset in the site time zone when one is set, else in UTC', () => {
    process.env.TZ = zone;
    expect(shown('2026-01-10T23:30:00', 'America/New_York')).toBe('January 10, 2026');
    expect(shown('2026-07-10T23:30:00', 'America/New_York')).toBe('July 10, 2026');
    expect(shown('2026-01-10T23:30:00')).toBe('January 10, 2026');
    expect(shown('2026-01-10', 'Asia/Tokyo')).toBe('January 10, 2026');
  });

  it('names the day in the meta line, and in date chips', () => {
    process.env.TZ = zone;
    const date = Date.parse('2026-01-11T04:30:00Z');
    expect(metaLine({ date, dateOffset: -300, readingMinutes: 4, words: 812, author: 'martinuke0' })).toBe(
      'January 10, 2026 · 4 min · 812 words · martinuke0',
    );
    expect(formatIsoDay('2026-03-09')).toBe('March 9, 2026');
  });
});

/** The process's offset at 1970-01-01, in getTimezoneOffset's sign (west positive), to prove TZ took. */
function zoneOffsetAtEpoch(zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(0).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

describe('the date parts', () => {
  it('keep the sortable instant in UTC and the offset in minutes', () => {
    expect(parseDateParts('2026-01-10T23:30:00-05:00')).toEqual({ date: '2026-01-11T04:30:00.000Z', offset: -300 });
    expect(parseDateParts('2026-01-10T23:30:00+0530')).toEqual({ date: '2026-01-10T18:00:00.000Z', offset: 330 });
    expect(parseDateParts('2026-01-10T23:30:00', 'Asia/Kolkata')).toEqual({ date: '2026-01-10T18:00:00.000Z', offset: 330 });
    expect(parseDateParts('2026-01-10T23:30:00', 'Not/A_Zone')).toEqual({ date: '2026-01-10T23:30:00.000Z', offset: 0 });
    expect(parseDateParts('0001-01-01T00:00:00Z')).toBeNull();
  });

  it('come from RSS dates with named zones and numeric offsets', () => {
    expect(parseFeedDateParts('Sat, 10 Jan 2026 23:30:00 EST')).toEqual({ date: '2026-01-11T04:30:00.000Z', offset: -300 });
    expect(parseFeedDateParts('Sat, 10 Jan 2026 23:30:00 +0900')).toEqual({ date: '2026-01-10T14:30:00.000Z', offset: 540 });
    expect(parseFeedDateParts('Sat, 10 Jan 2026 23:30:00 GMT')?.offset).toBe(0);
  });
});

describe('date filters and the archive', () => {
  // Late on the last evening of January in New York is already February in UTC.
  const catalog = catalogOf({
    '2026-02': [
      { id: 'ny', date: '2026-02-01T04:30:00Z', topics: [], offset: -300 },
      { id: 'utc', date: '2026-02-01T01:00:00Z', topics: [] },
    ],
    '2026-01': [{ id: 'tokyo', date: '2026-01-31T16:00:00Z', topics: [], offset: 540 }],
  });
  const ids = (from: string | null, to: string | null) =>
    queryList(catalog, { ...DEFAULT_PARAMS, from, to }).keys.map((k) => k.slice(2));

  it('filter by the author\'s day', () => {
    expect(ids('2026-01-31', '2026-01-31')).toEqual(['ny']);
    expect(ids('2026-02-01', '2026-02-01')).toEqual(['utc', 'tokyo']);
    expect(ids('2026-02-01', null)).toEqual(['utc', 'tokyo']);
    expect(ids(null, '2026-01-31')).toEqual(['ny']);
  });

  it('group months by the author\'s day, and keep the list newest first by instant', () => {
    const { archive } = queryList(catalog, DEFAULT_PARAMS);
    expect(archive).toEqual([{ year: 2026, count: 3, months: [{ month: 2, count: 2 }, { month: 1, count: 1 }] }]);
    expect(ids(null, null)).toEqual(['ny', 'utc', 'tokyo']);
  });
});

describe('the Hugo feed builder', () => {
  const site = { baseUrl: 'https://blog.example', section: 'posts', author: null };
  const post = (date: string, timeZone: string | null = null) => {
    const built = buildPost('p.md', `---\ntitle: P\ndate: ${date}\n---\nBody text.\n`, { ...site, timeZone });
    if (built.kind !== 'article') throw new Error(built.kind);
    return built.article;
  };

  it('writes the instant in UTC and the offset only when it is not UTC, so UTC feeds are unchanged', () => {
    expect(post('2026-01-10T23:30:00-05:00')).toMatchObject({ date: '2026-01-11T04:30:00.000Z', dateOffset: -300 });
    expect(post('2026-01-10T23:30:00Z')).not.toHaveProperty('dateOffset');
    expect(post('2026-01-10T23:30:00', 'Europe/Paris')).toMatchObject({ date: '2026-01-10T22:30:00.000Z', dateOffset: 60 });
  });

  it('carries the offset through a feed folder, and reads folders without one as UTC', () => {
    const shard = (article: object) =>
      parseShard({ format: 'folio-feed-shard', version: 1, key: '2026-01', articles: [{ id: 'a', slug: 'a', url: '', title: 'A', topics: [], author: null, summary: '', summaryTruncated: false, words: 1, readingMinutes: 1, body: null, ...article }] }, 'index/2026-01.json');
    expect(shard({ date: '2026-01-11T04:30:00.000Z', dateOffset: -300 }).articles[0]?.dateOffset).toBe(-300);
    expect(shard({ date: '2026-01-11T04:30:00.000Z' }).articles[0]).not.toHaveProperty('dateOffset');
    expect(shard({ date: '2026-01-11T04:30:00.000Z', dateOffset: 99_999 }).articles[0]?.dateOffset).toBe(1080);
    expect(shard({ date: '2026-01-11T04:30:00.000Z', dateOffset: 'x' }).articles[0]).not.toHaveProperty('dateOffset');
  });
});
