import { describe, expect, it } from 'vitest';
import { fitsInFreeSpace, persistenceMessage, usageSummary } from '../../../src/lib/display/storage';
import type { Persistence } from '../../../src/lib/model/storage';

describe('storage figures in words', () => {
  it('shows usage against quota with a share', () => {
    expect(usageSummary({ usage: 12_345_678, quota: 1_200_000_000, available: 1_187_654_322 })).toBe('12.3 MB used of 1.2 GB (1%)');
    expect(usageSummary({ usage: 600_000_000, quota: 1_200_000_000, available: 600_000_000 })).toBe('600.0 MB used of 1.2 GB (50%)');
    expect(usageSummary({ usage: 5_000, quota: 2_000_000_000, available: 1_999_995_000 })).toBe('5.0 KB used of 2.0 GB (<1%)');
    expect(usageSummary({ usage: 0, quota: 1000, available: 1000 })).toBe('0 B used of 1.0 KB (0%)');
  });

  it('says when the browser gives no quota or no figures', () => {
    expect(usageSummary({ usage: 2_000, quota: 0, available: 0 })).toBe('2.0 KB used.');
    expect(usageSummary(null)).toMatch(/does not say/);
  });

  it('tells whether a download fits in the free space', () => {
    const estimate = { usage: 100, quota: 1_000, available: 900 };
    expect(fitsInFreeSpace(900, estimate)).toBe(true);
    expect(fitsInFreeSpace(901, estimate)).toBe(false);
    expect(fitsInFreeSpace(1, null)).toBeNull();
    expect(fitsInFreeSpace(1, { usage: 0, quota: 0, available: 0 })).toBeNull();
  });

  it('has a distinct sentence for every persistence state', () => {
    const states: Persistence[] = ['checking', 'granted', 'not-granted', 'denied', 'unsupported'];
    const sentences = states.map(persistenceMessage);
    expect(new Set(sentences).size).toBe(states.length);
    expect(persistenceMessage('granted')).toMatch(/^Granted/);
    expect(persistenceMessage('unsupported')).toMatch(/cannot/);
  });
});
