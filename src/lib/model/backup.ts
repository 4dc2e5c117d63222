/**
 * "Your data": the backup file a reader takes to another browser. Version 1 holds sources (by
 * address), per-article marks (read, saved, reading position, each with the time it was set) and
 * display settings. Import refuses, with the JSON path of the problem, anything Folio did not write;
 * fields it does not know are ignored, so a later version can add some without breaking this one.
 */
import type { ReadingPosition } from './readerState';
import { SETTING_CHOICES, type ReaderSettings } from './settings';
import type { SourceKind } from './source';

export type { ReadingPosition };
import * as check from './backupReader';
import { BackupError } from './backupReader';

export { BackupError };

export const BACKUP_FORMAT = 'folio-backup';
export const BACKUP_VERSION = 1;

/** Limits on what import reads: far above any real reader's data, far below what hurts a tab. */
export const BACKUP_LIMITS = {
  /** UTF-8 bytes of the file. */
  bytes: 20 * 1024 * 1024,
  sources: 10_000,
  marks: 1_000_000,
  /** Characters of a source address or an article id. */
  address: 2_048,
  id: 512,
  /** Characters of a source title or a heading. */
  text: 1_000,
  /** JSON nesting, unknown fields included (version 1 itself needs 4). */
  depth: 32,
  /** Times up to a day ahead of this device's clock are accepted: the other device's clock may run fast. */
  clockSkewMs: 24 * 60 * 60 * 1000,
} as const;

export const SOURCE_KINDS = ['folio', 'feed', 'file'] as const satisfies readonly SourceKind[];

export interface BackupSource {
  /** The feed folder's or feed's URL; a file's name for kind "file". */
  address: string;
  kind: SourceKind;
  title: string;
}

/** A value and the time (epoch ms) the reader set it: the newer one wins a merge. */
export interface Stamped<T> {
  value: T;
  at: number;
}

/** What a reader did with one article; a field is absent when they never touched it. */
export interface Mark {
  /** The address of the article's source, as in `sources`. */
  source: string;
  /** The article's id within its source. */
  id: string;
  read?: Stamped<boolean>;
  saved?: Stamped<boolean>;
  position?: ReadingPosition;
}

/** The settings a file sets; the rest stay as they are. */
export type Settings = Partial<ReaderSettings>;

export interface BackupData {
  sources: BackupSource[];
  marks: Mark[];
  settings: Settings;
}

export interface Backup extends BackupData {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
}

/** "folio-backup-2025-06-03.json", by the local date of `now`: the day the reader sees on their clock. */
export function backupFileName(now: number): string {
  const d = new Date(now);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `folio-backup-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}.json`;
}

/**
 * The file's text: indented, but one source or mark per line, so a file of thousands of marks stays
 * small and still reads (and diffs) line by line.
 */
export function encodeBackup(data: BackupData, now: number): string {
  const list = (items: unknown[]): string =>
    items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  const head = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date(now).toISOString() };
  const fields = [
    ...Object.entries(head).map(([key, value]) => `"${key}": ${JSON.stringify(value)}`),
    `"sources": ${list(data.sources.map(({ address, kind, title }) => ({ address, kind, title })))}`,
    `"marks": ${list(data.marks.map(markJson))}`,
    `"settings": ${JSON.stringify(settingsOf(data.settings))}`,
  ];
  return `{\n  ${fields.join(',\n  ')}\n}\n`;
}

/** Only the fields of the format, in a fixed order, whatever else the caller's objects carry. */
function markJson(m: Mark): Mark {
  const out: Mark = { source: m.source, id: m.id };
  if (m.read) out.read = { value: m.read.value, at: m.read.at };
  if (m.saved) out.saved = { value: m.saved.value, at: m.saved.at };
  if (m.position) out.position = { heading: m.position.heading, fraction: m.position.fraction, progress: m.position.progress, at: m.position.at };
  return out;
}

function settingsOf(s: Settings): Settings {
  const out: Settings = {};
  if (s.textSize !== undefined) out.textSize = s.textSize;
  if (s.lineWidth !== undefined) out.lineWidth = s.lineWidth;
  if (s.theme !== undefined) out.theme = s.theme;
  return out;
}

