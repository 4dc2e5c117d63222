import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../../src/lib/model/backup';
import { mergeMarks, mergeSettings, missingSources } from '../../../src/lib/model/backupMerge';

const S = 'https://blog.example.org/feed/';
const T = 1_750_000_000_000;

const mark = (id: string, fields: Omit<Mark, 'source' | 'id'> = {}, source = S): Mark => ({ source, id, ...fields });

describe('mergeMarks', () => {
  it('a newer read wins over an older unread, and a newer unread over an older read', () => {
    const current = [mark('a', { read: { value: false, at: T } }), mark('b', { read: { value: true, at: T + 5 } })];
    const incoming = [mark('a', { read: { value: true, at: T + 1 } }), mark('b', { read: { value: false, at: T + 9 } })];
    const { merged, changed } = mergeMarks(current, incoming);
    expect(merged).toEqual([mark('a', { read: { value: true, at: T + 1 } }), mark('b', { read: { value: false, at: T + 9 } })]);
    expect(changed).toBe(2);
  });

  it('an older mark loses, and a tie keeps the current one', () => {
    const current = [mark('a', { read: { value: true, at: T + 5 } }), mark('b', { saved: { value: true, at: T } })];
    const incoming = [mark('a', { read: { value: false, at: T + 4 } }), mark('b', { saved: { value: false, at: T } })];
    const result = mergeMarks(current, incoming);
    expect(result.merged).toEqual(current);
    expect(result.changed).toBe(0);
    expect(result.updated).toEqual([]);
  });

  it('saved toggled on two devices: the later toggle wins on both, whichever imports first', () => {
    const laptop = [mark('a', { saved: { value: true, at: T } }), mark('b', { saved: { value: false, at: T + 30 } })];
    const phone = [mark('a', { saved: { value: false, at: T + 10 } }), mark('b', { saved: { value: true, at: T + 20 } })];
    const onLaptop = mergeMarks(laptop, phone).merged;
    const onPhone = mergeMarks(phone, laptop).merged;
    expect(onLaptop).toEqual([mark('a', { saved: { value: false, at: T + 10 } }), mark('b', { saved: { value: false, at: T + 30 } })]);
    expect(onPhone).toEqual(onLaptop);
  });

  it('merges each field on its own: read from one side, position from the other', () => {
    const current = [mark('a', { read: { value: true, at: T + 50 }, position: { heading: 'intro', fraction: 0.1, progress: 0.1, at: T } })];
    const incoming = [mark('a', { read: { value: false, at: T }, position: { heading: 'results', fraction: 0.8, progress: 0.8, at: T + 60 }, saved: { value: true, at: T } })];
    expect(mergeMarks(current, incoming).merged).toEqual([
      mark('a', { read: { value: true, at: T + 50 }, saved: { value: true, at: T }, position: { heading: 'results', fraction: 0.8, progress: 0.8, at: T + 60 } }),
    ]);
  });

  it('a newer position wins even when it is further back in the article', () => {
    const current = [mark('a', { position: { heading: 'end', fraction: 0.95, progress: 0.95, at: T } })];
    const incoming = [mark('a', { position: { heading: null, fraction: 0, progress: 0, at: T + 1 } })];
    expect(mergeMarks(current, incoming).merged[0]?.position).toEqual({ heading: null, fraction: 0, progress: 0, at: T + 1 });
  });

  it('never deletes: articles and fields only one side has are kept', () => {
    const current = [mark('a', { read: { value: true, at: T } }), mark('b', { saved: { value: true, at: T } })];
    const incoming = [mark('b'), mark('c', { read: { value: true, at: T } })];
    const { merged, changed, updated } = mergeMarks(current, incoming);
    expect(merged).toEqual([...current, mark('c', { read: { value: true, at: T } })]);
    expect(changed).toBe(1);
    expect(updated).toEqual([mark('c', { read: { value: true, at: T } })]);
    expect(mergeMarks(current, []).merged).toEqual(current);
  });

  it('keys articles by source and id: the same id in two sources is two articles', () => {
    const current = [mark('a', { read: { value: true, at: T } })];
    const incoming = [mark('a', { read: { value: false, at: T + 1 } }, 'https://other.example/feed.xml')];
    expect(mergeMarks(current, incoming).merged).toHaveLength(2);
  });

  it('is idempotent: the same import twice changes nothing the second time', () => {
    const current = [mark('a', { read: { value: false, at: T } })];
    const incoming = [mark('a', { read: { value: true, at: T + 1 } }), mark('b', { saved: { value: true, at: T } })];
    const once = mergeMarks(current, incoming);
    const twice = mergeMarks(once.merged, incoming);
    expect(once.changed).toBe(2);
    expect(twice.changed).toBe(0);
    expect(twice.merged).toEqual(once.merged);
  });

  it('folds repeated marks of one article within the input', () => {
    const incoming = [mark('a', { read: { value: true, at: T } }), mark('a', { read: { value: false, at: T + 1 } }), mark('a', { read: { value: true, at: T + 1 } })];
    const { merged, changed } = mergeMarks([], incoming);
    expect(merged).toEqual([mark('a', { read: { value: false, at: T + 1 } })]);
    expect(changed).toBe(1);
  });

  it('keeps unchanged marks as the same objects and does not alias the input', () => {
    const current = [mark('a', { read: { value: true, at: T } })];
    const incoming = [mark('b', { read: { value: true, at: T } })];
    const { merged } = mergeMarks(current, incoming);
    expect(merged[0]).toBe(current[0]);
    incoming[0]!.read!.value = false;
    expect(merged[1]?.read?.value).toBe(true);
  });

  // Random marks on a few articles: the rules must hold for any history, not only the cases above.
  const stamped = fc.record({ value: fc.boolean(), at: fc.integer({ min: 0, max: 5 }) });
  const arbMark = fc.record(
    {
      source: fc.constantFrom(S, 'x.xml'),
      id: fc.constantFrom('a', 'b', 'c'),
      read: stamped,
      saved: stamped,
      position: fc.record({ heading: fc.constantFrom(null, 'h'), fraction: fc.double({ min: 0, max: 1, noNaN: true }), progress: fc.double({ min: 0, max: 1, noNaN: true }), at: fc.integer({ min: 0, max: 5 }) }),
    },
    { requiredKeys: ['source', 'id'] },
  );
  const marks = fc.array(arbMark, { maxLength: 8 });

  it('for any marks: idempotent, never loses a field, and keeps the newest time of each', () => {
    fc.assert(
      fc.property(marks, marks, (current, incoming) => {
        const once = mergeMarks(current, incoming);
        expect(mergeMarks(once.merged, incoming).changed).toBe(0);
        for (const m of [...current, ...incoming]) {
          const kept = once.merged.find((k) => k.source === m.source && k.id === m.id);
          for (const field of ['read', 'saved', 'position'] as const) {
            if (m[field] !== undefined) expect(kept?.[field]?.at).toBeGreaterThanOrEqual(m[field].at);
          }
        }
      }),
    );
  });
});

describe('mergeSettings', () => {
  it('takes the imported values and keeps fields the file does not set', () => {
    expect(mergeSettings({ textSize: 'small', theme: 'light' }, { theme: 'dark', lineWidth: 'wide' })).toEqual({
      textSize: 'small',
      theme: 'dark',
      lineWidth: 'wide',
    });
    expect(mergeSettings({ theme: 'light' }, {})).toEqual({ theme: 'light' });
  });
});

describe('missingSources', () => {
  it('adds only sources this browser lacks, once each', () => {
    const current = [{ address: S, kind: 'folio' as const, title: 'Mine' }];
    const incoming = [
      { address: S, kind: 'feed' as const, title: 'Theirs' },
      { address: 'https://new.example/atom.xml', kind: 'feed' as const, title: 'New' },
    ];
    expect(missingSources(current, incoming)).toEqual([incoming[1]]);
    expect(missingSources([...current, incoming[1]!], incoming)).toEqual([]);
  });
});
