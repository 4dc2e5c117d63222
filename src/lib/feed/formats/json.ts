/**
 * Type-checked reading of parsed JSON for the JSON Feed and Hugo index parsers. Every failure is a
 * FeedParseError whose message starts with the JSON path of the offending value ("$.items[3].date_published").
 */
import { FeedParseError } from './types';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a string", "an array", "null"…, for messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

export function fail(path: string, expected: string, value: unknown): never {
  throw new FeedParseError(`${path}: expected ${expected}, got ${typeName(value)}.`, { path });
}

/** An own property (never one inherited from Object.prototype). */
export function get(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** A string member; absent or null → null; any other type fails. */
export function optString(obj: JsonObject, key: string, path: string): string | null {
  const value = get(obj, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(`${path}.${key}`, 'a string', value);
  return value;
}

/** An array of strings; absent or null → []; any other type fails. */
export function optStringList(obj: JsonObject, key: string, path: string): string[] {
  const value = get(obj, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(`${path}.${key}`, 'an array of strings', value);
  return value.map((v: unknown, i) => (typeof v === 'string' ? v : fail(`${path}.${key}[${i}]`, 'a string', v)));
}

/** JSON.parse, with a syntax error reported at its line and column when the engine says where. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The engine's message may quote the offending text, line breaks and all: keep it to one short line.
    const raw = error instanceof Error ? error.message : String(error);
    const oneLine = raw.replace(/\s+/g, ' ').trim();
    const detail = oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
    const where = errorPosition(text, raw);
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    throw new FeedParseError(`Broken JSON${at}: ${detail}`, where ?? {});
  }
}

function errorPosition(text: string, detail: string): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/i.exec(detail);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/i.exec(detail);
  let index = position ? Number(position[1]) : -1;
  if (index < 0 && /end of (?:JSON )?(?:input|data)/i.test(detail)) index = text.length;
  if (index < 0) return null;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
