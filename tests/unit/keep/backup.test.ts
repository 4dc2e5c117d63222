import { describe, expect, it } from 'vitest';
import {
  BACKUP_LIMITS,
  BackupError,
  backupFileName,
  encodeBackup,
  parseBackup,
  type BackupData,
} from '../../../src/lib/model/backup';

const NOW = Date.UTC(2025, 5, 3, 10, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const BLOG = 'https://blog.example.org/feed/';

const DATA: BackupData = {
  sources: [
    { address: BLOG, kind: 'folio', title: 'Example blog' },
    { address: 'https://news.example.com/atom.xml', kind: 'feed', title: 'News & <things>' },
    { address: 'my-export.xml', kind: 'file', title: '' },
  ],
  marks: [
    { source: BLOG, id: 'first-post', read: { value: true, at: NOW - DAY } },
    {
      source: BLOG,
      id: 'second-post',
      saved: { value: true, at: NOW - 2 * DAY },
      position: { heading: 'setup', fraction: 0.42, progress: 0.42, at: NOW - DAY },
    },
    { source: 'my-export.xml', id: 'ünïcödé "quoted"', read: { value: false, at: NOW }, position: { heading: null, fraction: 1, progress: 1, at: NOW } },
  ],
  settings: { textSize: 'large', theme: 'dark' },
};

/** A valid backup as JSON, with `edit` applied: the way each refusal below is built. */
function file(edit: (o: Record<string, unknown>) => void = () => {}): string {
  const o = JSON.parse(encodeBackup(DATA, NOW)) as Record<string, unknown>;
  edit(o);
  return JSON.stringify(o);
}

function marks(o: Record<string, unknown>): Record<string, unknown>[] {
  return o.marks as Record<string, unknown>[];
}

function refusal(text: string): BackupError {
  try {
    parseBackup(text, NOW);
  } catch (error) {
    if (error instanceof BackupError) return error;
    throw error;
  }
  throw new Error('expected a BackupError');
}

describe('backup export', () => {
  it('names the file by the date', () => {
    // Local time: the date on the reader's own clock, whatever the time zone the tests run in.
    expect(backupFileName(new Date(2025, 5, 3, 0, 5).getTime())).toBe('folio-backup-2025-06-03.json');
    expect(backupFileName(new Date(2024, 11, 31, 23, 59).getTime())).toBe('folio-backup-2024-12-31.json');
  });

  it('writes version 1 with the export time, one mark per line', () => {
    const text = encodeBackup(DATA, NOW);
    const o = JSON.parse(text) as Record<string, unknown>;
    expect(o).toMatchObject({ format: 'folio-backup', version: 1, exportedAt: '2025-06-03T10:00:00.000Z' });
    expect(text.split('\n').filter((line) => line.includes('"id":'))).toHaveLength(3);
  });

  it('writes only the fields of the format', () => {
    const extra = { ...DATA, marks: [{ ...DATA.marks[0], key: 'internal' } as BackupData['marks'][number]] };
    expect(encodeBackup(extra, NOW)).not.toContain('internal');
  });

  it('round-trips through import unchanged', () => {
    const back = parseBackup(encodeBackup(DATA, NOW), NOW);
    expect(back).toEqual({ format: 'folio-backup', version: 1, exportedAt: '2025-06-03T10:00:00.000Z', ...DATA });
  });

  it('round-trips an empty library', () => {
    const empty: BackupData = { sources: [], marks: [], settings: {} };
    expect(parseBackup(encodeBackup(empty, NOW), NOW)).toMatchObject(empty);
  });
});

describe('backup import', () => {
  it('ignores fields it does not know, so later versions can add some', () => {
    const back = parseBackup(
      file((o) => {
        o.newThing = { deep: [1, 2, 3] };
        marks(o)[0]!.rating = 5;
        (o.settings as Record<string, unknown>).fontFamily = 'serif';
      }),
      NOW,
    );
    expect(back.marks[0]).toEqual(DATA.marks[0]);
    expect(back.settings).toEqual(DATA.settings);
  });

  it('accepts a byte-order mark and a file without settings', () => {
    expect(parseBackup(`\uFEFF${file((o) => delete o.settings)}`, NOW).settings).toEqual({});
  });

  it('accepts times a little ahead of this clock (the other device runs fast)', () => {
    const text = file((o) => (marks(o)[0]!.read = { value: true, at: NOW + DAY - 1 }));
    expect(parseBackup(text, NOW).marks[0]?.read?.at).toBe(NOW + DAY - 1);
  });

  const refusals: [string, () => string, RegExp][] = [
    ['an array root', () => '[]', /^\$: expected an object \(a Folio backup\), got an array$/],
    ['a string root', () => '"hello"', /^\$: expected an object .*got a string$/],
    ['an empty file', () => '  \n', /^\$: the file is empty$/],
    ['broken JSON', () => '{\n"format": "folio-backup",\n}', /^\$: the file is not valid JSON at line 3/],
    ['an OPML file', () => '<?xml version="1.0"?><opml/>', /^\$: the file is XML, not a Folio backup/],
    ['another format', () => file((o) => (o.format = 'folio-feed')), /^\$\.format: expected "folio-backup": this is not a Folio backup/],
    ['a missing format', () => JSON.stringify({ marks: [] }), /^\$\.format: /],
    ['a newer version', () => file((o) => (o.version = 2)), /^\$\.version: this backup is version 2, from a newer Folio; .*update Folio/],
    ['version 0', () => file((o) => (o.version = 0)), /^\$\.version: expected 1, got 0$/],
    ['a string version', () => file((o) => (o.version = '1')), /^\$\.version: expected 1, got a string$/],
    ['a bad export date', () => file((o) => (o.exportedAt = 'yesterday')), /^\$\.exportedAt: expected an ISO 8601 date$/],
    ['missing marks', () => file((o) => delete o.marks), /^\$\.marks: expected an array, got nothing$/],
    [
      'a string time',
      () => file((o) => (marks(o)[1]!.saved = { value: true, at: '2025-06-01' })),
      /^\$\.marks\[1\]\.saved\.at: expected a number of milliseconds, got a string$/,
    ],
    // JSON has no Infinity, but a number too large for a double parses to it.
    ['an infinite time', () => file((o) => (marks(o)[0]!.read = { value: true, at: 0 })).replace('"at":0', '"at":1e400'), /^\$\.marks\[0\]\.read\.at: expected a number of milliseconds since 1970, got Infinity$/],
    ['a negative time', () => file((o) => (marks(o)[0]!.read = { value: true, at: -5 })), /^\$\.marks\[0\]\.read\.at: expected a number of milliseconds since 1970, got -5$/],
    ['a time in the future', () => file((o) => (marks(o)[0]!.read = { value: true, at: NOW + 2 * DAY })), /^\$\.marks\[0\]\.read\.at: the time 2025-06-05T10:00:00.000Z is in the future$/],
    ['a read value that is not a boolean', () => file((o) => (marks(o)[0]!.read = { value: 'yes', at: NOW })), /^\$\.marks\[0\]\.read\.value: expected true or false, got a string$/],
    ['a fraction over 1', () => file((o) => ((marks(o)[1]!.position as Record<string, unknown>).fraction = 1.5)), /^\$\.marks\[1\]\.position\.fraction: expected a number from 0 to 1, got 1.5$/],
    ['a negative fraction', () => file((o) => ((marks(o)[1]!.position as Record<string, unknown>).fraction = -0.1)), /^\$\.marks\[1\]\.position\.fraction: .*got -0.1$/],
    ['a number heading', () => file((o) => ((marks(o)[1]!.position as Record<string, unknown>).heading = 3)), /^\$\.marks\[1\]\.position\.heading: expected a string, got a number$/],
    ['a mark of an unknown source', () => file((o) => (marks(o)[2]!.source = 'https://elsewhere.example/')), /^\$\.marks\[2\]\.source: expected the address of one of \$\.sources$/],
    ['an empty article id', () => file((o) => (marks(o)[0]!.id = '')), /^\$\.marks\[0\]\.id: expected a non-empty string$/],
    ['a huge article id', () => file((o) => (marks(o)[0]!.id = 'x'.repeat(BACKUP_LIMITS.id + 1))), /^\$\.marks\[0\]\.id: the string is 513 characters long, over the limit of 512$/],
    ['a mark that is not an object', () => file((o) => (marks(o)[1] = null as unknown as Record<string, unknown>)), /^\$\.marks\[1\]: expected an object, got null$/],
    ['a javascript: feed address', () => file((o) => ((o.sources as Record<string, unknown>[])[1]!.address = 'javascript:alert(1)')), /^\$\.sources\[1\]\.address: expected an http\(s\) address, got a javascript: address$/],
    ['a relative folio address', () => file((o) => ((o.sources as Record<string, unknown>[])[0]!.address = '/feed/')), /^\$\.sources\[0\]\.address: expected an http\(s\) address, got "\/feed\/"$/],
    ['an unknown kind', () => file((o) => ((o.sources as Record<string, unknown>[])[0]!.kind = 'ftp')), /^\$\.sources\[0\]\.kind: expected one of "folio", "feed", "file", got "ftp"$/],
    ['a repeated source', () => file((o) => (o.sources as unknown[]).push({ address: BLOG, kind: 'feed', title: 'Again' })), /^\$\.sources\[3\]\.address: repeats the address of \$\.sources\[0\]$/],
    ['an unknown text size', () => file((o) => (o.settings = { textSize: 'huge' })), /^\$\.settings\.textSize: expected one of "small", "medium", "large", "x-large", got "huge"$/],
    ['settings that are a list', () => file((o) => (o.settings = ['dark'])), /^\$\.settings: expected an object, got an array$/],
    ['a __proto__ key', () => file().replace('"settings": {', '"settings": {"__proto__": {"polluted": true}, ').replace('"settings":{', '"settings":{"__proto__":{"polluted":true},'), /^\$\.settings\.__proto__: the key "__proto__" is not allowed$/],
    ['an escaped __proto__ key', () => file().replace('{"source"', '{"\\u005f_proto__": 1, "source"'), /^\$\.marks\[0\]\.__proto__: the key "__proto__" is not allowed$/],
    ['a constructor key in an unknown field', () => file((o) => (o.extra = [{ a: { constructor: 1 } }])), /^\$\.extra\[0\]\.a\.constructor: the key "constructor" is not allowed$/],
    ['deep nesting', () => file((o) => (o.extra = JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown)), /^\$\.extra(\[0\]){32}: nested more than 32 levels deep$/],
  ];

  it.each(refusals)('refuses %s, naming where', (_what, make, message) => {
    expect(refusal(make()).message).toMatch(message);
  });

  it('keeps the path apart from the message', () => {
    const error = refusal(file((o) => (marks(o)[1]!.saved = { value: true, at: 'x' })));
    expect(error.path).toBe('$.marks[1].saved.at');
    expect(error.name).toBe('BackupError');
  });

  it('refuses a file over 20 MB before reading it', () => {
    const padding = ' '.repeat(BACKUP_LIMITS.bytes);
    expect(refusal(`${file()}${padding}`).message).toMatch(/^\$: the file is 20 MB, over the 20 MB limit/);
  });

  it('counts multi-byte characters in the size', () => {
    const text = `{"x":"${'é'.repeat(BACKUP_LIMITS.bytes / 2)}"}`; // 10 M characters, 20 MB + 8 bytes
    expect(refusal(text).message).toMatch(/over the 20 MB limit/);
  });

  it('refuses more marks than the limit', () => {
    const many = `{"format":"folio-backup","version":1,"exportedAt":"2025-06-03T10:00:00Z","sources":[],"marks":[${'0,'.repeat(BACKUP_LIMITS.marks)}0]}`;
    expect(refusal(many).message).toBe('$.marks: too many entries: 1000001, over the limit of 1,000,000');
  });

  it('does not pollute Object.prototype', () => {
    refusal(file().replace('"settings":{', '"settings":{"__proto__":{"polluted":true},'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
