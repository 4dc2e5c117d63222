/**
 * Splits a Hugo content file into YAML front matter and Markdown body. Real blogs hold broken files
 * (often written by tools or language models), so the shapes that are unambiguous are recovered —
 * with a note saying what was done — and anything else is reported with its 1-based line. Pure.
 */
import { isMap, isNode, parseDocument, type Document } from 'yaml';
import { closeWrapperFence, openingFence } from './fences';
import { readSimpleYaml } from './simpleYaml';

export type FrontMatterData = Record<string, unknown>;

export interface SplitOk {
  ok: true;
  data: FrontMatterData;
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyStartLine: number;
  /** What was repaired to read the file, or null for a well-formed file. */
  recovered: string | null;
  /** 1-based file line of each top-level front-matter key, for messages about its value. */
  keyLines: Record<string, number>;
}

export interface SplitError {
  ok: false;
  line: number;
  message: string;
}

export type SplitResult = SplitOk | SplitError;

/** Keys that make a `key: value` line at the top (or bottom) of a file front matter, not prose. */
const FRONT_MATTER_KEYS = new Set([
  'title', 'date', 'draft', 'tags', 'categories', 'description', 'summary', 'slug', 'author', 'authors',
  'url', 'lastmod', 'publishdate', 'expirydate', 'weight', 'aliases', 'keywords', 'image', 'images',
  'series', 'toc', 'showtoc', 'cover', 'words', 'readingminutes',
]);
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/;
const ATX_H1 = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})[-_]/;

export function splitFrontMatter(text: string, fileName: string): SplitResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const notes: string[] = [];
  let i = nextNonBlank(lines, 0);
  if (i === -1) return fail(1, 'empty file');

  // A whole post (or just its front matter) pasted inside a code fence.
  let wrapper = openingFence(lines[i] ?? '');
  if (wrapper) {
    const next = nextNonBlank(lines, i + 1);
    const nextLine = next === -1 ? '' : (lines[next] ?? '');
    if (isDelimiter(nextLine, '---') || isFrontMatterKeyLine(nextLine)) {
      lines[i] = '';
      notes.push(`front matter wrapped in a ${wrapper.lang || 'bare'} code fence`);
      i = next;
    } else {
      wrapper = null;
    }
  }

  const first = lines[i] ?? '';
  let data: FrontMatterData;
  let keyLines: Record<string, number> = {};
  let bodyStart: number;
  if (isDelimiter(first, '---')) {
    const close = findDelimiter(lines, i + 1);
    if (close === -1) return fail(i + 1, 'front matter has no closing "---"');
    const parsed = parseYaml(lines, i + 1, close);
    if (!parsed.ok) return parsed;
    ({ data, keyLines } = parsed);
    bodyStart = close + 1;
  } else if (isDelimiter(first, '+++')) {
    return fail(i + 1, 'TOML front matter (+++) is not supported');
  } else if (isFrontMatterKeyLine(first)) {
    const close = findDelimiter(lines, i + 1);
    if (close === -1) return fail(i + 1, 'front matter without "---" delimiters');
    const parsed = parseYaml(lines, i, close);
    if (!parsed.ok) return parsed;
    ({ data, keyLines } = parsed);
    notes.push('front matter had no opening "---"');
    bodyStart = close + 1;
  } else {
    const h1 = ATX_H1.exec(first);
    if (!h1?.[1]) return fail(i + 1, 'no front matter and no "# title" heading');
    lines[i] = '';
    bodyStart = i + 1;
    const fileDate = DATE_PREFIX.exec(baseName(fileName))?.[1];
    const trailing = trailingFrontMatter(lines, bodyStart);
    if (trailing) {
      // Fields the author left at the end of the file win over what the heading and name imply.
      data = { title: h1[1], ...(fileDate ? { date: fileDate } : {}), ...trailing.data };
      keyLines = trailing.keyLines;
      lines.length = trailing.start;
      notes.push('no front matter at the top: title from the "# " heading, front matter from the end of the file');
    } else {
      data = { title: h1[1], ...(fileDate ? { date: fileDate } : {}) };
      notes.push(`no front matter: title from the "# " heading${fileDate ? ', date from the file name' : ', no date'}`);
    }
    keyLines.title ??= i + 1;
  }

  if (wrapper) closeWrapperFence(lines, bodyStart, wrapper);

  if (stringValue(data.title) === null) {
    const h = nextNonBlank(lines, bodyStart);
    const h1 = h === -1 ? null : ATX_H1.exec(lines[h] ?? '');
    if (!h1?.[1]) return fail(i + 1, 'no title in the front matter');
    data.title = h1[1];
    keyLines.title = h + 1;
    lines[h] = '';
    notes.push('title from the first "# " heading');
  }

  return {
    ok: true,
    data,
    body: lines.slice(bodyStart).join('\n'),
    bodyStartLine: bodyStart + 1,
    recovered: notes.length > 0 ? notes.join('; ') : null,
    keyLines,
  };
}

