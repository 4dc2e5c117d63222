/**
 * Bytes of a feed (a file, an HTTP response body) to text for parseFeed. Pure and browser-safe
 * (TextDecoder). The encoding is, in order of precedence:
 *   1. a byte-order mark (UTF-8, UTF-16 LE/BE), or UTF-16 by the look of "<?xml" without one, or
 *      by the NUL in every other byte that BOM-less UTF-16 text has, or, for CJK text with few
 *      NULs, by reading as CJK, kana, Hangul or Latin text in one byte order;
 *   2. the charset of the HTTP Content-Type, when given;
 *   3. the encoding of the XML declaration (<?xml … encoding="ISO-8859-1"?>). Any label the
 *      platform's TextDecoder knows works: Shift_JIS, EUC-JP, ISO-8859-x, KOI8-R, GBK, Big5…
 *      (the WHATWG Encoding Standard, the same in browsers and in Node with full ICU);
 *   4. UTF-8, or windows-1252 when the bytes are plainly not UTF-8 (a Latin-1 feed that declares
 *      nothing, or declares UTF-8: common, and every reader shows it right).
 * A declared encoding the platform does not know, or a "UTF-16" declaration on a document that was
 * readable as ASCII (so it cannot be UTF-16), is ignored in favour of step 4.
 */

export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null = null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode(bytes.subarray(3), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode(bytes.subarray(2), 'utf-16be');
  // UTF-16 without a byte-order mark: "<?" as 3C 00 3F 00 or 00 3C 00 3F (XML 1.0, appendix F).
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) return decode(bytes, 'utf-16le');
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) return decode(bytes, 'utf-16be');
  const utf16 = bomlessUtf16(bytes);
  if (utf16 !== null) return decode(bytes, utf16);
  const declared = charsetOf(contentType) ?? xmlDeclaredEncoding(bytes);
  if (declared !== null && !isUtf8(declared)) {
    const text = tryDecode(bytes, declared);
    if (text !== null) return text;
  }
  return utf8OrLatin(bytes);
}

/**
 * UTF-16 without a byte-order mark, by its look: text in Latin script has a NUL in every other
 * byte (the high byte of each character), at odd offsets in little-endian, at even ones in
 * big-endian. Binary data has NULs too, but not in one column only. Reads the first 1 KB.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, 1024) & ~1;
  if (end < 8) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = end / 2;
  // Most pairs with a NUL in one column, almost none in the other (a NUL character is not text).
  if (oddNuls >= pairs * 0.6 && evenNuls <= pairs * 0.02) return 'utf-16le';
  if (evenNuls >= pairs * 0.6 && oddNuls <= pairs * 0.02) return 'utf-16be';
  // Few NULs, all in one column: the ASCII of the markup in CJK text.
  // (A CJK character such as U+4E00 may put the odd NUL in the other column.)
  if (oddNuls > evenNuls && evenNuls <= pairs * 0.02) return mostlyScriptText(bytes.subarray(0, end), 'utf-16le');
  if (evenNuls > oddNuls && oddNuls <= pairs * 0.02) return mostlyScriptText(bytes.subarray(0, end), 'utf-16be');
  return null;
}

// Letters of the scripts that fill a text, where few bytes are NUL: CJK, kana, Hangul, and the
// ASCII, Latin, Greek and Cyrillic that markup and mixed text bring along.
const SCRIPT_TEXT = /[\t\n\r -~\u00A0-\u024F\u0370-\u04FF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uFF00-\uFFEF]/g;

/**
 * UTF-16 text with few NULs (Chinese, Japanese or Korean text, where most characters have no zero
 * byte, and only the markup's ASCII has one): bytes that are not UTF-8, that decode without error
 * in the byte order the NULs point to, start as a feed does (`<`, `{`), and read as nine characters
 * in ten of those scripts. Binary data reads as scattered code points, far below that share.
 */
function mostlyScriptText(sample: Uint8Array, label: 'utf-16le' | 'utf-16be'): 'utf-16le' | 'utf-16be' | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return null;
  } catch {
    // Not UTF-8: try UTF-16 below.
  }
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true }).decode(sample, { stream: true });
  } catch {
    return null;
  }
  if (!/^\s*[<{]/.test(text)) return null;
  return (text.match(SCRIPT_TEXT)?.length ?? 0) >= text.length * 0.9 ? label : null;
}

/**
 * UTF-8, unless the bytes are not UTF-8 at all: invalid sequences and not one valid multi-byte
 * character means a single-byte encoding (Latin-1 / windows-1252 declared wrongly, or not at all).
 * A mostly valid UTF-8 document with a few bad bytes stays UTF-8, with U+FFFD for those bytes.
 */
function utf8OrLatin(bytes: Uint8Array): string {
  const text = decode(bytes, 'utf-8');
  if (!text.includes('\uFFFD')) return text;
  // Any character beyond ASCII other than U+FFFD came from a valid multi-byte sequence.
  return /[^\t\n\r -~\uFFFD]/.test(text) ? text : decode(bytes, 'windows-1252');
}

function isUtf8(label: string): boolean {
  return /^(?:utf-?8|unicode-1-1-utf-8|unicode11utf8|unicode20utf8|x-unicode20utf8)$/i.test(label);
}

/** The charset parameter of a Content-Type header value, lower-cased, or null. */
export function charsetOf(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** The encoding named by an XML declaration at the start of the bytes (read as ASCII), or null. */
function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  let head = '';
  const end = Math.min(bytes.length, 512);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0 || b > 0x7e) break;
    head += String.fromCharCode(b);
    if (b === 0x3e) break; // ">": the declaration ends at the first one
  }
  const m = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1] ? m[1].toLowerCase() : null;
}

function tryDecode(bytes: Uint8Array, label: string): string | null {
  // A document whose declaration was readable as ASCII is not UTF-16 (or 32) without a byte-order mark.
  if (/^(?:utf-?16|utf-?32|ucs-?2|unicode)/i.test(label)) return null;
  try {
    return decode(bytes, label);
  } catch {
    return null; // An encoding the platform does not know (RangeError).
  }
}

function decode(bytes: Uint8Array, label: string): string {
  const decoder = new TextDecoder(label);
  const text = decoder.decode(bytes);
  // Some runtimes (Node.js ≤ 22) decode windows-1252, which every "latin1"/"iso-8859-1" label means,
  // as ISO-8859-1: 0x80-0x9F come out as C1 controls instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252[c.charCodeAt(0) - 0x80] ?? c) : text;
}

/** windows-1252 bytes 0x80-0x9F (the five unassigned ones stay as they are). */
const WINDOWS_1252 = [
  '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
  '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
];
