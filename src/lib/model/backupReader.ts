/**
 * Checked reading of a parsed backup file: every check names the JSON path of what it read, so a
 * reader (or a support thread) can find the problem in the file. Pure; runs in the worker and in Node.
 */

/** A backup file Folio will not import, with the JSON path of the problem ("$.marks[3].read.at"). */
export class BackupError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'BackupError';
  }
}

export type Obj = Record<string, unknown>;

/** Keys that reach Object internals when code copies them onto plain objects. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** "a string", "an array", "null"…: what was found, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function fail(path: string, problem: string): never {
  throw new BackupError(path, problem);
}

export function object(value: unknown, path: string, what = 'an object'): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected ${what}, got ${describe(value)}`);
  return value as Obj;
}

export function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
  if (value.length > max) fail(path, `too many entries: ${value.length}, over the limit of ${max.toLocaleString('en')}`);
  return value;
}

/** A string of at most `max` characters (a longer one is not something Folio wrote). */
export function string(value: unknown, path: string, max: number, allowEmpty = false): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
  if (value.length === 0 && !allowEmpty) fail(path, 'expected a non-empty string');
  if (value.length > max) fail(path, `the string is ${value.length} characters long, over the limit of ${max}`);
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `expected true or false, got ${describe(value)}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describe(value);
    fail(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${got}`);
  }
  return value as T;
}

/** Epoch milliseconds, not before 1970 and not after `latest` (now plus allowed clock skew). */
export function epochMs(value: unknown, path: string, latest: number): number {
  if (typeof value !== 'number') fail(path, `expected a number of milliseconds, got ${describe(value)}`);
  // JSON has no Infinity, but 1e400 parses to it.
  if (!Number.isFinite(value) || value < 0) fail(path, `expected a number of milliseconds since 1970, got ${value}`);
  if (value > latest) fail(path, `the time ${new Date(value).toISOString()} is in the future`);
  return value;
}

export function fraction(value: unknown, path: string): number {
  if (typeof value !== 'number') fail(path, `expected a number from 0 to 1, got ${describe(value)}`);
  if (!(value >= 0 && value <= 1)) fail(path, `expected a number from 0 to 1, got ${value}`);
  return value;
}

/** An absolute http(s) URL: the only addresses Folio fetches. */
export function webAddress(value: string, path: string): string {
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    fail(path, `expected an http(s) address, got ${JSON.stringify(value.slice(0, 80))}`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') fail(path, `expected an http(s) address, got a ${protocol} address`);
  return value;
}

/**
 * Refuses prototype keys anywhere in the document (unknown fields included) and nesting deeper than
 * `maxDepth`. Iterative, so a hostile file cannot exhaust the stack.
 */
export function checkKeys(root: unknown, maxDepth: number): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '$', depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) fail(path, `nested more than ${maxDepth} levels deep`);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    // Pushed last-first so the first problem in the file is the one reported.
    for (const [key, child] of Object.entries(value).reverse()) {
      const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (PROTOTYPE_KEYS.has(key)) fail(at, `the key "${key}" is not allowed`);
      stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
}

/** Size of the text in UTF-8 bytes, counted only when it could be over `max`. */
export function overBytes(text: string, max: number): number | null {
  if (text.length * 3 <= max) return null;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes > max ? bytes : null;
}