function fail(line: number, message: string): SplitError {
  return { ok: false, line, message };
}

function nextNonBlank(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') return i;
  return -1;
}

/** "---" alone on its line, tolerating surrounding spaces. */
function isDelimiter(line: string, delimiter: string): boolean {
  return line.trim() === delimiter;
}

function findDelimiter(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (isDelimiter(lines[i] ?? '', '---')) return i;
  return -1;
}

function isFrontMatterKeyLine(line: string): boolean {
  const key = KEY_LINE.exec(line)?.[1];
  return key !== undefined && FRONT_MATTER_KEYS.has(key.toLowerCase());
}

function stringValue(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

type ParsedYaml = { ok: true; data: FrontMatterData; keyLines: Record<string, number> } | SplitError;

/** Parses lines [from, to) as a YAML mapping; errors carry the 1-based file line. */
function parseYaml(lines: string[], from: number, to: number): ParsedYaml {
  const simple = readSimpleYaml(lines, from, to);
  if (simple) return { ok: true, data: simple, keyLines: keyLinesOf(lines, from, to) };
  const source = lines.slice(from, to).join('\n');
  const doc = parseDocument(source);
  const error = doc.errors[0];
  if (error) {
    // Point at the field holding the broken value (e.g. where an unclosed quote opened).
    const start = error.code === 'DUPLICATE_KEY' ? null : fieldStart(doc, error.pos[0]);
    const line = from + lineInSource(source, start ?? error.pos[0]);
    const message = error.message.replace(/ at line \d+, column \d+[\s\S]*$/, '');
    return fail(Math.min(line, to + 1), `invalid YAML front matter: ${message}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { ok: true, data: {}, keyLines: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail(from + 1, 'front matter is not a list of "key: value" fields');
  }
  return { ok: true, data: value as FrontMatterData, keyLines: keyLinesOf(lines, from, to) };
}

function keyLinesOf(lines: string[], from: number, to: number): Record<string, number> {
  const keyLines: Record<string, number> = {};
  for (let i = from; i < to; i++) {
    const key = KEY_LINE.exec(lines[i] ?? '')?.[1];
    if (key !== undefined && !(key in keyLines)) keyLines[key] = i + 1;
  }
  return keyLines;
}

/** Start offset of the top-level field whose value holds `offset` (e.g. an unclosed quote). */
function fieldStart(doc: Document, offset: number): number | null {
  if (!isMap(doc.contents)) return null;
  for (const pair of doc.contents.items) {
    if (!isNode(pair.key) || !isNode(pair.value)) continue;
    const [keyStart] = pair.key.range ?? [];
    const end = pair.value.range?.[2];
    if (keyStart !== undefined && end !== undefined && keyStart <= offset && offset <= end) return keyStart;
  }
  return null;
}

/** 1-based line of an offset. */
function lineInSource(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** Front matter left at the end of a file: a last "---" followed only by known `key: value` fields. */
function trailingFrontMatter(
  lines: string[],
  from: number,
): { data: FrontMatterData; keyLines: Record<string, number>; start: number } | null {
  let start = -1;
  for (let i = lines.length - 1; i >= from; i--) {
    if (isDelimiter(lines[i] ?? '', '---')) {
      start = i;
      break;
    }
  }
  if (start === -1) return null;
  const first = nextNonBlank(lines, start + 1);
  if (first === -1 || !isFrontMatterKeyLine(lines[first] ?? '')) return null;
  const parsed = parseYaml(lines, start + 1, lines.length);
  if (!parsed.ok) return null;
  const keys = Object.keys(parsed.data);
  if (!keys.every((k) => FRONT_MATTER_KEYS.has(k.toLowerCase()))) return null;
  if (!('title' in parsed.data) && !('date' in parsed.data)) return null;
  return { data: parsed.data, keyLines: parsed.keyLines, start };
}
