/**
 * The front matter nearly every post has, read without the YAML library: one `key: value` a line,
 * where the value is a double- or single-quoted string, a flow list of double-quoted strings, or a
 * plain word, date, whole number, boolean or null. The library costs about a twentieth of a post's
 * build; this reads the same lines in a few microseconds. Anything else (an indented line, a comment
 * after a value, a float, a repeated key) gives null, and the library reads the lines, with its
 * errors and line numbers. A test holds the two to the same result. Pure.
 */
const KEY_VALUE = /^([A-Za-z_][\w-]*): +(\S.*)$/;
/** Characters that make a line something other than a plain one-line value. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\t]/;
/** A plain value that YAML 1.2's core schema reads as a string: it starts with a letter and holds no indicator. */
const PLAIN_WORDS = /^[A-Za-z][^:#,[\]{}]*$/;
/** A date, or a date and time, which YAML 1.2 reads as a string. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const TRAILING_SPACES = / +$/;
const WHOLE_NUMBER = /^(?:0|[1-9]\d{0,14})$/;
const SPECIAL: ReadonlyMap<string, boolean | null> = new Map<string, boolean | null>([
  ['true', true], ['True', true], ['TRUE', true],
  ['false', false], ['False', false], ['FALSE', false],
  ['null', null], ['Null', null], ['NULL', null], ['~', null],
]);

/** Lines [from, to) as a mapping, or null when they need the YAML library. */
export function readSimpleYaml(lines: readonly string[], from: number, to: number): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  for (let i = from; i < to; i++) {
    const raw = lines[i] ?? '';
    if (UNSAFE.test(raw)) return null;
    // YAML's white space is the space and the tab (refused above); trimEnd would take U+00A0 and more.
    const line = raw.replace(TRAILING_SPACES, '');
    if (line === '' || line.startsWith('#')) continue;
    const match = KEY_VALUE.exec(line);
    const key = match?.[1];
    const text = match?.[2];
    if (key === undefined || text === undefined || key === '__proto__' || Object.hasOwn(data, key)) return null;
    const value = simpleValue(text);
    if (value === undefined) return null;
    data[key] = value;
  }
  return data;
}

/** The value of one line's text, or undefined when the library must read it. */
function simpleValue(text: string): unknown {
  const first = text[0];
  if (first === '"') return jsonOf(text, (value) => typeof value === 'string');
  if (first === '[') return jsonOf(text, (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'));
  if (first === "'") return singleQuoted(text);
  const special = SPECIAL.get(text);
  if (special !== undefined) return special;
  if (WHOLE_NUMBER.test(text)) return Number(text);
  if (PLAIN_DATE.test(text)) return text;
  if (PLAIN_WORDS.test(text)) return text;
  return undefined;
}

/** JSON's strings and lists of strings are YAML's too, with the same escapes. */
function jsonOf(text: string, accept: (value: unknown) => boolean): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return accept(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function singleQuoted(text: string): string | undefined {
  if (text.length < 2 || !text.endsWith("'")) return undefined;
  const inner = text.slice(1, -1);
  // A lone quote inside would end the string early: the library says what follows is wrong.
  if (inner.replaceAll("''", '').includes("'")) return undefined;
  return inner.replaceAll("''", "'");
}
