import { describe, expect, it } from 'vitest';
import { readSettings, settingsAttributes } from '../../../src/lib/model/settings';
import { importMarks } from '../../../src/lib/store/importMarks';
import { markOpened, restoreRead, savePosition, setRead, setSaved } from '../../../src/lib/store/readerState';
import { marks, openTestDb } from '../helpers/testDb';

describe('reader marks in the store', () => {
  it('marks read and unread, and undoes a bulk change exactly', async () => {
    const db = openTestDb();
    await markOpened(db, 's/a', 10);
    const before = await setRead(db, ['s/a', 's/b'], true, 20);
    expect((await db.readerState.get('s/a'))?.readAt).toBe(10);
    expect((await db.readerState.get('s/b'))).toMatchObject({ readAt: 20, readChangedAt: 20 });
    await restoreRead(db, before);
    expect(await db.readerState.get('s/b')).toEqual(marks('s/b'));
    expect((await db.readerState.get('s/a'))?.readAt).toBe(10);
    await setRead(db, ['s/a'], false, 30);
    expect(await db.readerState.get('s/a')).toMatchObject({ readAt: null, readChangedAt: 30, openedAt: 10 });
  });

  it('saves, and reaching the end of an article marks it read', async () => {
    const db = openTestDb();
    await setSaved(db, 's/a', true, 5);
    await savePosition(db, 's/a', { heading: 'h', fraction: 0.5, progress: 0.4, at: 6 }, false);
    expect(await db.readerState.get('s/a')).toMatchObject({ savedAt: 5, readAt: null, position: { heading: 'h', progress: 0.4 } });
    await savePosition(db, 's/a', { heading: 'end', fraction: 1, progress: 1, at: 7 }, true);
    expect(await db.readerState.get('s/a')).toMatchObject({ readAt: 7, readChangedAt: 7 });
  });

  it('imports marks: the newer wins per field, nothing is deleted, a second import changes nothing', async () => {
    const db = openTestDb();
    await setRead(db, ['s/a'], true, 100);
    await setSaved(db, 's/a', true, 100);
    await setSaved(db, 's/keep', true, 50);
    const incoming = [
      { key: 's/a', mark: { source: 'x', id: 'a', read: { value: false, at: 200 }, saved: { value: false, at: 90 } } },
      { key: 's/new', mark: { source: 'x', id: 'new', saved: { value: true, at: 300 }, position: { heading: null, fraction: 0.2, progress: 0.2, at: 300 } } },
    ];
    expect(await importMarks(db, incoming)).toBe(2);
    expect(await db.readerState.get('s/a')).toMatchObject({ readAt: null, readChangedAt: 200, savedAt: 100 });
    expect(await db.readerState.get('s/new')).toMatchObject({ savedAt: 300, position: { progress: 0.2 } });
    expect(await db.readerState.get('s/keep')).toMatchObject({ savedAt: 50 });
    const snapshot = await db.readerState.orderBy('key').toArray();
    expect(await importMarks(db, incoming)).toBe(0);
    expect(await db.readerState.orderBy('key').toArray()).toEqual(snapshot);
  });
});

describe('reader settings', () => {
  it('falls back to defaults for anything unknown, and sets no attribute for a default', () => {
    expect(readSettings({ textSize: 'large', theme: 'purple', lineWidth: 3 })).toEqual({ textSize: 'large', lineWidth: 'medium', theme: 'system' });
    expect(readSettings('nonsense')).toEqual({ textSize: 'medium', lineWidth: 'medium', theme: 'system' });
    expect(settingsAttributes(readSettings({ theme: 'dark' }))).toEqual({ 'data-text-size': null, 'data-line-width': null, 'data-theme': 'dark' });
  });
});