/** Reads a backup file's text, or throws a BackupError naming where it is wrong. */
export function parseBackup(text: string, now: number = Date.now()): Backup {
  const bytes = check.overBytes(text, BACKUP_LIMITS.bytes);
  if (bytes !== null) {
    check.fail('$', `the file is ${mb(bytes)}, over the ${mb(BACKUP_LIMITS.bytes)} limit for a Folio backup`);
  }
  const json = parseJsonText(text);
  const o = check.object(json, '$', 'an object (a Folio backup)');
  // The kind of file first: a wrong kind explains every later mismatch.
  if (o.format !== BACKUP_FORMAT) {
    check.fail('$.format', `expected "${BACKUP_FORMAT}": this is not a Folio backup file`);
  }
  checkVersion(o.version);
  check.checkKeys(json, BACKUP_LIMITS.depth);
  const exportedAt = check.string(o.exportedAt, '$.exportedAt', 64);
  if (Number.isNaN(Date.parse(exportedAt))) check.fail('$.exportedAt', 'expected an ISO 8601 date');
  const sources = parseSources(o.sources);
  const known = new Set(sources.map((s) => s.address));
  const latest = now + BACKUP_LIMITS.clockSkewMs;
  const marks = check.array(o.marks, '$.marks', BACKUP_LIMITS.marks).map((m, i) => parseMark(m, `$.marks[${i}]`, known, latest));
  const settings = o.settings === undefined ? {} : parseSettings(o.settings);
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, sources, marks, settings };
}

function parseJsonText(text: string): unknown {
  if (typeof text !== 'string') check.fail('$', 'expected the backup file as text');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const first = body[body.search(/\S/)];
  if (first === undefined) check.fail('$', 'the file is empty');
  if (first === '<') check.fail('$', 'the file is XML, not a Folio backup (a list of feeds in OPML is imported with the sources)');
  try {
    return JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(detail);
    const line = at ? ` at line ${body.slice(0, Number(at[1])).split('\n').length}` : '';
    return check.fail('$', `the file is not valid JSON${line} (${detail.slice(0, 160)})`);
  }
}

function checkVersion(version: unknown): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    check.fail('$.version', `expected ${BACKUP_VERSION}, got ${typeof version === 'number' ? version : check.describe(version)}`);
  }
  if (version > BACKUP_VERSION) {
    check.fail(
      '$.version',
      `this backup is version ${version}, from a newer Folio; this Folio reads version ${BACKUP_VERSION}: update Folio, then import it again`,
    );
  }
}

function parseSources(value: unknown): BackupSource[] {
  const seen = new Map<string, number>();
  return check.array(value, '$.sources', BACKUP_LIMITS.sources).map((s, i): BackupSource => {
    const p = `$.sources[${i}]`;
    const o = check.object(s, p);
    const kind = check.oneOf(o.kind, SOURCE_KINDS, `${p}.kind`);
    const address = check.string(o.address, `${p}.address`, BACKUP_LIMITS.address);
    if (kind !== 'file') check.webAddress(address, `${p}.address`);
    const first = seen.get(address);
    if (first !== undefined) check.fail(`${p}.address`, `repeats the address of $.sources[${first}]`);
    seen.set(address, i);
    return { address, kind, title: check.string(o.title, `${p}.title`, BACKUP_LIMITS.text, true) };
  });
}

function parseMark(value: unknown, p: string, known: Set<string>, latest: number): Mark {
  const o = check.object(value, p);
  const source = check.string(o.source, `${p}.source`, BACKUP_LIMITS.address);
  if (!known.has(source)) check.fail(`${p}.source`, 'expected the address of one of $.sources');
  const mark: Mark = { source, id: check.string(o.id, `${p}.id`, BACKUP_LIMITS.id) };
  const stamped = (v: unknown, at: string): Stamped<boolean> => {
    const s = check.object(v, at);
    return { value: check.boolean(s.value, `${at}.value`), at: check.epochMs(s.at, `${at}.at`, latest) };
  };
  if (o.read !== undefined) mark.read = stamped(o.read, `${p}.read`);
  if (o.saved !== undefined) mark.saved = stamped(o.saved, `${p}.saved`);
  if (o.position !== undefined) {
    const at = `${p}.position`;
    const s = check.object(o.position, at);
    const heading = s.heading === null ? null : check.string(s.heading, `${at}.heading`, BACKUP_LIMITS.text);
    mark.position = {
      heading,
      fraction: check.fraction(s.fraction, `${at}.fraction`),
      progress: check.fraction(s.progress, `${at}.progress`),
      at: check.epochMs(s.at, `${at}.at`, latest),
    };
  }
  return mark;
}

function parseSettings(value: unknown): Settings {
  const o = check.object(value, '$.settings');
  const settings: Settings = {};
  if (o.textSize !== undefined) settings.textSize = check.oneOf(o.textSize, SETTING_CHOICES.textSize, '$.settings.textSize');
  if (o.lineWidth !== undefined) settings.lineWidth = check.oneOf(o.lineWidth, SETTING_CHOICES.lineWidth, '$.settings.lineWidth');
  if (o.theme !== undefined) settings.theme = check.oneOf(o.theme, SETTING_CHOICES.theme, '$.settings.theme');
  return settings;
}

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
